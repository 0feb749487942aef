"""
A rating's figures for open data (aggregates, never votes): the API's ``rating`` field and the
radar's export.json/export.csv, joined to the radar through ``RatingAggregate`` (registered in
``AppConfig.ready()`` with ``extensions.register_measure_aggregate``).

    from digiradar_wagtail.ratings.aggregates import aggregates_for
    aggregates_for([measure.translation_key for measure in measures])

The figures are counted from the votes in the query that loads the targets
(``RatingTarget.objects.with_counts()``): one query for all measures of an export, never one per
measure.

Each summary has the same keys: ``scale``, ``count``, ``average``, ``distribution`` and
``results_hidden``. When the rating shows its results only after one's own vote or after close
and has not closed yet (see :mod:`.visibility`), ``results_hidden`` is true and ``count``,
``average`` and ``distribution`` are null: what the page shows a visitor who has not voted.
"""

import uuid

from django.db.models import QuerySet
from rest_framework import serializers

from .models import RatingTarget
from .visibility import public_results


def empty_summary():
    """No rating, or no vote yet."""
    return {"scale": None, "count": 0, "average": None, "distribution": {}, "results_hidden": False}


def hidden_summary(scale):
    """A rating whose results are not public (yet): the scale only."""
    return {"scale": scale, "count": None, "average": None, "distribution": None, "results_hidden": True}


def summary_of(target):
    """A target's figures: scale, count, average and ``{value: count}`` with string keys."""
    return {
        "scale": target.scale,
        "count": target.vote_count,
        "average": target.average,
        # String keys so that JSON and CSV consumers see the same thing ("-1", "1", ...).
        "distribution": {str(value): count for value, count in target.distribution().items()},
        "results_hidden": False,
    }


def aggregates_for(translation_keys):
    """
    ``{translation_key (UUID): summary}`` for every key given; zeros if unrated, figures hidden
    where the page hides them. A fixed number of queries whatever the number of keys: targets with
    their counted figures, pages, and one per page type that can hold a rating block.
    """
    keys = {key if isinstance(key, uuid.UUID) else uuid.UUID(str(key)) for key in translation_keys}
    if not keys:
        return {}
    # The targets with their votes counted: one query (a GROUP BY over the (target, value) index).
    targets = {
        target.translation_key: target
        for target in RatingTarget.objects.with_counts().filter(translation_key__in=keys)
    }
    result = {}
    for key, (public, block_value) in public_results(keys, targets).items():
        target = targets.get(key)
        if public or (target is None and block_value is None):
            result[key] = summary_of(target) if target is not None else empty_summary()
        else:
            scale = target.scale if target is not None else block_value.get("scale")
            result[key] = hidden_summary(scale)
    return result


class RatingSummaryField(serializers.Field):
    """
    Read-only API field with a page's rating aggregate (hidden as on the page)::

        APIField("rating", serializer=RatingSummaryField())

    A listing loads the figures of all pages it shows at once, at the first page it renders (kept in
    the serializer's context, which lives for one response): a fixed number of queries for any
    number of pages.
    """

    CONTEXT_KEY = "digiradar_ratings.summaries"

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "translation_key")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, translation_key):
        summaries = self.context.setdefault(self.CONTEXT_KEY, {})
        if translation_key not in summaries:
            summaries.update(aggregates_for(self.keys_being_rendered() | {translation_key}))
        return summaries[translation_key]

    def keys_being_rendered(self):
        """Translation keys of every page the top-level serializer renders (one page, or a listing)."""
        instance = self.root.instance
        # A listing's (sliced) queryset has been fetched by the list serializer already.
        pages = instance if isinstance(instance, (list, tuple, QuerySet)) else [instance]
        return {key for key in (getattr(page, "translation_key", None) for page in pages) if key is not None}


class RatingAggregate:
    """A measure's rating results (never votes): ``rating`` in the API, ``ratings`` in export.json."""

    name = "rating"
    export_name = "ratings"

    def load(self, translation_keys):
        return aggregates_for(translation_keys)

    def api_field(self):
        from wagtail.api import APIField

        return APIField(self.name, serializer=RatingSummaryField())
