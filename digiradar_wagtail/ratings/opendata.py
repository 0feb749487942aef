"""
Aggregates (never votes) for open data: the API, and the radar's export.json/export.csv.

    from digiradar_wagtail.ratings.opendata import aggregates_for
    aggregates_for([measure.translation_key for measure in measures])
"""

import uuid

from rest_framework import serializers

from .models import RatingTarget


def empty_summary():
    return {"scale": None, "count": 0, "average": None, "distribution": {}}


def summary_of(target):
    """A target's public figures: scale, count, average and ``{value: count}`` as strings keys."""
    return {
        "scale": target.scale,
        "count": target.vote_count,
        "average": target.average,
        # String keys so that JSON and CSV consumers see the same thing ("-1", "1", ...).
        "distribution": {str(value): count for value, count in target.distribution().items()},
    }


def aggregates_for(translation_keys):
    """``{translation_key (UUID): summary}`` for every key given, in one query; zeros if unrated."""
    keys = {key if isinstance(key, uuid.UUID) else uuid.UUID(str(key)) for key in translation_keys}
    result = {key: empty_summary() for key in keys}
    if keys:
        for target in RatingTarget.objects.filter(translation_key__in=keys):
            result[target.translation_key] = summary_of(target)
    return result


class RatingSummaryField(serializers.Field):
    """
    Read-only API field with a page's rating aggregate::

        APIField("rating", serializer=RatingSummaryField())
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "translation_key")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, translation_key):
        return aggregates_for([translation_key])[translation_key]
