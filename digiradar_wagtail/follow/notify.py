"""
From a change to its followers' mails.

:func:`on_subject_changed` hears ``digiradar_wagtail.signals.subject_changed`` (sent on commit):
it stores the change once, finds its followers in one query and gives each a
:class:`~.models.Notification` in one bulk insert, then queues one task,
:func:`send_follow_mails`, that renders and queues the mails of the followers who want them at
once. Weekly followers are told by :func:`send_weekly_digests` (command and task
``digiradar_follow_digest``), which also sends what failed before and sweeps expired follows.
The request that changed something never waits for a mail.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import task

from ..conf import digiradar_settings
from ..models import MeasurePage
from . import mails, subjects
from .conf import follow_settings
from .models import Change, Frequency, Notification, Subscription, person_key

logger = logging.getLogger("digiradar_wagtail.follow")

FAN_OUT_BATCH = 1000  # notifications per INSERT


def _translations(subject):
    """``subject`` and its live translations (the city's reply shows in every language)."""
    if getattr(subject, "translation_key", None) is None:
        return [subject]
    others = (
        type(subject)._default_manager.filter(translation_key=subject.translation_key).exclude(pk=subject.pk)
    )
    if hasattr(others, "live"):
        others = others.live()
    return [subject, *others]


def _targets(subject, kind, url):
    """``[(change subject, url, [followed subjects])]`` for one signal."""
    if kind == "new" and isinstance(subject, MeasurePage):
        # A new measure tells the followers of its radar and of its sector.
        return [(subject, url, [subject.get_parent().specific, subject.sector])]
    if kind in ("ring", "progress", "status"):
        return [(subject, url, [subject])]
    return [
        (each, url if each.pk == subject.pk else subjects.public_url(each), [each])
        for each in _translations(subject)
    ]


def on_subject_changed(sender, subject, kind, summary="", url="", **kwargs):
    try:
        store_change(subject, kind, summary, url)
    except Exception:  # the change is committed already: never fail the editor's request
        logger.exception("Followers of %s could not be told of a change (%s).", type(subject).__name__, kind)


def store_change(subject, kind, summary, url):
    """
    Store the change and one notification per follower, and queue the at-once mails; the ids of
    the changes stored (none for a subject nobody follows).
    """
    immediate, change_ids = False, []
    with transaction.atomic():
        for change_subject, change_url, followed in _targets(subject, kind, url):
            followers = list(followers_of(followed))
            if not followers:
                continue
            content_type, object_id = subjects.key(change_subject)
            change = Change.objects.create(
                content_type=content_type,
                object_id=object_id,
                kind=kind,
                title=subjects.title(change_subject)[:255],
                summary=summary or "",
                url=(change_url or "")[:500],
            )
            change_ids.append(change.pk)
            notifications = [Notification(subscription_id=pk, change=change) for pk, _ in followers]
            Notification.objects.bulk_create(notifications, batch_size=FAN_OUT_BATCH)
            immediate |= any(frequency == Frequency.IMMEDIATE for _, frequency in followers)
    if immediate:
        transaction.on_commit(lambda: _enqueue(change_ids))
    return change_ids


def followers_of(followed):
    """
    ``(subscription id, frequency)`` of each person following any of ``followed``, once per
    person even if they follow the measure, its radar and its sector: one query.
    """
    match = Q()
    for each in followed:
        if each is not None:
            content_type, object_id = subjects.key(each)
            match |= Q(content_type=content_type, object_id=object_id)
    rows = Subscription.objects.confirmed().filter(match).values_list("pk", "email", "user_id", "frequency")
    seen = set()
    for pk, email, user_id, frequency in rows.order_by("pk"):
        person = person_key(email, user_id)
        if person not in seen:
            seen.add(person)
            yield pk, frequency


def _enqueue(change_ids):
    try:
        send_follow_mails.using(backend=digiradar_settings.MAIL_TASK_BACKEND).enqueue(change_ids)
    except Exception:  # the queue is down: digiradar_follow_digest sends them later
        logger.exception("The follow mails of change(s) %s could not be queued.", change_ids)


def _pending():
    return Notification.objects.select_related("change", "subscription__user").order_by(
        "subscription_id", "change__created_at", "pk"
    )


@task()
def send_follow_mails(change_ids):
    """Queue the mails of the at-once followers of these changes (run by the worker)."""
    notifications = _pending().filter(
        change_id__in=change_ids, queued_at__isnull=True, subscription__frequency=Frequency.IMMEDIATE
    )
    return len(mails.queue_mails(list(notifications)))


def send_weekly_digests(now=None):
    """
    One mail to each weekly follower (a person: an address, or an account) whose last digest is
    ``FOLLOW_DIGEST_DAYS`` old, with every change since in all their weekly follows; at-once mails
    that never went out (queued over a day ago) are sent again. Unconfirmed follows past their
    link's life are deleted with their address. The number of mails queued.
    """
    now = now or timezone.now()
    Subscription.objects.expired().delete()
    Change.objects.filter(
        notifications__isnull=True, created_at__lt=now - datetime.timedelta(days=1)
    ).delete()
    due = now - datetime.timedelta(days=follow_settings.FOLLOW_DIGEST_DAYS)
    stuck = now - datetime.timedelta(days=1)
    # Due per person: none of their weekly follows had a digest in the last FOLLOW_DIGEST_DAYS.
    same_person = Q(user__isnull=False, user_id=OuterRef("subscription__user_id")) | (
        Q(user__isnull=True, email=OuterRef("subscription__email")) & ~Q(email="")
    )
    told_lately = Subscription.objects.filter(
        same_person, frequency=Frequency.WEEKLY, digest_sent_at__gte=due
    )
    weekly_due = Q(subscription__frequency=Frequency.WEEKLY) & ~Exists(told_lately)
    immediate_stuck = Q(subscription__frequency=Frequency.IMMEDIATE, change__created_at__lt=stuck)
    notifications = list(
        _pending()
        .filter(weekly_due | immediate_stuck)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stuck))
    )
    weekly_ids = {n.subscription_id for n in notifications if n.subscription.frequency == Frequency.WEEKLY}
    queued = mails.queue_mails(notifications)
    # A digest that could not be queued is not marked: the next run tries again.
    told = set().union(*queued)
    Subscription.objects.filter(pk__in=weekly_ids & told).update(digest_sent_at=now)
    return len(queued)


@task()
def digiradar_follow_digest():
    """:func:`send_weekly_digests` for a worker's schedule."""
    return send_weekly_digests()
