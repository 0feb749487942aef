"""A measure moved to another radar takes on that radar's sector and ring of the same slug."""

from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import MeasurePage, RadarRing, RadarSector


def _counterpart(model, part_id, radar_id):
    """The part of ``radar_id`` with the slug of ``part_id``, or that radar's first part."""
    slug = model.objects.filter(pk=part_id).values_list("slug", flat=True).first()
    parts = model.objects.filter(page_id=radar_id)
    return parts.filter(slug=slug).first() or parts.first()


@receiver(post_page_move, dispatch_uid="digiradar_measure_moved")
def adopt_new_radar(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if parent_page_before.pk == parent_page_after.pk:
        return
    measure = MeasurePage.objects.filter(pk=instance.pk).first()
    if measure is None:
        return
    sector = _counterpart(RadarSector, measure.sector_id, parent_page_after.pk)
    ring = _counterpart(RadarRing, measure.ring_id, parent_page_after.pk)
    if sector and ring:
        MeasurePage.objects.filter(pk=measure.pk).update(sector=sector, ring=ring)
