"""
Changing votes. A vote writes only its own row: an upsert on the person's unique key (user, or
cookie voter id), so that one person keeps one vote however their requests interleave. The
figures are counted from the votes when read (see :mod:`.models`), so there is no counter row to
keep equal to them and none that every vote on a measure would have to lock.

A vote holds a *shared* lock on its target row (``FOR SHARE`` on PostgreSQL): votes on one measure
do not wait for each other, while a moderator's close, reset or void (which lock the row) waits for
the votes already under way, and every vote after it sees the closed rating.
"""

import datetime
import functools
import uuid
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction

from .models import RatingTarget, UsedFormToken, Vote
from .scales import VALUE_COLUMNS


def statement_cursor():
    """
    A cursor for this app's own hot statements (the ballot, the vote): Django's, except on
    PostgreSQL with psycopg 3 where the database allows prepared statements (Django's
    ``OPTIONS["prepare_threshold"]``, off by default to keep transaction poolers working) and
    keeps its connections (``CONN_MAX_AGE`` not 0). There the statement is bound on the server
    and prepared on the connection's first use of it, so PostgreSQL plans it once per
    connection instead of on every vote. Django's ORM keeps its own cursors, which never
    prepare. Either way the cursor is wrapped as Django wraps its own: errors become Django's
    (``IntegrityError``). Where Django logs queries (``DEBUG``, a test counting them) it is
    Django's own cursor, whose log shows the statement with its values.
    """
    db = connections[DEFAULT_DB_ALIAS]  # once: each use of django.db.connection looks it up again
    if not _prepares(db):
        return db.cursor()
    with db.wrap_database_errors:
        cursor = _preparing_cursor_class()(db.connection)
    # What connection.cursor() does with a new cursor (_prepares is False where queries are logged).
    db.validate_thread_sharing()
    return db.make_cursor(cursor)


def _prepares(db):
    if (
        db.vendor != "postgresql"
        or db.settings_dict.get("CONN_MAX_AGE") == 0
        or db.queries_logged
        or not _preparing_cursor_class()
    ):
        return False
    # What connection.cursor() does first: a kept connection that failed its health check is
    # replaced before it is used.
    db.close_if_health_check_failed()
    db.ensure_connection()
    return db.connection.prepare_threshold is not None


_PREPARING = []


def _preparing_cursor_class():
    """The cursor class that prepares (psycopg 3), or None (psycopg 2)."""
    if not _PREPARING:
        from django.db.backends.postgresql.psycopg_any import is_psycopg3

        cursor_class = None
        if is_psycopg3:
            from django.db.backends.postgresql.base import ServerBindingCursor

            class PreparingCursor(ServerBindingCursor):
                """Binds on the server and prepares every statement it runs (once per connection)."""

                def execute(self, query, params=None, *, prepare=True, binary=None):
                    return super().execute(query, params, prepare=prepare, binary=binary)

            cursor_class = PreparingCursor
        _PREPARING.append(cursor_class)
    return _PREPARING[0]


def public_page_condition(page_alias):
    """
    SQL that holds while page ``page_alias`` is public as in ``Page.objects.public()``: no view
    restriction on it or an ancestor (an ancestor's path is a prefix of the page's).
    """
    quote = connection.ops.quote_name
    pages, restrictions = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)
    return f"""NOT EXISTS (
            SELECT 1 FROM {restrictions} r JOIN {pages} a ON a.id = r.page_id
            WHERE substr({page_alias}.path, 1, length(a.path)) = a.path
        )"""


def target_from_row(target_id, translation_key, scale, closed):
    """The ``RatingTarget`` a statement read as columns, or None where it found none."""
    if target_id is None:
        return None
    return RatingTarget(
        id=target_id, translation_key=translation_key, scale=scale, closed_by_moderator=bool(closed)
    )


class RatingError(Exception):
    """A vote that cannot be taken; ``status`` is the HTTP status the view answers with."""

    status = 400


