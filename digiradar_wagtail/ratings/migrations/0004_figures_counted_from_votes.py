"""
A rating's figures are counted from its votes when read: the counter columns on RatingTarget, their
check constraints and ``updated_at`` (the last vote, now the newest vote's ``updated_at``) go, and
an index on ``(target, value)`` comes for counting.

Nothing has to be copied forward: the votes are the data, and the counters always equalled their
recount (check constraints, updated under a row lock). Going forward logs any target whose stored
figures differ from its votes (it would take a hand edit of the tables); its page then shows the
recount. Going back recounts the votes into the columns.
"""

import logging

from django.db import migrations, models
from django.db.models import Count, Max

COLUMNS = {-1: "n_minus1", 1: "n_1", 2: "n_2", 3: "n_3", 4: "n_4", 5: "n_5"}
logger = logging.getLogger("digiradar_wagtail.ratings")


def _recount(apps):
    """``{target_id: {value: count}}`` and ``{target_id: newest vote's updated_at}``, in one query each."""
    Vote = apps.get_model("digiradar_ratings", "Vote")
    counts = {}
    for target_id, value, n in Vote.objects.values_list("target_id", "value").annotate(n=Count("*")).order_by():
        counts.setdefault(target_id, {})[value] = n
    latest = dict(Vote.objects.values_list("target_id").annotate(last=Max("updated_at")).order_by())
    return counts, latest


def report_drift(apps, schema_editor):
    RatingTarget = apps.get_model("digiradar_ratings", "RatingTarget")
    counts, _latest = _recount(apps)
    for target in RatingTarget.objects.iterator():
        stored = {value: getattr(target, column) for value, column in COLUMNS.items()}
        recounted = {value: counts.get(target.pk, {}).get(value, 0) for value in COLUMNS}
        if stored != recounted:
            logger.warning(
                "Rating %s: stored figures %s differ from its votes %s; the votes count from now on.",
                target.translation_key,
                stored,
                recounted,
            )


def store_recount(apps, schema_editor):
    RatingTarget = apps.get_model("digiradar_ratings", "RatingTarget")
    counts, latest = _recount(apps)
    for target in RatingTarget.objects.iterator():
        per_value = counts.get(target.pk, {})
        RatingTarget.objects.filter(pk=target.pk).update(
            vote_count=sum(per_value.values()),
            vote_sum=sum(value * n for value, n in per_value.items()),
            updated_at=latest.get(target.pk, target.created_at),
            **{column: per_value.get(value, 0) for value, column in COLUMNS.items()},
        )


class Migration(migrations.Migration):

    dependencies = [
        ("digiradar_ratings", "0003_rating_moderators_only_their_permissions"),
    ]

    operations = [
        # Backwards this runs last, when the columns and their constraints are back (all zeros).
        migrations.RunPython(report_drift, store_recount),
        migrations.RemoveConstraint(model_name="ratingtarget", name="digiradar_ratings_count_exact"),
        migrations.RemoveConstraint(model_name="ratingtarget", name="digiradar_ratings_sum_exact"),
        migrations.RemoveField(model_name="ratingtarget", name="n_1"),
        migrations.RemoveField(model_name="ratingtarget", name="n_2"),
        migrations.RemoveField(model_name="ratingtarget", name="n_3"),
        migrations.RemoveField(model_name="ratingtarget", name="n_4"),
        migrations.RemoveField(model_name="ratingtarget", name="n_5"),
        migrations.RemoveField(model_name="ratingtarget", name="n_minus1"),
        migrations.RemoveField(model_name="ratingtarget", name="updated_at"),
        migrations.RemoveField(model_name="ratingtarget", name="vote_count"),
        migrations.RemoveField(model_name="ratingtarget", name="vote_sum"),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(fields=["target", "value"], name="digiradar_ratings_vote_value"),
        ),
    ]
