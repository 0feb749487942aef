"""Signal handlers that keep each measure's history as it is published."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import MeasurePage
from .models.history import record_publication


@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_record_history")
def record_measure_history(sender, instance, **kwargs):
    record_publication(instance)
