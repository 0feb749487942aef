"""
What a rating stores: one target per page (across its translations), one vote per person.

The aggregate columns on ``RatingTarget`` are updated in the same transaction as the vote,
under a row lock, and check constraints tie them together so that a bug cannot let them drift.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..participation.blocks import SCALE_AGREE, SCALE_CHOICES, SCALE_STARS
from .scales import SCALE_VALUES, VALUE_COLUMNS, value_label

_SUM_OF_COUNTS = sum((F(column) for column in VALUE_COLUMNS.values()), start=models.Value(0))
_WEIGHTED_SUM = sum((F(column) * value for value, column in VALUE_COLUMNS.items()), start=models.Value(0))


class RatingTarget(models.Model):
    """
    The rating of one page, shared by all its translations (keyed by ``translation_key``).

    Holds the aggregate (count, sum and a counter per value) so that pages and exports read
    results from one row instead of counting votes.
    """

    translation_key = models.UUIDField(_("page"), unique=True, editable=False)
    scale = models.CharField(_("scale"), max_length=8, choices=SCALE_CHOICES, default=SCALE_STARS)
    closed_by_moderator = models.BooleanField(_("closed by a moderator"), default=False)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    vote_sum = models.IntegerField(_("sum of values"), default=0)
    n_minus1 = models.PositiveIntegerField(default=0)
    n_1 = models.PositiveIntegerField(default=0)
    n_2 = models.PositiveIntegerField(default=0)
    n_3 = models.PositiveIntegerField(default=0)
    n_4 = models.PositiveIntegerField(default=0)
    n_5 = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last vote"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        # Only the one permission below: nobody gets to browse or edit raw rows.
        default_permissions = ()
        permissions = [("moderate_ratings", _("Can moderate ratings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote_count=_SUM_OF_COUNTS), name="digiradar_ratings_count_exact"
            ),
            models.CheckConstraint(condition=Q(vote_sum=_WEIGHTED_SUM), name="digiradar_ratings_sum_exact"),
            models.CheckConstraint(
                condition=Q(scale__in=[SCALE_STARS, SCALE_AGREE]), name="digiradar_ratings_target_scale"
            ),
        ]

    def __str__(self):
        return str(self.translation_key)

    @property
    def average(self):
        return round(self.vote_sum / self.vote_count, 2) if self.vote_count else None

    def count_of(self, value):
        return getattr(self, VALUE_COLUMNS[value])

    def distribution(self):
        """``{value: count}`` for every value of the scale, best value first."""
        return {value: self.count_of(value) for value in sorted(SCALE_VALUES[self.scale], reverse=True)}

    def distribution_rows(self):
        """Rows for the results chart: value, label, count and whole-number percent."""
        total = self.vote_count
        return [
            {
                "value": value,
                "label": value_label(self.scale, value),
                "count": count,
                "percent": round(100 * count / total) if total else 0,
            }
            for value, count in self.distribution().items()
        ]


class Vote(models.Model):
    """
    One person's vote. Either ``user`` or ``voter_id`` (a keyed hash of a random cookie) is set,
    never both; neither is ever shown outside the database.
    """

    target = models.ForeignKey(RatingTarget, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    voter_id = models.CharField(max_length=64, null=True, blank=True)
    scale = models.CharField(max_length=8, choices=SCALE_CHOICES)
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["target", "user"], name="digiradar_ratings_one_vote_per_user"),
            models.UniqueConstraint(
                fields=["target", "voter_id"], name="digiradar_ratings_one_vote_per_voter"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, voter_id__isnull=True)
                | Q(user__isnull=True, voter_id__isnull=False),
                name="digiradar_ratings_vote_has_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(scale=SCALE_STARS, value__gte=1, value__lte=5)
                | Q(scale=SCALE_AGREE, value__in=[-1, 1]),
                name="digiradar_ratings_value_in_scale",
            ),
        ]
        indexes = [models.Index(fields=["target", "updated_at"], name="digiradar_ratings_vote_time")]

    def __str__(self):
        # Deliberately says nothing about who voted.
        return f"{self.target_id}: {self.value}"


class UsedFormToken(models.Model):
    """A rating form's single-use nonce, recorded with the vote so that a replayed POST fails."""

    nonce = models.CharField(max_length=32, primary_key=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        default_permissions = ()