class RatingClosed(RatingError):
    status = 403


class FormAlreadyUsed(RatingError):
    status = 409


class ScaleChanged(RatingError):
    status = 409


def voter_filter(user=None, voter_id=None):
    """The lookup that finds one person's vote."""
    if user is not None and user.is_authenticated:
        return {"user": user}
    if voter_id:
        return {"voter_id": voter_id}
    return None


def get_target(translation_key):
    """The target of a page with its figures counted (one query), or None."""
    return RatingTarget.objects.with_counts().filter(translation_key=translation_key).first()


def purge_old_nonces(max_age):
    """Forget nonces of forms that have expired anyway."""
    UsedFormToken.objects.filter(used_at__lt=timezone.now() - datetime.timedelta(seconds=max_age)).delete()


def _share_locked(translation_key):
    """
    The target under a shared row lock, or None. PostgreSQL: ``FOR SHARE``, which votes hold
    together and a moderator's update waits for. Elsewhere an exclusive lock where the database
    has one (SQLite has none and runs one write transaction at a time anyway).
    """
    if connection.vendor != "postgresql":
        return RatingTarget.objects.select_for_update().filter(translation_key=translation_key).first()
    table = connection.ops.quote_name(RatingTarget._meta.db_table)
    sql = f"SELECT * FROM {table} WHERE translation_key = %s FOR SHARE"  # Django has no FOR SHARE
    return next(iter(RatingTarget.objects.raw(sql, [translation_key])), None)


class _OtherScale(Exception):
    """The target has another scale: adopt the vote's scale first (``_adopt_scale``), then try again."""


def _adopt_scale(translation_key, scale):
    """Give a target without votes the scale of the page's block; ScaleChanged if it has votes."""
    with transaction.atomic():
        target = RatingTarget.objects.select_for_update().filter(translation_key=translation_key).first()
        if target is None or target.scale == scale:
            return
        if target.votes.exists():
            raise ScaleChanged()
        RatingTarget.objects.filter(pk=target.pk).update(scale=scale)


def _change(translation_key, scale, value, owner, nonce):
    """One attempt of ``cast_vote``, in one transaction; returns the previous value."""
    with transaction.atomic():
        if nonce is not None:
            # First, so that a replay fails before anything else: its IntegrityError rolls back
            # this whole block, and cast_vote answers FormAlreadyUsed.
            UsedFormToken.objects.create(nonce=nonce)
        target = _share_locked(translation_key)
        if target is None:
            RatingTarget.objects.get_or_create(translation_key=translation_key, defaults={"scale": scale})
            target = _share_locked(translation_key)
        if target.closed_by_moderator:
            raise RatingClosed()
        if target.scale != scale:
            raise _OtherScale()
        mine = Vote.objects.filter(target=target, **owner)
        # Locks this person's own vote, if there is one: their racing requests take turns here.
        previous = mine.select_for_update().values_list("value", flat=True).first()
        now = timezone.now()
        if value is None:
            if previous is not None:
                mine.delete()
        elif previous is not None:
            mine.update(value=value, scale=scale, updated_at=now)
        else:
            # No vote yet: an upsert, so that a racing first vote of the same person becomes a change.
            (owner_field,) = owner
            Vote.objects.bulk_create(
                [Vote(target=target, scale=scale, value=value, created_at=now, updated_at=now, **owner)],
                update_conflicts=True,
                unique_fields=["target", owner_field],
                update_fields=["value", "scale", "updated_at"],
            )
    return previous


_NOT_TAKEN = object()  # the one-statement path did not apply: take the general one


