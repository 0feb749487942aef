"""
Changing votes and aggregates. Every change of a vote and of its target's aggregate happens
in one transaction, with the target row locked, so the aggregate always equals the votes.
"""

import datetime
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from wagtail.log_actions import log

from .models import RatingTarget, UsedFormToken, Vote
from .scales import VALUE_COLUMNS


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
    return RatingTarget.objects.filter(translation_key=translation_key).first()


def _apply(target_id, delta, **fields):
    """Add ``delta`` (``{value: +1/-1}``) to the aggregate columns, in SQL."""
    updates = {
        VALUE_COLUMNS[value]: F(VALUE_COLUMNS[value]) + change for value, change in delta.items() if change
    }
    if not updates and not fields:
        return
    count_change = sum(delta.values())
    sum_change = sum(value * change for value, change in delta.items())
    RatingTarget.objects.filter(pk=target_id).update(
        vote_count=F("vote_count") + count_change, vote_sum=F("vote_sum") + sum_change, **updates, **fields
    )


def _use_nonce(nonce):
    # In its own savepoint: the failed insert must not break the surrounding transaction.
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(nonce=nonce)
    except IntegrityError:
        raise FormAlreadyUsed() from None


def purge_old_nonces(max_age):
    """Forget nonces of forms that have expired anyway."""
    UsedFormToken.objects.filter(used_at__lt=timezone.now() - datetime.timedelta(seconds=max_age)).delete()


def cast_vote(translation_key, scale, value, *, user=None, voter_id=None, nonce=None):
    """
    Set (``value``) or withdraw (``value=None``) one person's vote; returns the previous value.

    Raises ``RatingError`` subclasses; nothing is changed then.
    """
    owner = voter_filter(user, voter_id)
    if owner is None:
        raise RatingError()
    now = timezone.now()
    try:
        with transaction.atomic():
            if nonce is not None:
                _use_nonce(nonce)
            target, _created = RatingTarget.objects.get_or_create(
                translation_key=translation_key, defaults={"scale": scale}
            )
            # The row lock serialises all votes on one target: the vote lookup below sees
            # every committed vote, and the aggregate update cannot interleave.
            target = RatingTarget.objects.select_for_update().get(pk=target.pk)
            if target.closed_by_moderator:
                raise RatingClosed()
            extra = {}
            if target.scale != scale:
                if target.vote_count:
                    raise ScaleChanged()
                extra["scale"] = scale
            existing = Vote.objects.filter(target=target, **owner).first()
            delta = Counter()
            if existing is not None:
                delta[existing.value] -= 1
                if value is None:
                    existing.delete()
                else:
                    Vote.objects.filter(pk=existing.pk).update(value=value, scale=scale, updated_at=now)
            if value is not None:
                if existing is None:
                    Vote.objects.create(
                        target=target, scale=scale, value=value, created_at=now, updated_at=now, **owner
                    )
                delta[value] += 1
            if extra or any(delta.values()):
                _apply(target.pk, delta, **extra, updated_at=now)
    except IntegrityError:
        # Only a constraint can get here (e.g. a racing duplicate): nothing was stored.
        raise FormAlreadyUsed() from None
    return existing.value if existing is not None else None


def void_votes(target, since, until, user, reason=""):
    """Remove the votes cast or changed in [since, until); logged. Returns how many."""
    with transaction.atomic():
        target = RatingTarget.objects.select_for_update().get(pk=target.pk)
        votes = Vote.objects.filter(target=target, updated_at__gte=since, updated_at__lt=until)
        per_value = dict(votes.values_list("value").annotate(n=Count("id")).order_by())
        voided = sum(per_value.values())
        votes.delete()
        _apply(target.pk, {value: -n for value, n in per_value.items()}, updated_at=target.updated_at)
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
        count = target.vote_count
        target.votes.all().delete()
        RatingTarget.objects.filter(pk=target.pk).update(
            vote_count=0, vote_sum=0, **{column: 0 for column in VALUE_COLUMNS.values()}
        )
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
