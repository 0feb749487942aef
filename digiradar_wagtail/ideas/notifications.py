"""
Mails of the ideas app, queued as tasks through the radar app's ``mail.py`` (never sent in the
request). The confirmation request carries only the link, never the idea's text.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..mail import queue_mail, sent_callback
from .models import Idea

CONFIRMATION_SENT = "digiradar_ideas.confirmation_sent"


@sent_callback(CONFIRMATION_SENT)
def mark_confirmation_sent(idea_id):
    """Called by the mail task once a confirmation request went out."""
    Idea.objects.filter(pk=idea_id).update(confirmation_sent_at=timezone.now())


def send_confirmation_request(idea, confirm_url, page_title):
    """Queue the mail with the link that confirms ``idea``; False if it is known to have failed."""
    context = {"confirm_url": confirm_url, "page_title": page_title}
    with translation.override(idea.language or None):
        subject = render_to_string("digiradar_ideas/mail/confirm_subject.txt", context).strip()
        body = render_to_string("digiradar_ideas/mail/confirm.txt", context)
    return queue_mail(
        subject,
        body,
        [idea.author_email],
        about=f"idea #{idea.pk} (confirm)",
        on_sent=(CONFIRMATION_SENT, [idea.pk]),
    )
