from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarRatingsConfig(AppConfig):
    """Citizen ratings: a block for any page, one vote per person, a report for moderators."""

    name = "digiradar_wagtail.ratings"
    label = "digiradar_ratings"
    verbose_name = _("Citizen ratings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks as django_checks
        from django.db.models.signals import post_delete, post_save
        from wagtail.permissions import register_permission_policy

        from .. import extensions
        from . import ballot, checks
        from .aggregates import RatingAggregate
        from .models import RatingTarget
        from .permissions import policy
        from .presenter import render_rating_block

        django_checks.register(checks.check_settings, django_checks.Tags.compatibility)
        django_checks.register(checks.check_vote_url, django_checks.Tags.urls)
        register_permission_policy(RatingTarget, policy)
        extensions.register_block_renderer("ratings", render_rating_block)
        extensions.register_measure_aggregate(RatingAggregate())
        post_save.connect(ballot.forget_block, dispatch_uid="digiradar_ratings.forget_block")
        post_delete.connect(ballot.forget_block, dispatch_uid="digiradar_ratings.forget_block")
