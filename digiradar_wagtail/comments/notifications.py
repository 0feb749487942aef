"""
Mails of the comment sub-app. None of them repeats a comment's text or its author's name, so
that no mail can be abused to carry someone else's message to a third party.

Every mail is sent after what it is about is stored, and a mail that fails (the mail server
refuses, times out, ...) never costs a comment or answers 500: it is logged (logger
``digiradar_wagtail.comments``, with the exception but without the address or any text) and
the caller learns it from the return value. What was not sent is sent later: confirmation
requests by the same post again or ``digiradar_comments_resend``, moderator notifications by
``digiradar_comments_digest`` (``notified_at`` stays empty).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .conf import comments_settings
from .models import PENDING, Comment, Discussion
from .permissions import moderate_permission

logger = logging.getLogger("digiradar_wagtail.comments")


def _from_email():
    return getattr(settings, "COMMENTS_XTD_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL


def _admin_url(path):
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def _send(template, context, recipients, about):
    """
    Send one mail; True if the mail backend took it. ``about`` names what the mail is about in
    the log (``"comment #12"``), never an address or a text.
    """
    subject = render_to_string(f"digiradar_comments/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"digiradar_comments/mail/{template}.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, _from_email(), recipients)
    except Exception as error:  # any backend failure: SMTP refused, timeout, TLS, DNS, ...
        logger.error(
            "The '%s' mail about %s could not be sent (%s); it is kept to be sent again later.",
            template,
            about,
            type(error).__name__,
            exc_info=error,
        )
        return False
    return True


def moderators():
    """Active users who may moderate (superusers only if nobody has the permission explicitly)."""
    User = get_user_model()
    permission = moderate_permission().first()
    users = User.objects.filter(is_active=True).exclude(email="")
    explicit = users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct()
    return list(explicit) or list(users.filter(is_superuser=True))


def send_confirmation_request(email, confirm_url, page_title, about="a comment awaiting confirmation"):
    """True if the mail went out."""
    return _send("confirm", {"confirm_url": confirm_url, "page_title": page_title}, [email], about)


def notify_moderators(comments):
    """
    Tell moderators about new pending comments, with a link straight to each one in the queue.
    The number of comments told about; 0 if the mail failed (``notified_at`` stays empty, so the
    digest sends them later).
    """
    comments = [comment for comment in comments if comment.state == PENDING]
    recipients = [user.email for user in moderators()]
    if not comments or not recipients:
        return 0
    items = [
        {"id": c.pk, "url": _admin_url(reverse("digiradar_comments_admin:inspect", args=[c.pk]))}
        for c in comments
    ]
    about = "comment(s) " + ", ".join(f"#{c.pk}" for c in comments)
    with translation.override(settings.LANGUAGE_CODE):
        sent = _send(
            "pending",
            {"items": items, "queue_url": _admin_url(reverse("digiradar_comments_admin:index"))},
            recipients,
            about,
        )
    if not sent:
        return 0
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(notified_at=timezone.now())
    return len(comments)


def notify_new_comment(comment):
    if comments_settings.COMMENTS_NOTIFY == "immediate":
        notify_moderators([comment])


def send_digest():
    """Send one mail listing all pending comments moderators have not yet been told about."""
    pending = list(Comment.objects.filter(state=PENDING, notified_at__isnull=True).order_by("submit_date"))
    return notify_moderators(pending)


def tell_author_hidden(comment, reason):
    """
    The author learns that, and why, a comment was hidden (the reason is the moderator's text).
    True if the mail went out; False if it failed (logged) or there is no address.
    """
    if not comment.user_email:
        return False
    discussion = Discussion.of_comment(comment)
    with translation.override(comment.language or settings.LANGUAGE_CODE):
        return _send(
            "hidden",
            {
                "reason": reason,
                "page_title": str(discussion) if discussion else "",
                "submit_date": comment.submit_date,
            },
            [comment.user_email],
            f"comment #{comment.pk}",
        )
