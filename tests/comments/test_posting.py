"""Writing comments through real HTTP: anonymous with mail confirmation, logged in, moderation modes."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, Comment
from tests.builders import translate
from tests.comments.conftest import comment_form, make_comment, post_comment

pytestmark = pytest.mark.django_db


def confirm_link(message):
    return re.search(r"https?://[^\s]+/confirm/[^\s]+/", message.body).group(0)


def test_anonymous_comment_waits_for_mail_confirmation_then_for_moderation(client, measure, moderator):
    text = "Bitte auch an ältere Menschen denken."
    response = post_comment(client, measure.url, text)
    assert response.status_code == 303
    assert response["Location"] == f"{measure.url}?comment=confirm#comments"
    assert Comment.objects.count() == 0  # nothing stored before confirmation
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.org"]
    assert text not in confirmation.body and "Anna" not in confirmation.body

    response = client.get(confirm_link(confirmation))
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.state, comment.is_public, comment.comment, comment.user_name) == (
        PENDING,
        False,
        text,
        "Anna",
    )
    # Pre-moderation: not on the page yet, and moderators were told with a link into the queue.
    assert text not in client.get(measure.url).content.decode()
    assert mail.outbox[-1].to == ["mod@example.org"]
    assert f"/admin/digiradar-comments/inspect/{comment.pk}/" in mail.outbox[-1].body
    # Opening the link twice stores nothing twice.
    client.get(confirm_link(confirmation))
    assert Comment.objects.count() == 1


def test_logged_in_user_posts_under_their_name_without_confirmation(client, measure, citizen):
    client.force_login(citizen)
    action, fields = comment_form(client, measure.url)
    assert "name" not in fields and "email" not in fields
    response = post_comment(client, measure.url, "Gute Idee!", anonymous=False)
    assert response.status_code == 303 and response["Location"].endswith("?comment=pending#comments")
    comment = Comment.objects.get()
    assert (comment.user, comment.user_name, comment.user_email) == (
        citizen,
        "Carla Bürger",
        "citizen@example.org",
    )
    assert comment.state == PENDING


@override_settings(DIGIRADAR_COMMENTS_MODERATION="post")
def test_post_moderation_publishes_at_once_but_holds_links_and_blocked_words(client, measure, citizen):
    client.force_login(citizen)
    post_comment(client, measure.url, "Sofort sichtbar.", anonymous=False)
    assert Comment.objects.get(comment="Sofort sichtbar.").state == PUBLISHED
    assert "Sofort sichtbar." in client.get(measure.url).content.decode()

    post_comment(client, measure.url, "Siehe https://example.org/werbung", anonymous=False)
    held = Comment.objects.get(comment__contains="werbung")
    assert (held.state, held.held_for) == (PENDING, "links")

    with override_settings(DIGIRADAR_COMMENTS_BLOCKLIST=["Mist"]):
        post_comment(client, measure.url, "So ein Mist hier", anonymous=False)
    held = Comment.objects.get(comment__contains="Mist")
    assert (held.state, held.held_for) == (PENDING, "blocklist")


def test_pre_moderation_is_the_default(client, measure, citizen):
    client.force_login(citizen)
    post_comment(client, measure.url, "Wartet auf Freigabe.", anonymous=False)
    assert Comment.objects.get().state == PENDING
    assert "Wartet auf Freigabe." not in client.get(measure.url).content.decode()


def test_german_and_english_page_share_one_thread(client, measure, english, citizen):
    english_measure = translate(measure, english)
    client.force_login(citizen)
    with override_settings(DIGIRADAR_COMMENTS_MODERATION="post"):
        post_comment(client, measure.url, "Auf Deutsch geschrieben.", anonymous=False)
        response = post_comment(client, english_measure.url, "Written in English.", anonymous=False)
    assert response["Location"].startswith(english_measure.url)
    for url in (measure.url, english_measure.url):
        html = client.get(url).content.decode()
        assert "Auf Deutsch geschrieben." in html and "Written in English." in html
    assert {c.language for c in Comment.objects.all()} == {"de", "en"}


def test_threaded_reply_to_the_configured_depth(client, measure, citizen):
    root = make_comment(measure, "Wurzel")
    child = make_comment(measure, "Antwort", parent=root)
    grandchild = make_comment(measure, "Antwort auf Antwort", parent=child)
    client.force_login(citizen)
    with override_settings(DIGIRADAR_COMMENTS_MODERATION="post"):
        response = post_comment(
            client, measure.url, "Noch eine Antwort", anonymous=False, query={"reply_to": root.pk}
        )
    assert response.status_code == 303
    reply = Comment.objects.get(comment="Noch eine Antwort")
    assert (reply.parent_id, reply.level, reply.thread_id) == (root.pk, 1, root.pk)
    html = client.get(measure.url).content.decode()
    assert f"?reply_to={child.pk}#" in html
    assert f"?reply_to={grandchild.pk}#" not in html  # deepest level: no reply link
    # A forged reply below the deepest level is a form error, not a 500.
    action, fields = comment_form(client, measure.url)
    fields.update({"comment": "Zu tief", "consent": "on", "reply_to": str(grandchild.pk)})
    response = client.post(action, fields)
    assert response.status_code == 400
    assert "Auf diesen Kommentar kann nicht mehr geantwortet werden." in response.content.decode()
    assert not Comment.objects.filter(comment="Zu tief").exists()


def test_closed_and_scheduled_discussions_refuse_posts(client, measure, citizen):
    client.force_login(citizen)
    action, fields = comment_form(client, measure.url)
    measure.participation = [("comments", {"mode": "closed"}), ("rating", {})]
    measure.save_revision().publish()
    html = client.get(measure.url).content.decode()
    assert 'id="comment-form"' not in html
    fields.update({"comment": "Zu spät", "consent": "on"})
    assert client.post(action, fields).status_code == 403
    assert Comment.objects.count() == 0


def test_form_errors_re_render_with_summary_and_described_fields(client, measure):
    action, fields = comment_form(client, measure.url)
    fields.update({"comment": "", "name": "", "email": "keine-adresse"})
    response = client.post(action, fields, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "data-digiradar-focus" in html
    assert 'aria-describedby="digiradar-comment-comment-help digiradar-comment-comment-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#digiradar-comment-consent"' in html  # consent missing is listed too
    assert Comment.objects.count() == 0
    assert not mail.outbox


def test_author_deletes_own_comment_text_blanked_thread_kept(client, measure, citizen, django_user_model):
    own = make_comment(measure, "Mein Text", user=citizen)
    reply = make_comment(measure, "Antwort darauf", parent=own)
    client.force_login(django_user_model.objects.create_user("other", "o@example.org", "pw"))
    assert client.post(f"/de/digiradar/comments/{own.pk}/delete/").status_code == 403
    client.force_login(citizen)
    assert (
        "Delete my comment" in client.get(measure.url).content.decode()
        or "Meinen Kommentar löschen" in client.get(measure.url).content.decode()
    )
    response = client.post(f"/de/digiradar/comments/{own.pk}/delete/", {"next": measure.url})
    assert response.status_code == 303
    own.refresh_from_db()
    assert (own.state, own.comment, own.is_removed) == ("removed", "", True)
    html = client.get(measure.url).content.decode()
    assert "Mein Text" not in html and "Antwort darauf" in html
    reply.refresh_from_db()
    assert reply.state == PUBLISHED
