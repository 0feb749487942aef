from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarRatingsConfig(AppConfig):
    """Citizen ratings: a block for any page, one vote per person, a report for moderators."""

    name = "digiradar_wagtail.ratings"
    label = "digiradar_ratings"
    verbose_name = _("Citizen ratings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .. import extensions
        from . import signals
        from .blocks import render_rating_block

        signals.connect()
        extensions.register_block_renderer("ratings", render_rating_block)
        extensions.register_measure_aggregate(RatingAggregate())


class RatingAggregate:
    """A measure's rating results (never votes): ``rating`` in the API, ``ratings`` in export.json."""

    name = "rating"
    export_name = "ratings"

    def load(self, translation_keys):
        from .opendata import aggregates_for

        return aggregates_for(translation_keys)

    def api_field(self):
        from wagtail.api import APIField

        from .opendata import RatingSummaryField

        return APIField(self.name, serializer=RatingSummaryField())
