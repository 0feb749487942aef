"""
Keeping measures current: which measures' progress is stale, and the reminders to their contact
mailboxes.

A measure's progress is stale when its "progress as of" date is older than
``DIGIRADAR_STALE_PROGRESS_DAYS`` (180), or when it gives a progress figure without a date. The
admin's measure listing filters and flags them, the dashboard counts them, the public pages mark
them; :func:`send_stale_reminders` (the command ``send_stale_reminders`` and the task
:func:`send_stale_reminders_task`) mails each contact mailbox one list of its stale measures with
links to their edit views, at most once in ``DIGIRADAR_STALE_REMINDER_DAYS`` (30).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .conf import digiradar_settings
from .mail import admin_url, queue_mail


def stale_before():
    """Progress dated before this day is stale."""
    return timezone.localdate() - datetime.timedelta(days=digiradar_settings.STALE_PROGRESS_DAYS)


def stale_q():
    """The stale measures, as a filter on ``MeasurePage``."""
    undated = Q(progress_as_of__isnull=True, progress_percent__isnull=False)
    return Q(progress_as_of__lt=stale_before()) | undated


def is_stale(measure):
    if measure.progress_as_of is None:
        return measure.progress_percent is not None
    return measure.progress_as_of < stale_before()


def send_stale_reminders():
    """
    Queue one reminder to each contact mailbox that has stale live measures and was not reminded
    within ``DIGIRADAR_STALE_REMINDER_DAYS``; the number of mailboxes reminded. A measure and its
    translations (one contact mailbox, one progress date) are listed once.
    """
    from .models import MeasurePage, ProgressReminder

    since = timezone.now() - datetime.timedelta(days=digiradar_settings.STALE_REMINDER_DAYS)
    recent = set(ProgressReminder.objects.filter(reminded_at__gte=since).values_list("mailbox", flat=True))
    rows = (
        MeasurePage.objects.live()
        .filter(stale_q())
        .exclude(contact_email="")
        .order_by("contact_email", "translation_key", "locale__language_code", "pk")
        .values_list("pk", "title", "contact_email", "translation_key", "progress_as_of")
    )
    by_mailbox, seen = {}, set()
    for pk, title, mailbox, translation_key, as_of in rows:
        mailbox = mailbox.lower()
        if mailbox in recent or (mailbox, translation_key) in seen:
            continue
        seen.add((mailbox, translation_key))
        edit_url = admin_url(reverse("wagtailadmin_pages:edit", args=[pk]))
        by_mailbox.setdefault(mailbox, []).append({"title": title, "as_of": as_of, "edit_url": edit_url})
    now, reminded = timezone.now(), 0
    with translation.override(settings.LANGUAGE_CODE):
        for mailbox, measures in by_mailbox.items():
            context = {
                "measures": measures,
                "days": digiradar_settings.STALE_PROGRESS_DAYS,
                "reminder_days": digiradar_settings.STALE_REMINDER_DAYS,
            }
            subject = render_to_string("digiradar_wagtail/mail/stale_reminder_subject.txt", context)
            body = render_to_string("digiradar_wagtail/mail/stale_reminder.txt", context)
            with transaction.atomic():
                # Recorded when queued, not when sent, so that a slow worker never lets a second
                # run within the period remind again; a mail that failed (at once, or on its last
                # try in the worker) takes its record back, so the next run reminds again.
                ProgressReminder.objects.update_or_create(mailbox=mailbox, defaults={"reminded_at": now})
                about = f"stale progress of {len(measures)} measure(s)"
                on_failed = (REMINDER_FAILED, [mailbox, now.isoformat()])
                if queue_mail(subject, body, [mailbox], about=about, on_failed=on_failed):
                    reminded += 1
                else:
                    transaction.set_rollback(True)
    return reminded


REMINDER_FAILED = "digiradar_wagtail.stale_reminder_failed"


def forget_failed_reminder(mailbox, reminded_at):
    """The reminder queued at ``reminded_at`` never went out: the mailbox may be reminded again."""
    from .models import ProgressReminder

    ProgressReminder.objects.filter(
        mailbox=mailbox, reminded_at=datetime.datetime.fromisoformat(reminded_at)
    ).delete()


@task()
def send_stale_reminders_task():
    """:func:`send_stale_reminders` for a worker's schedule."""
    return send_stale_reminders()
