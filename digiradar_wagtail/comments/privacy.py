"""
A data subject's request: everything stored about one email address, exported as JSON or erased.
Erasing blanks text and personal data and keeps each comment's place in its thread.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .models import REMOVED, Comment, PendingConfirmation
from .moderation import ERASE, log_action


def comments_of(email):
    return Comment.objects.filter(user_email__iexact=email).order_by("submit_date")


def export(email):
    """The comments of ``email``, and those still waiting for their author's confirmation."""
    return {
        "email": email,
        "comments": [
            {
                "id": c.pk,
                "name": c.user_name,
                "email": c.user_email,
                "comment": c.comment,
                "state": c.state,
                "submitted": c.submit_date.isoformat(),
                "language": c.language,
                "reply_to": c.parent_id if c.parent_id != c.pk else None,
            }
            for c in comments_of(email)
        ],
        "unconfirmed": [
            {
                "name": p.user_name,
                "email": p.user_email,
                "comment": p.comment,
                "submitted": p.submit_date.isoformat(),
                "language": p.language,
            }
            for p in PendingConfirmation.objects.filter(user_email__iexact=email).order_by("submit_date")
        ],
    }


def erase(email, user):
    """
    Blank the text and personal data of every comment of ``email``; their place in the threads is
    kept. The comments still waiting for confirmation are deleted, so that no confirmation link
    can bring an erased comment back. Returns ``(erased, unconfirmed deleted)``.
    """
    with transaction.atomic():
        unconfirmed = PendingConfirmation.objects.filter(user_email__iexact=email).delete()[0]
        comments = list(comments_of(email))
        for comment in comments:
            Comment.objects.filter(pk=comment.pk).update(
                comment="",
                user_name="",
                user_email="",
                user_url="",
                user=None,
                state=REMOVED,
                is_public=True,
                is_removed=True,
                moderation_reason=_("Erased on request of the author."),
            )
            log_action(comment, ERASE, user=user)
    return len(comments), unconfirmed