def _change_in_one_statement(translation_key, scale, value, owner, nonce, count=False):
    """
    PostgreSQL: the common case of ``_change`` (an open rating that exists, with the page's scale)
    as one statement, so one round trip instead of six. Its parts run in one snapshot: the target
    under the same shared lock, the nonce recorded (a replay fails the whole statement), the
    person's own vote as it was before the statement (its snapshot), then upserted or deleted: the
    upsert makes a person's racing requests take turns on their row. (No ``FOR UPDATE`` on the
    previous vote: it would skip the row once this statement's own upsert has changed it.)
    Returns ``(previous value, counts)``, or ``_NOT_TAKEN`` where nothing was written (no target
    yet, closed, another scale): the general path then decides, with its errors. ``count``: the
    statement also counts the votes per value (``counts``, else None), in its snapshot with this
    person's vote replaced by the new one: the figures right after this vote.
    """
    outcome = _vote_statement(translation_key, scale, value, owner, nonce, count)
    if not outcome.taken:
        return _NOT_TAKEN
    return outcome.previous, outcome.counts


@dataclass
class Outcome:
    """What the vote's statement found and did (``cast_on_known_page``)."""

    taken: bool  # the vote is stored (and the form's nonce spent)
    page_ok: bool  # the page is live, public and at the revision its block was read from
    target: RatingTarget | None  # as found (scale, closed), or None
    previous: int | None  # the person's vote before this one
    counts: dict | None  # {value: votes} right after this vote, if counted


def _vote_statement(translation_key, scale, value, owner, nonce, count, page=None, may_add=True):
    """
    The vote as one statement (see ``_change_in_one_statement``); an ``Outcome``. ``page``
    (a ``ballot.KnownPage``): the statement takes the vote only while that page is live, public
    and at the revision its block was read from. ``may_add`` False: only a change or withdrawal
    of a vote the person has; without one, nothing is written (``taken`` False, ``previous``
    None) so that the caller can ask a limit on new votes first.
    """
    (owner_field,) = owner
    owner_value = owner[owner_field].pk if owner_field == "user" else owner[owner_field]
    sql = _vote_sql(
        "user_id" if owner_field == "user" else "voter_id",
        withdraw=value is None,
        with_nonce=nonce is not None,
        count=count,
        with_page=page is not None,
        gate=not may_add and value is not None,
    )
    if nonce is not None and not isinstance(nonce, uuid.UUID):
        nonce = uuid.UUID(nonce)  # typed, for the statement's uuid column
    params = {
        "key": translation_key,
        "scale": scale,
        "value": value,
        "owner": owner_value,
        "nonce": nonce,
        "now": timezone.now(),
    }
    if page is not None:
        params.update(
            page=page.page.pk,
            content_type=page.content_type_id,
            revision=page.revision_id,
            published=page.published_at,
        )
    with statement_cursor() as cursor:
        cursor.execute(sql, params)
        taken, previous, page_ok, target_id, target_scale, closed, *numbers = cursor.fetchone()
    target = target_from_row(target_id, translation_key, target_scale, closed)
    counts = None
    if count and taken:
        # The figures in the statement's snapshot, then this person's vote replaced by the new one.
        counts = dict(zip(VALUE_COLUMNS, numbers, strict=True))
        for old, change in ((previous, -1), (value, 1)):
            if old is not None:
                counts[old] += change
    return Outcome(bool(taken), bool(page_ok), target, previous, counts)


