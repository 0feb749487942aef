from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps


class DigiradarRatingsConfig(participation_apps.ParticipationAppConfig):
    """Citizen ratings: a block for any page, one vote per person, a report for moderators."""

    name = "digiradar_wagtail.ratings"
    verbose_name = _("Citizen ratings")
    block_renderer = ("ratings", "digiradar_wagtail.ratings.presenter.render_rating_block")
    permission_policy = ("digiradar_ratings.RatingTarget", "digiradar_wagtail.ratings.permissions.policy")

    def connect(self):
        from django.core import checks as django_checks
        from django.db.models.signals import post_delete, post_save

        from .. import extensions
        from . import ballot, checks
        from .aggregates import RatingAggregate

        django_checks.register(checks.check_vote_url, django_checks.Tags.urls)
        extensions.register_measure_aggregate(RatingAggregate())
        post_save.connect(ballot.forget_block, dispatch_uid="digiradar_ratings.forget_block")
        post_delete.connect(ballot.forget_block, dispatch_uid="digiradar_ratings.forget_block")
