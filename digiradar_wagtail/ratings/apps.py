from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarRatingsConfig(AppConfig):
    """Citizen ratings: a block for any page, one vote per person, a report for moderators."""

    name = "digiradar_wagtail.ratings"
    label = "digiradar_ratings"
    verbose_name = _("Citizen ratings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