@functools.lru_cache(maxsize=64)
def _vote_sql(column, *, withdraw, with_nonce, count, with_page, gate):
    """
    The vote's statement for one shape of vote (built once per shape and process: the same text
    each time, which is also what lets PostgreSQL keep it prepared).
    """
    quote = connection.ops.quote_name
    targets, votes = quote(RatingTarget._meta.db_table), quote(Vote._meta.db_table)
    tokens = quote(UsedFormToken._meta.db_table)
    if withdraw:
        write = f"""DELETE FROM {votes} AS v USING go
            WHERE v.target_id = go.id AND v.{column} = %(owner)s RETURNING v.value"""
    else:
        write = f"""INSERT INTO {votes} (target_id, {column}, scale, value, created_at, updated_at)
            SELECT id, %(owner)s, %(scale)s, %(value)s, %(now)s, %(now)s FROM go
            ON CONFLICT (target_id, {column}) DO UPDATE
            SET value = EXCLUDED.value, scale = EXCLUDED.scale, updated_at = EXCLUDED.updated_at
            RETURNING 1"""
    # The nonce is recorded only where the vote is taken ("go" is empty otherwise); the row it
    # returns tells that it ran. (PostgreSQL runs every writing part of a WITH, read or not.)
    nonce_sql = (
        f"INSERT INTO {tokens} (nonce, used_at) SELECT %(nonce)s, %(now)s FROM go RETURNING 1"
        if with_nonce
        else "SELECT 1 FROM go"
    )
    # The votes per value, one integer column each (in VALUE_COLUMNS' order), from one scan.
    counted_sql, counted = "", ""
    if count:
        columns = ", ".join(f"count(*) FILTER (WHERE v.value = {int(number)})" for number in VALUE_COLUMNS)
        counted_sql = f""", counted AS (
            SELECT {columns} FROM {votes} AS v JOIN open_target ON v.target_id = open_target.id
        )"""
        counted = ", counted.* FROM counted"
    page_sql, page_condition, page_ok = "", "", "TRUE"
    if with_page:
        pages = quote(Page._meta.db_table)
        # Live, public, at the revision the block was read at.
        page_sql = f"""page AS (
            SELECT 1 FROM {pages} p WHERE p.id = %(page)s AND p.live AND p.content_type_id = %(content_type)s
            AND p.live_revision_id IS NOT DISTINCT FROM %(revision)s
            AND p.last_published_at IS NOT DISTINCT FROM %(published)s
            AND {public_page_condition("p")}
        ), """
        page_condition = "AND EXISTS (SELECT 1 FROM page)"
        page_ok = "EXISTS (SELECT 1 FROM page)"
    gate_sql = "WHERE EXISTS (SELECT 1 FROM previous)" if gate else ""
    return f"""
        WITH {page_sql}target AS (
            SELECT id, closed_by_moderator, scale FROM {targets}
            WHERE translation_key = %(key)s {page_condition} FOR SHARE
        ), open_target AS (
            SELECT id FROM target WHERE NOT closed_by_moderator AND scale = %(scale)s
        ), previous AS (
            SELECT v.value FROM {votes} AS v JOIN open_target ON v.target_id = open_target.id
            WHERE v.{column} = %(owner)s
        ), go AS (SELECT id FROM open_target {gate_sql}
        ), used AS ({nonce_sql}
        ), written AS ({write}
        ){counted_sql}
        SELECT EXISTS (SELECT 1 FROM used), (SELECT value FROM previous), {page_ok},
            (SELECT id FROM target), (SELECT scale FROM target), (SELECT closed_by_moderator FROM target)
            {counted}
    """


def cast_on_known_page(page, scale, value, *, user=None, voter_id=None, nonce=None, may_add=True):
    """
    PostgreSQL only: a vote on a page whose block the caller knows (``ballot.known_page``), in one
    statement that also checks the page and the target and reads the person's current vote: no
    ballot query before it. The ``Outcome`` tells whether the vote was taken; where it was not
    (the page changed, no target yet, closed, another scale, or no vote to change while
    ``may_add`` is False) nothing was written and the caller takes the general path
    (``ballot.load_ballot``, then ``cast_and_count``). Raises ``FormAlreadyUsed`` for a replay.
    """
    owner = voter_filter(user, voter_id)
    if owner is None:
        raise RatingError()
    key = page.page.translation_key
    try:
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: a replay must not break the caller's transaction
                return _vote_statement(key, scale, value, owner, nonce, True, page, may_add)
        return _vote_statement(key, scale, value, owner, nonce, True, page, may_add)
    except IntegrityError:
        raise FormAlreadyUsed() from None


