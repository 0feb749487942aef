"""
What a rating stores: one target per page (across its translations), one vote per person.

Votes are the only record of a rating's figures. Count, sum and the number of votes per value are
counted from the votes when they are read, through the index on ``(target, value)``, in the same
query that loads the targets (``RatingTarget.objects.with_counts()``: a LEFT JOIN and one GROUP BY
for a page, an export or the report, never a query per measure). A vote writes its own row and
nothing else, so votes on one measure no longer queue behind one counter row, and the published
figures equal a recount by construction. (Several counter rows per target would also spread the
writes, but they are a second copy of the votes that must be kept equal to them; counting on read
is less code, and an index-only count of a measure's votes costs well under a millisecond per
thousand votes.)
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..participation.blocks import RatingScale
from .scales import SCALE_VALUES, VALUE_COLUMNS, value_label


class RatingTargetQuerySet(models.QuerySet):
    def with_counts(self):
        """Each target with its votes counted per value (``n_minus1``, ``n_1`` ... ``n_5``), in this query."""
        counts = {
            column: Count("votes__value", filter=Q(votes__value=value))
            for value, column in VALUE_COLUMNS.items()
        }
        return self.annotate(**counts)


class RatingTarget(models.Model):
    """
    The rating of one page, shared by all its translations (keyed by ``translation_key``).

    Its figures (``vote_count``, ``vote_sum``, ``average``, ``distribution()``) are counted from
    the votes: loaded with the target by ``RatingTarget.objects.with_counts()``, or else counted
    with one query on first use.
    """

    translation_key = models.UUIDField(_("page"), unique=True, editable=False)
    scale = models.CharField(_("scale"), max_length=8, choices=RatingScale.choices, default=RatingScale.STARS)
    closed_by_moderator = models.BooleanField(_("closed by a moderator"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = RatingTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        # Only the one permission below: nobody gets to browse or edit raw rows.
        default_permissions = ()
        permissions = [("moderate_ratings", _("Can moderate ratings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__in=RatingScale.values), name="digiradar_ratings_target_scale"
            ),
        ]

    def __str__(self):
        return str(self.translation_key)

    def refresh_from_db(self, *args, **kwargs):
        self.forget_counts()
        super().refresh_from_db(*args, **kwargs)

    def forget_counts(self):
        """Count the votes again on next use."""
        for column in VALUE_COLUMNS.values():
            self.__dict__.pop(column, None)

    def set_counts(self, counts):
        """Take ``{value: number of votes}`` as counted elsewhere (in the statement of a vote)."""
        for value, column in VALUE_COLUMNS.items():
            self.__dict__[column] = counts.get(value, 0)

    def counts(self):
        """``{value: number of votes}`` for every value (zeros for an unsaved target)."""
        known = self.__dict__
        try:
            return {value: known[column] for value, column in VALUE_COLUMNS.items()}
        except KeyError:  # not counted yet (or forgotten)
            rows = {}
            if self.pk is not None:  # on PostgreSQL a vote's statement has counted them already
                rows = dict(self.votes.values_list("value").annotate(n=Count("pk")).order_by())
            self.set_counts(rows)
            return {value: known[column] for value, column in VALUE_COLUMNS.items()}

    @property
    def vote_count(self):
        return sum(self.counts().values())

    @property
    def vote_sum(self):
        return sum(value * n for value, n in self.counts().items())

    @property
    def average(self):
        count = self.vote_count
        return round(self.vote_sum / count, 2) if count else None

    def count_of(self, value):
        return self.counts()[value]

    def distribution(self):
        """``{value: count}`` for every value of the scale, best value first."""
        counts = self.counts()
        return {value: counts[value] for value in sorted(SCALE_VALUES[self.scale], reverse=True)}

    def distribution_figures(self):
        """``[(value, count, whole-number percent)]`` for every value of the scale, best value first."""
        total = self.vote_count
        return [
            (value, count, round(100 * count / total) if total else 0)
            for value, count in self.distribution().items()
        ]

    def distribution_rows(self):
        """Rows for the results chart: value, label, count and whole-number percent."""
        return [
            {"value": value, "label": value_label(self.scale, value), "count": count, "percent": percent}
            for value, count, percent in self.distribution_figures()
        ]


class Vote(models.Model):
    """
    One person's vote. Either ``user`` or ``voter_id`` (a keyed hash of a random cookie) is set,
    never both; neither is ever shown outside the database.
    """

    # No index of its own: every index below starts with the target (one index write less per vote).
    target = models.ForeignKey(RatingTarget, on_delete=models.CASCADE, related_name="votes", db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    voter_id = models.CharField(max_length=64, null=True, blank=True)
    scale = models.CharField(max_length=8, choices=RatingScale.choices)
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
                condition=Q(scale=RatingScale.STARS, value__gte=1, value__lte=5)
                | Q(scale=RatingScale.AGREE, value__in=[-1, 1]),
                name="digiradar_ratings_value_in_scale",
            ),
        ]
        indexes = [
            models.Index(fields=["target", "updated_at"], name="digiradar_ratings_vote_time"),
            # What the figures are counted from (an index-only scan on PostgreSQL).
            models.Index(fields=["target", "value"], name="digiradar_ratings_vote_value"),
        ]

    def __str__(self):
        # Deliberately says nothing about who voted.
        return f"{self.target_id}: {self.value}"


class UsedFormToken(models.Model):
    """A rating form's single-use nonce, recorded with the vote so that a replayed POST fails."""

    # A UUID (the form's 128 random bits): on PostgreSQL 16 bytes in one index, where a text key
    # needs a second index for pattern lookups that no one makes.
    nonce = models.UUIDField(primary_key=True)
    # No index: old nonces are deleted once an hour (``purge_old_nonces``), one scan of a small
    # table, while an index would cost every vote one more write.
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
