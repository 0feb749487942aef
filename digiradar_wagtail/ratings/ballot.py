"""
What a vote needs to know before it is taken, in one query: that the page is live and public, its
rating target (scale, closed by a moderator) and the voter's current vote.

The page's rating block (scale, window, when results show) is kept per process and per page
revision: a vote neither loads the specific page nor parses its StreamFields. An entry is used
only while the page's live revision and publication time are those it was read at, a save of the
page in this process drops it, and it is read again after ``BLOCK_SECONDS`` at the latest (a page
saved without a revision in another process).
"""

import time
from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from .models import RatingTarget, Vote
from .services import public_page_condition, statement_cursor, target_from_row
from .visibility import rating_block

BLOCK_SECONDS = 60
# page id -> (content type id, live revision id, last published, read at, block value, translation key)
_BLOCKS = {}
_MAX_BLOCKS = 2000


@dataclass(frozen=True)
class PageRef:
    """The two things the rating presenter asks of a page."""

    pk: int
    translation_key: object


@dataclass
class Ballot:
    page: PageRef
    value: object  # the page's RatingBlock value, or None if it has none
    target: RatingTarget | None
    own_vote: int | None


def _sql(owner_column):
    quote = connection.ops.quote_name
    pages = quote(Page._meta.db_table)
    targets, votes = quote(RatingTarget._meta.db_table), quote(Vote._meta.db_table)
    own = f"(SELECT v.value FROM {votes} v WHERE v.target_id = t.id AND v.{owner_column} = %s)"
    return f"""
        SELECT p.translation_key, p.content_type_id, p.live_revision_id, p.last_published_at,
            t.id, t.scale, t.closed_by_moderator, {own if owner_column else "NULL"}
        FROM {pages} p LEFT JOIN {targets} t ON t.translation_key = p.translation_key
        WHERE p.id = %s AND p.live = %s AND {public_page_condition("p")}"""


def load_ballot(page_id, user=None, voter_id=None):
    """The ``Ballot`` of live, public page ``page_id`` for this user or anonymous voter, or None."""
    if user is not None and user.is_authenticated:
        column, owner = "user_id", [user.pk]
    elif voter_id:
        column, owner = "voter_id", [voter_id]
    else:
        column, owner = None, []
    with statement_cursor() as cursor:
        cursor.execute(_sql(column), [*owner, page_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    key, content_type_id, revision_id, published_at, target_id, scale, closed, own_vote = row
    key = Page._meta.get_field("translation_key").to_python(key)
    target = target_from_row(target_id, key, scale, closed)
    value = _block(page_id, content_type_id, revision_id, published_at, key)
    return Ballot(PageRef(page_id, key), value, target, own_vote)


@dataclass(frozen=True)
class KnownPage:
    """A page whose rating block this process read lately, and what it was read at."""

    page: PageRef
    value: object  # the RatingBlock value
    content_type_id: int
    revision_id: int | None
    published_at: object


def known_page(page_id):
    """
    The ``KnownPage`` of ``page_id`` if this process read its block less than ``BLOCK_SECONDS``
    ago, else None. Whether the page is still live, public and at that revision is for the
    caller to check (the vote's statement does, in ``services.cast_on_known_page``).
    """
    entry = _BLOCKS.get(page_id)
    if entry is None or entry[4] is None or time.monotonic() - entry[3] >= BLOCK_SECONDS:
        return None
    content_type_id, revision_id, published_at, _read_at, value, key = entry
    return KnownPage(PageRef(page_id, key), value, content_type_id, revision_id, published_at)


def _block(page_id, content_type_id, revision_id, published_at, key):
    now = time.monotonic()
    entry = _BLOCKS.get(page_id)
    read_at = (content_type_id, revision_id, published_at)
    if entry is not None and entry[:3] == read_at and now - entry[3] < BLOCK_SECONDS:
        return entry[4]
    value = rating_block(page_id, content_type_id)
    if len(_BLOCKS) >= _MAX_BLOCKS:
        _BLOCKS.clear()
    _BLOCKS[page_id] = (content_type_id, revision_id, published_at, now, value, key)
    return value


def forget_block(sender, instance, **kwargs):
    """
    ``post_save`` and ``post_delete`` receiver: a page saved or deleted in this process has its
    block read again on the next vote.
    """
    if isinstance(instance, Page):
        _BLOCKS.pop(instance.pk, None)
