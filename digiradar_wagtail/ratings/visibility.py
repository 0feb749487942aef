"""
When a rating's results are public: the one rule that the page, the API and the exports follow.

**Rule.** The results (count, average, distribution) of a rating are public, that is shown to an
anonymous visitor who has not voted, when the rating block's "Show results" is *always*, or when
the rating has closed (closed by a moderator, its mode is *closed*, or its scheduled end has
passed). With *after one's own vote* or *after close* they are otherwise hidden: the page shows
them only to those who voted (*after one's own vote*), and the API and the exports, which speak
to everybody, not at all. One rating (one ``RatingTarget``) is shared by all translations of a
page; its results are public only if every live translation carrying the block says so, and
hidden if no live page carries the block any more.

:func:`public_results` answers this for many pages in a fixed number of queries (one for the
pages, one per page type that can hold a rating block), reading the blocks' raw JSON so that no
other block (images, snippets ...) is loaded.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.models import Page

from ..participation.blocks import RatingBlock, ShowResults
from ..participation.streamfield import can_hold
from ..participation.window import window_has_closed

HIDING_MODES = (ShowResults.AFTER_VOTE, ShowResults.AFTER_CLOSE)


def has_closed(value, closed_by_moderator=False, now=None):
    """Has the rating block ``value`` closed for good: by a moderator, or its window ended?"""
    return closed_by_moderator or window_has_closed(value.get("mode"), value.get("closes_at"), now)


def results_public(value, closed_by_moderator=False, now=None):
    """Does the rating block ``value`` show its results to someone who has not voted?"""
    return value.get("show_results") not in HIDING_MODES or has_closed(value, closed_by_moderator, now)


# Finding rating blocks in raw StreamField data ------------------------------------------------------


def _first_rating(block, raw):
    """The first RatingBlock value in ``raw`` (the JSON of ``block``), depth first, or None."""
    if isinstance(block, RatingBlock):
        return block.to_python(raw) if isinstance(raw, dict) else None
    if isinstance(block, StreamBlock):
        children = (
            (block.child_blocks.get(item.get("type")), item.get("value"))
            for item in raw or ()
            if isinstance(item, dict)
        )
    elif isinstance(block, StructBlock):
        children = ((child, (raw or {}).get(name)) for name, child in block.child_blocks.items())
    elif isinstance(block, ListBlock):
        children = (
            (block.child_block, item["value"] if block._item_is_in_block_format(item) else item)
            for item in raw or ()
        )
    else:
        return None
    for child, child_raw in children:
        if child is not None and can_hold(child, RatingBlock):
            found = _first_rating(child, child_raw)
            if found is not None:
                return found
    return None


def _rating_fields(model):
    """Names of ``model``'s StreamFields that can hold a rating block, in field order."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and can_hold(field.stream_block, RatingBlock)
    ]


def rating_blocks(translation_keys):
    """
    ``{translation_key: [rating block value of each live page with that key that has one]}``, in
    one query for the pages and one per page type that can hold a rating block.
    """
    by_model = {}
    rows = Page.objects.live().filter(translation_key__in=translation_keys)
    for pk, content_type_id in rows.values_list("pk", "content_type_id"):
        by_model.setdefault(content_type_id, []).append(pk)
    found = {}
    for content_type_id, pks in by_model.items():
        for key, value in _ratings_of(content_type_id, pks):
            found.setdefault(key, []).append(value)
    return found


def rating_block(page_id, content_type_id):
    """The rating block value of page ``page_id`` (of that content type), or None; one query."""
    return next((value for _key, value in _ratings_of(content_type_id, [page_id])), None)


def _ratings_of(content_type_id, pks):
    """Yield ``(translation_key, first rating block value)`` of those pages of one type that have one."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    fields = _rating_fields(model) if model is not None else []
    if not fields:
        return
    for key, *streams in model.objects.filter(pk__in=pks).values_list("translation_key", *fields):
        for name, stream in zip(fields, streams, strict=True):
            raw = list(stream.raw_data) if hasattr(stream, "raw_data") else stream
            value = _first_rating(model._meta.get_field(name).stream_block, raw)
            if value is not None:
                yield key, value
                break


def public_results(translation_keys, targets):
    """
    ``{translation_key: (public, block value or None)}`` for every key, by the rule above;
    ``targets`` maps keys to their ``RatingTarget`` (for "closed by a moderator").
    """
    now = timezone.now()
    blocks = rating_blocks(translation_keys)
    answers = {}
    for key in translation_keys:
        values = blocks.get(key, [])
        target = targets.get(key)
        closed = target is not None and target.closed_by_moderator
        public = bool(values) and all(results_public(value, closed, now) for value in values)
        answers[key] = (public, values[0] if values else None)
    return answers