def _store(translation_key, scale, value, owner, nonce, count):
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: a replay must not break the caller's transaction
                taken = _change_in_one_statement(translation_key, scale, value, owner, nonce, count)
        else:
            taken = _change_in_one_statement(translation_key, scale, value, owner, nonce, count)
        if taken is not _NOT_TAKEN:
            return taken
    return _change(translation_key, scale, value, owner, nonce), None


def cast_vote(translation_key, scale, value, *, user=None, voter_id=None, nonce=None):
    """
    Set (``value``) or withdraw (``value=None``) one person's vote; returns the previous value.

    Raises ``RatingError`` subclasses; nothing is changed then.
    """
    return _cast(translation_key, scale, value, user, voter_id, nonce, count=False)[0]


def cast_and_count(translation_key, scale, value, *, user=None, voter_id=None, nonce=None):
    """
    ``cast_vote``, and the figures right after this vote: ``(previous value, {value: count})``.
    PostgreSQL counts them in the vote's own statement; elsewhere, and on the rare general path,
    counts is None (count them with ``RatingTarget.counts()`` then).
    """
    return _cast(translation_key, scale, value, user, voter_id, nonce, count=True)


def _cast(translation_key, scale, value, user, voter_id, nonce, count):
    owner = voter_filter(user, voter_id)
    if owner is None:
        raise RatingError()
    try:
        try:
            return _store(translation_key, scale, value, owner, nonce, count)
        except _OtherScale:
            # Rare (the editor changed the block's scale): the exclusive lock this needs is taken
            # in a transaction of its own, never by upgrading the shared lock that others hold too.
            _adopt_scale(translation_key, scale)
            try:
                return _change(translation_key, scale, value, owner, nonce), None
            except _OtherScale:
                raise ScaleChanged() from None
    except IntegrityError:
        # A form's nonce used before (a replay), or another constraint: nothing was stored.
        raise FormAlreadyUsed() from None


def void_votes(target, since, until, user, reason=""):
    """Remove the votes cast or changed in [since, until); logged. Returns how many."""
    with transaction.atomic():
        target = RatingTarget.objects.select_for_update().get(pk=target.pk)
        votes = Vote.objects.filter(target=target, updated_at__gte=since, updated_at__lt=until)
        voided, _by_model = votes.delete()
        log(
            target,
            "digiradar_ratings.void",
            user=user,
            data={"count": voided, "since": since.isoformat(), "until": until.isoformat(), "reason": reason},
            title=target_title(target),
        )
    return voided


def reset(target, user, reason=""):
    """Remove every vote of ``target``; logged."""
    with transaction.atomic():
        target = RatingTarget.objects.select_for_update().get(pk=target.pk)
        count, _by_model = target.votes.all().delete()
        log(
            target,
            "digiradar_ratings.reset",
            user=user,
            data={"count": count, "reason": reason},
            title=target_title(target),
        )


def set_closed(target, closed, user, reason=""):
    """Close a rating (or reopen it, so that the page's own setting applies again); logged."""
    with transaction.atomic():
        # Waits for the votes under way (they hold the row shared); every later vote sees it.
        RatingTarget.objects.filter(pk=target.pk).update(closed_by_moderator=closed)
        target.closed_by_moderator = closed
        action = "digiradar_ratings.close" if closed else "digiradar_ratings.open"
        log(target, action, user=user, data={"reason": reason}, title=target_title(target))


def target_title(target):
    """The title of the page a target belongs to (its first translation found), for logs and reports."""
    from wagtail.models import Page

    page = Page.objects.filter(translation_key=target.translation_key).order_by("pk").first()
    return page.title if page else str(target.translation_key)


def recount(target):
    """The aggregate recomputed from the votes: ``(count, sum, {value: count})`` (for checks and tests)."""
    rows = dict(Vote.objects.filter(target=target).values_list("value").annotate(n=Count("id")).order_by())
    return sum(rows.values()), sum(value * n for value, n in rows.items()), rows
