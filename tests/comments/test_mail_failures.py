"""
A mail that fails (here: the mail server refuses the connection) never costs a comment and never
answers 500; what was not sent is sent later.
"""

import logging

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from digiradar_wagtail.comments import moderation
from digiradar_wagtail.comments.models import HIDDEN, PENDING, Comment, PendingConfirmation
from tests.comments.conftest import make_comment, post_comment
from tests.comments.failing_mail import FAILING
from tests.comments.test_posting import confirm_link

TEXT = "Bitte auch an ältere Menschen denken."
LOGGER = "digiradar_wagtail.mail"


def mail_failures(caplog):
    return [record for record in caplog.records if record.name == LOGGER and record.levelno >= logging.ERROR]


def assert_logged_without_personal_data(caplog):
    [record] = mail_failures(caplog)
    assert isinstance(record.exc_info[1], ConnectionRefusedError)
    text = record.getMessage()
    assert "ConnectionRefusedError" in text
    assert "anna@example.org" not in text and TEXT not in text and "Anna" not in text


def test_refused_confirmation_mail_keeps_the_comment_and_says_so(client, measure, caplog):
    with override_settings(EMAIL_BACKEND=FAILING):
        response = post_comment(client, measure.url, TEXT)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Ihr Kommentar ist gespeichert, aber die Bestätigungs-Mail konnte nicht gesendet werden" in html
    assert 'role="alert"' in html and 'id="comment-form"' in html  # the form, filled in, to try again
    pending = PendingConfirmation.objects.get()
    assert (pending.comment, pending.user_email, pending.mail_sent_at) == (TEXT, "anna@example.org", None)
    assert not Comment.objects.exists()
    assert_logged_without_personal_data(caplog)


def test_sending_the_same_comment_again_resends_the_mail_without_a_second_comment(client, measure):
    with override_settings(EMAIL_BACKEND=FAILING):
        assert post_comment(client, measure.url, TEXT).status_code == 503
    response = post_comment(client, measure.url, TEXT)
    assert response.status_code == 303
    assert response["Location"] == f"{measure.url}?comment=confirm#comments"
    pending = PendingConfirmation.objects.get()
    assert pending.mail_sent_at is not None
    [confirmation] = mail.outbox
    assert client.get(confirm_link(confirmation)).status_code == 303
    assert Comment.objects.get().comment == TEXT
    assert not PendingConfirmation.objects.exists()


def test_a_different_comment_after_a_failure_is_a_comment_of_its_own(client, measure):
    with override_settings(EMAIL_BACKEND=FAILING):
        post_comment(client, measure.url, TEXT)
    assert post_comment(client, measure.url, "Noch ein Gedanke.").status_code == 303
    assert PendingConfirmation.objects.count() == 2
    assert PendingConfirmation.objects.unsent().get().comment == TEXT


def test_the_resend_command_sends_what_failed(client, measure, caplog):
    with override_settings(EMAIL_BACKEND=FAILING):
        post_comment(client, measure.url, TEXT)
        with pytest.raises(CommandError, match="could not be sent"):
            call_command("digiradar_comments_resend")
    assert PendingConfirmation.objects.get().mail_sent_at is None  # kept for the next run
    assert len(mail_failures(caplog)) == 2

    call_command("digiradar_comments_resend")
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.org"] and TEXT not in confirmation.body
    link = confirm_link(confirmation)
    assert link.startswith("http://localhost/de/")  # the page's site, the comment's language
    assert client.get(link.removeprefix("http://localhost")).status_code == 303
    assert Comment.objects.get().comment == TEXT
    call_command("digiradar_comments_resend")  # nothing left to send
    assert len(mail.outbox) == 1


def test_refused_moderator_mail_keeps_the_comment_and_the_digest_sends_it(
    client, measure, citizen, moderator, caplog
):
    client.force_login(citizen)
    with override_settings(EMAIL_BACKEND=FAILING):
        response = post_comment(client, measure.url, TEXT, anonymous=False)
    assert response.status_code == 303
    assert response["Location"] == f"{measure.url}?comment=pending#comments"
    comment = Comment.objects.get()
    assert (comment.state, comment.comment, comment.notified_at) == (PENDING, TEXT, None)
    [record] = mail_failures(caplog)
    assert TEXT not in record.getMessage() and "mod@example.org" not in record.getMessage()

    call_command("digiradar_comments_digest")
    [digest] = mail.outbox
    assert digest.to == ["mod@example.org"] and f"/inspect/{comment.pk}/" in digest.body
    comment.refresh_from_db()
    assert comment.notified_at is not None


def test_refused_moderator_mail_after_confirmation_keeps_the_comment(client, measure, moderator):
    post_comment(client, measure.url, TEXT)
    [confirmation] = mail.outbox
    with override_settings(EMAIL_BACKEND=FAILING):
        response = client.get(confirm_link(confirmation))
    assert response.status_code == 303
    assert Comment.objects.get().notified_at is None


def test_refused_hidden_mail_still_hides(measure, moderator, caplog):
    comment = make_comment(measure, TEXT, user_email="anna@example.org")
    with override_settings(EMAIL_BACKEND=FAILING):
        moderation.hide(comment, moderator, "Beleidigung")
    comment.refresh_from_db()
    assert comment.state == HIDDEN
    [record] = mail_failures(caplog)
    assert "anna@example.org" not in record.getMessage() and f"#{comment.pk}" in record.getMessage()
