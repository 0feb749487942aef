"""
Every mail of the follow app, rendered in the follower's language and queued with
``digiradar_wagtail.mail.queue_mail`` (the worker sends it and retries). Each carries a one-click
unsubscribe link (RFC 8058: ``List-Unsubscribe`` and ``List-Unsubscribe-Post``). Their texts are
the city's only (titles, ring names, progress, delivery status and its reason, the city's reply):
never a citizen's words, so no mail can carry someone's message to a third party.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..mail import queue_mail, sent_callback
from . import links, subjects
from .conf import follow_settings
from .models import Frequency, Notification

# What the mail task calls once a mail went out (registered when the app imports this module).
SENT = "digiradar_follow.sent"

KINDS = {
    "ring": _("moved to another phase"),
    "progress": _("progress updated"),
    "status": _("delivery status changed"),
    "reply": _("the city replied"),
    "new": _("new on the radar"),
    "answer": _("the city answered"),
}


@sent_callback(SENT)
def mark_sent(notification_ids):
    """Called by the mail task once a mail went out: what it told is done."""
    Notification.objects.filter(pk__in=notification_ids).delete()


def origin(url=""):
    """Scheme and host for links in mails sent without a request."""
    if follow_settings.FOLLOW_BASE_URL:
        return follow_settings.FOLLOW_BASE_URL.rstrip("/")
    parts = urlsplit(url or "")
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def absolute(url, base=""):
    return url if urlsplit(url).scheme else origin(base) + url


def _link(view, subscription, purpose, base):
    return origin(base) + reverse(f"digiradar_follow:{view}", args=[links.make(subscription, purpose)])


def unsubscribe_url(subscription, base=""):
    """The follower's signed unsubscribe link, in their language (call inside its override)."""
    return _link("unsubscribe", subscription, links.UNSUBSCRIBE, base)


def unsubscribe_weekly_url(subscription, base=""):
    """The signed link that ends every weekly follow of ``subscription``'s person (address or account)."""
    return _link("unsubscribe_weekly", subscription, links.UNSUBSCRIBE_WEEKLY, base)


def _queue(template, context, subscription, about, unsubscribe=None, on_sent=None):
    subject = render_to_string(f"digiradar_follow/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"digiradar_follow/mail/{template}.txt", context)
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return queue_mail(subject, body, [subscription.address], about=about, headers=headers, on_sent=on_sent)


def send_confirmation(subscription, title, confirm_url, unsubscribe):
    """
    The double opt-in mail: the link that confirms the follow, and (like every mail) the one that
    deletes the address at once. False if known to have failed.
    """
    with translation.override(subscription.language or settings.LANGUAGE_CODE):
        context = {
            "title": title,
            "confirm_url": confirm_url,
            "unsubscribe_url": unsubscribe,
            "days": follow_settings.FOLLOW_CONFIRM_DAYS,
        }
        return _queue("confirm", context, subscription, f"follow #{subscription.pk} (confirm)", unsubscribe)


def _item(change):
    return {
        "title": change.title,
        "kind": KINDS.get(change.kind, change.kind),
        "summary": change.summary,
        "url": absolute(change.url, change.url),
        "date": change.created_at,
    }


def _subject_key(subscription):
    return (subscription.content_type_id, subscription.object_id)


def send_change(groups, names=None):
    """
    One mail to one person telling ``groups`` (lists of notifications, one list per follow of that
    person): one change at once, or a week's changes of one or several follows. Each follow's
    changes come under the name of what it follows (``names``: see :func:`.subjects.names`, loaded
    here if not given) with that follow's own unsubscribe link; a digest of several follows has
    one one-click link (``List-Unsubscribe``) that ends all weekly follows of the person.

    The mail is in the language of the person's most recently created follow among ``groups``
    (they chose it last, on the page they followed last). False if known to have failed.
    """
    groups = [group for group in groups if group]
    if not groups or not groups[0][0].subscription.address:
        return False
    latest = max((group[0].subscription for group in groups), key=lambda each: (each.created_at, each.pk))
    base = groups[0][0].change.url
    combined = len(groups) > 1
    weekly = combined or len(groups[0]) > 1 or latest.frequency == Frequency.WEEKLY
    if names is None:
        names = subjects.names({_subject_key(group[0].subscription) for group in groups})
    with translation.override(latest.language or settings.LANGUAGE_CODE):
        sections = []
        for group in groups:
            name = names.get(_subject_key(group[0].subscription))
            sections.append(
                {
                    "name": name() if name else "",
                    "items": [_item(notification.change) for notification in group],
                    "unsubscribe_url": unsubscribe_url(group[0].subscription, base),
                }
            )
        items = [item for section in sections for item in section["items"]]
        unsubscribe = unsubscribe_weekly_url(latest, base) if combined else sections[0]["unsubscribe_url"]
        context = {
            "items": items,
            "item": items[0],
            "sections": sections,
            "combined": combined,
            "unsubscribe_url": unsubscribe,
        }
        template = "digest" if weekly else "change"
        ids = [notification.pk for group in groups for notification in group]
        follows = ", ".join(f"#{group[0].subscription_id}" for group in groups)
        about = f"follow {follows} ({template}, {len(ids)} change(s))"
        return _queue(template, context, latest, about, unsubscribe, on_sent=(SENT, [ids]))


def queue_mails(notifications):
    """
    Queue the mails for ``notifications`` (each with ``subscription`` and ``change`` loaded): an
    at-once follower gets one mail per follow, a weekly follower one digest for all their weekly
    follows (the same address, or the same account). What each follow follows is named from one
    load for all the mails; they are marked queued in one query. One set per mail queued: the ids
    of the follows it tells.
    """
    mails = {}  # one entry per mail: {subscription id: [its notifications]}
    for notification in notifications:
        subscription = notification.subscription
        if subscription.frequency == Frequency.WEEKLY:
            mail = ("person", subscription.person)
        else:
            mail = ("follow", subscription.pk)
        mails.setdefault(mail, {}).setdefault(subscription.pk, []).append(notification)
    names = subjects.names({_subject_key(notification.subscription) for notification in notifications})
    queued, told = [], []
    for by_subscription in mails.values():
        if send_change(list(by_subscription.values()), names):
            queued.extend(notification.pk for group in by_subscription.values() for notification in group)
            told.append(set(by_subscription))
    Notification.objects.filter(pk__in=queued).update(queued_at=timezone.now())
    return told
