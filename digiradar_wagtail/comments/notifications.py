"""
Mails of the comment sub-app. None of them repeats a comment's text or its author's name, so
that no mail can be abused to carry someone else's message to a third party.

Every mail is queued (``digiradar_wagtail.mail``: a task the worker runs, retried when the mail
server refuses) after what it is about is stored, so a mail that fails never costs a comment or
answers 500: it is logged (logger ``digiradar_wagtail.mail``, without the address or any text).
What was never sent is sent later: confirmation requests by the same post again or
``digiradar_comments_resend``, moderator notifications by ``digiradar_comments_digest``. A mail
is marked when it is queued (``mail_sent_at``, ``notified_at``), so that those commands never
queue a second copy of a mail the worker has not sent yet; the task marks it again once it went
out, and takes the mark back if its last try failed (or the mail could not even be queued).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..mail import admin_url, queue_mail, sent_callback
from .conf import comments_settings
from .models import PENDING, Comment, Discussion, PendingConfirmation
from .permissions import moderate_permission


def _send(template, context, recipients, about, on_sent=None, on_failed=None):
    """
    Render one mail and queue it (see :func:`digiradar_wagtail.mail.queue_mail`); False if it is
    known to have failed. ``about`` names what the mail is about in the log (``"comment #12"``),
    never an address or a text.
    """
    subject = render_to_string(f"digiradar_comments/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"digiradar_comments/mail/{template}.txt", context)
    return queue_mail(
        subject, body, recipients, about=f"{about} ({template})", on_sent=on_sent, on_failed=on_failed
    )


# What the mail task calls once a mail went out (registered when the app imports this module).
CONFIRMATION_SENT = "digiradar_comments.confirmation_sent"
CONFIRMATION_FAILED = "digiradar_comments.confirmation_failed"
MODERATORS_NOTIFIED = "digiradar_comments.moderators_notified"
MODERATORS_NOT_NOTIFIED = "digiradar_comments.moderators_not_notified"


@sent_callback(CONFIRMATION_SENT)
def mark_confirmation_sent(pending_id, sent=True):
    """Called when a confirmation request is queued and once it went out; ``sent=False``: it failed."""
    when = timezone.now() if sent else None
    PendingConfirmation.objects.filter(pk=pending_id).update(mail_sent_at=when)


@sent_callback(MODERATORS_NOTIFIED)
def mark_moderators_notified(comment_ids, notified=True):
    """Called when moderators' mail about these comments is queued, once it went out, and
    (``notified=False``) when it failed."""
    Comment.objects.filter(pk__in=comment_ids).update(notified_at=timezone.now() if notified else None)


def _on_failed(name, mark):
    """Register ``name``, the callback of a mail whose last try failed: it takes ``mark``'s mark back."""
    sent_callback(name)(lambda what: mark(what, False))


# Their names stay as they were: tasks already queued carry them.
_on_failed(CONFIRMATION_FAILED, mark_confirmation_sent)
_on_failed(MODERATORS_NOT_NOTIFIED, mark_moderators_notified)


def _send_marked(mark, what, sent, failed, template, context, recipients, about):
    """
    :func:`_send` a mail whose record ``mark(what)`` marks while it is on its way (so the commands
    that send later leave it alone): marked now and once it went out (``sent``); the mark taken
    back if its last try failed (``failed``) or it could not even be queued. False if it failed.
    """
    mark(what)
    queued = _send(template, context, recipients, about, on_sent=(sent, [what]), on_failed=(failed, [what]))
    if not queued:
        mark(what, False)
    return queued


def moderators():
    """Active users who may moderate (superusers only if nobody has the permission explicitly)."""
    User = get_user_model()
    permission = moderate_permission().first()
    users = User.objects.filter(is_active=True).exclude(email="")
    explicit = users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct()
    return list(explicit) or list(users.filter(is_superuser=True))


def send_confirmation_request(pending, confirm_url, page_title):
    """Queue the confirmation request of a :class:`PendingConfirmation`; False if it failed."""
    return _send_marked(
        mark_confirmation_sent,
        pending.pk,
        CONFIRMATION_SENT,
        CONFIRMATION_FAILED,
        "confirm",
        {"confirm_url": confirm_url, "page_title": page_title},
        [pending.user_email],
        f"pending confirmation #{pending.pk}",
    )


def notify_moderators(comments):
    """
    Tell moderators about new pending comments, with a link straight to each one in the queue.
    The number of comments told about (queued); 0 if the mail failed (``notified_at`` is empty
    again, so the digest sends what never went out).
    """
    comments = [comment for comment in comments if comment.state == PENDING]
    recipients = [user.email for user in moderators()]
    if not comments or not recipients:
        return 0
    items = [
        {"id": c.pk, "url": admin_url(reverse("digiradar_comments_admin:inspect", args=[c.pk]))}
        for c in comments
    ]
    about = "comment(s) " + ", ".join(f"#{c.pk}" for c in comments)
    ids = [c.pk for c in comments]
    with translation.override(settings.LANGUAGE_CODE):
        sent = _send_marked(
            mark_moderators_notified,
            ids,
            MODERATORS_NOTIFIED,
            MODERATORS_NOT_NOTIFIED,
            "pending",
            {"items": items, "queue_url": admin_url(reverse("digiradar_comments_admin:index"))},
            recipients,
            about,
        )
    return len(comments) if sent else 0


def notify_new_comment(comment):
    if comments_settings.COMMENTS_NOTIFY == "immediate":
        notify_moderators([comment])


def send_digest():
    """Send one mail listing all pending comments moderators have not yet been told about."""
    pending = list(Comment.objects.filter(state=PENDING, notified_at__isnull=True).order_by("submit_date"))
    return notify_moderators(pending)


def tell_authors_hidden(comments, reason):
    """
    Each author learns that, and why, their comment was hidden (the reason is the moderator's
    text); a comment without an address is skipped. The discussions named in the mails are looked
    up in one query, however many comments. A mail that cannot be queued is logged.
    """
    discussion_type = ContentType.objects.get_for_model(Discussion).pk

    def discussion_id(comment):
        attached = comment.content_type_id == discussion_type and str(comment.object_pk).isdigit()
        return int(comment.object_pk) if attached else None

    ids = {discussion_id(comment) for comment in comments} - {None}
    discussions = Discussion.objects.select_related("page").in_bulk(ids) if ids else {}
    for comment in comments:
        if not comment.user_email:
            continue
        discussion = discussions.get(discussion_id(comment))
        with translation.override(comment.language or settings.LANGUAGE_CODE):
            _send(
                "hidden",
                {
                    "reason": reason,
                    "page_title": str(discussion) if discussion else "",
                    "submit_date": comment.submit_date,
                },
                [comment.user_email],
                f"comment #{comment.pk}",
            )
