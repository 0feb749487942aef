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
from . import links
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


def unsubscribe_url(subscription, base=""):
    """The follower's signed unsubscribe link, in their language (call inside its override)."""
    path = reverse("digiradar_follow:unsubscribe", args=[links.make(subscription, links.UNSUBSCRIBE)])
    return origin(base) + path


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


def send_change(subscription, notifications):
    """One mail telling ``subscription`` of ``notifications`` (one change, or a week's)."""
    if not subscription.address or not notifications:
        return False
    base = notifications[0].change.url
    weekly = len(notifications) > 1 or subscription.frequency == Frequency.WEEKLY
    with translation.override(subscription.language or settings.LANGUAGE_CODE):
        unsubscribe = unsubscribe_url(subscription, base)
        items = [_item(notification.change) for notification in notifications]
        context = {"items": items, "item": items[0], "unsubscribe_url": unsubscribe}
        template = "digest" if weekly else "change"
        ids = [notification.pk for notification in notifications]
        about = f"follow #{subscription.pk} ({template}, {len(ids)} change(s))"
        return _queue(template, context, subscription, about, unsubscribe, on_sent=(SENT, [ids]))


def queue_mails(notifications):
    """
    Queue the mails for ``notifications`` (each with ``subscription`` and ``change`` loaded):
    one per follower, weekly followers' changes together. Marks them queued in one query. The
    ids of the follows whose mail was queued.
    """
    by_subscription = {}
    for notification in notifications:
        by_subscription.setdefault(notification.subscription_id, []).append(notification)
    queued, followers = [], set()
    for subscription_id, group in by_subscription.items():
        if send_change(group[0].subscription, group):
            queued.extend(notification.pk for notification in group)
            followers.add(subscription_id)
    Notification.objects.filter(pk__in=queued).update(queued_at=timezone.now())
    return followers
