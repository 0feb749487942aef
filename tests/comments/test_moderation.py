"""Moderation through the Wagtail admin: every state change, its audit-log entry, reports, city replies."""

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.models import ModelLogEntry

from digiradar_wagtail.comments.models import HIDDEN, PENDING, PUBLISHED, REMOVED, Comment, CommentReport
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

ADMIN = "/admin/digiradar-comments/"


def log_actions(comment):
    return [
        (e.action, e.user_id, e.data.get("reason", ""))
        for e in ModelLogEntry.objects.for_instance(comment).order_by("pk")
    ]


def test_every_state_change_is_logged_with_who_and_why(client, measure, moderator):
    comment = make_comment(measure, "Zur Prüfung", state=PENDING)
    client.force_login(moderator)

    assert client.post(f"{ADMIN}approve/{comment.pk}/").status_code == 302
    comment.refresh_from_db()
    assert (comment.state, comment.is_public) == (PUBLISHED, True)
    assert "Zur Prüfung" in client.get(measure.url).content.decode()

    response = client.post(f"{ADMIN}hide/{comment.pk}/", {"hide-reason": "Beleidigend"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.state, comment.is_public, comment.moderation_reason) == (HIDDEN, False, "Beleidigend")
    assert "Zur Prüfung" not in client.get(measure.url).content.decode()
    # The author learns why (and the mail does not repeat the comment).
    assert mail.outbox[-1].to == ["bea@example.org"] and "Beleidigend" in mail.outbox[-1].body
    assert "Zur Prüfung" not in mail.outbox[-1].body

    client.post(f"{ADMIN}approve/{comment.pk}/")  # hiding is reversible
    client.post(f"{ADMIN}remove/{comment.pk}/", {"other-reason": "Spam"})
    comment.refresh_from_db()
    assert (comment.state, comment.comment, comment.is_removed) == (REMOVED, "", True)

    assert log_actions(comment) == [
        ("digiradar_comments.approve", moderator.pk, ""),
        ("digiradar_comments.hide", moderator.pk, "Beleidigend"),
        ("digiradar_comments.approve", moderator.pk, ""),
        ("digiradar_comments.remove", moderator.pk, "Spam"),
    ]
    # Wagtail's history view of the comment shows who and why; the detail view links to it.
    assert f"{ADMIN}history/{comment.pk}/" in client.get(f"{ADMIN}inspect/{comment.pk}/").content.decode()
    html = client.get(f"{ADMIN}history/{comment.pk}/").content.decode()
    assert "Beleidigend" in html and "Mo Derator" in html and "Spam" in html


def test_inspect_offers_the_steps_the_state_allows(client, measure, moderator):
    comment = make_comment(measure, "Zu prüfen", state=PENDING)
    client.force_login(moderator)
    html = client.get(f"{ADMIN}inspect/{comment.pk}/").content.decode()
    for step in ("approve", "hide", "remove", "reply"):
        form = f'<form method="post" action="{ADMIN}{step}/{comment.pk}/"><input type="hidden" name="csrf'
        assert form in html
    assert f"{ADMIN}to-pending/" not in html
    for name in ("hide-reason", "other-reason", "text"):
        assert f'<label for="id_{name}">' in html and f'id="id_{name}"' in html
    assert 'class="button no">' in html
    comment.state = PUBLISHED
    comment.save()
    html = client.get(f"{ADMIN}inspect/{comment.pk}/").content.decode()
    assert f"{ADMIN}to-pending/{comment.pk}/" in html and f"{ADMIN}approve/" not in html


def test_hiding_needs_a_reason(client, measure, moderator):
    comment = make_comment(measure)
    client.force_login(moderator)
    client.post(f"{ADMIN}hide/{comment.pk}/", {"hide-reason": "  "})
    comment.refresh_from_db()
    assert comment.state == PUBLISHED
    assert log_actions(comment) == []


def test_city_reply_is_published_marked_and_logged(client, measure, english, moderator):
    from tests.builders import translate

    comment = make_comment(measure, "Wann kommt das?")
    client.force_login(moderator)
    response = client.post(f"{ADMIN}reply/{comment.pk}/", {"text": "Im Herbst."})
    assert response.status_code == 302
    reply = Comment.objects.get(is_official=True)
    assert (reply.state, reply.parent_id, reply.level) == (PUBLISHED, comment.pk, 1)
    assert log_actions(reply) == [("digiradar_comments.official_reply", moderator.pk, "")]
    client.logout()
    english_measure = translate(measure, english)
    for url in (measure.url, english_measure.url):
        html = client.get(url).content.decode()
        assert "digiradar-comment--official" in html and "Im Herbst." in html
    assert "Antwort der Stadt" in client.get(measure.url).content.decode()
    assert "City's reply" in client.get(english_measure.url).content.decode()


def test_a_removed_comment_keeps_its_state_but_can_still_be_replied_to(client, measure, moderator):
    comment = make_comment(measure, "Entfernt", state=REMOVED)
    client.force_login(moderator)
    response = client.post(f"{ADMIN}approve/{comment.pk}/", follow=True)
    assert "Ein entfernter Kommentar kann nicht mehr geändert werden." in response.content.decode()
    comment.refresh_from_db()
    assert comment.state == REMOVED and log_actions(comment) == []
    response = client.post(f"{ADMIN}reply/{comment.pk}/", {"text": "Dazu noch ein Hinweis."}, follow=True)
    assert "Die Antwort der Stadt ist veröffentlicht." in response.content.decode()
    assert Comment.objects.get(is_official=True).parent_id == comment.pk


@override_settings(DIGIRADAR_COMMENTS_REPORTS_TO_PENDING=3, DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING=3)
def test_reports_one_per_person_and_n_reports_return_to_pending(client, measure):
    comment = make_comment(measure, "Umstritten")
    url = f"/de/digiradar/comments/{comment.pk}/report/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "abuse"}, REMOTE_ADDR="198.51.100.1").status_code == 303
    again = client.post(url, {"reason": "spam"}, REMOTE_ADDR="198.51.100.1")
    assert again.status_code == 400  # one report per person
    assert CommentReport.objects.count() == 1
    assert client.post(url, {"reason": "nonsense"}, REMOTE_ADDR="198.51.100.2").status_code == 400
    client.post(url, {"reason": "spam", "note": "Werbung"}, REMOTE_ADDR="198.51.100.2")
    comment.refresh_from_db()
    assert comment.state == PUBLISHED
    client.post(url, {"reason": "off_topic"}, REMOTE_ADDR="198.51.100.3")
    comment.refresh_from_db()
    assert comment.state == PENDING
    assert [a for a, _, _ in log_actions(comment)] == ["digiradar_comments.report"] * 3 + [
        "digiradar_comments.to_pending"
    ]
    assert "Umstritten" not in client.get(measure.url).content.decode()
    # No IP address or raw address anywhere in the reports.
    assert not CommentReport.objects.filter(reporter_key__contains="198.51").exists()


@override_settings(DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING=3)
def test_approval_resolves_reports_so_they_no_longer_count(client, measure, moderator):
    comment = make_comment(measure)
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        client.post(f"/de/digiradar/comments/{comment.pk}/report/", {"reason": "spam"}, REMOTE_ADDR=address)
    comment.refresh_from_db()
    assert comment.state == PENDING
    client.force_login(moderator)
    client.post(f"{ADMIN}approve/{comment.pk}/")
    client.logout()
    client.post(
        f"/de/digiradar/comments/{comment.pk}/report/", {"reason": "spam"}, REMOTE_ADDR="198.51.100.9"
    )
    comment.refresh_from_db()
    assert comment.state == PUBLISHED


def bulk_url(action, *ids):
    return f"/admin/bulk/digiradar_comments/comment/{action}/?" + "&".join(f"id={pk}" for pk in ids)


def test_bulk_approve_and_bulk_hide(client, measure, moderator):
    first, second, third = (make_comment(measure, f"Nummer {n}", state=PENDING) for n in range(3))
    client.force_login(moderator)
    # Wagtail's bulk action asks first (GET), then acts (POST).
    confirmation = client.get(bulk_url("approve", first.pk, second.pk)).content.decode()
    assert "Nummer 0" in confirmation and "Nummer 1" in confirmation and "Nummer 2" not in confirmation
    assert "Kommentare freigeben" in confirmation and "Ja, freigeben" in confirmation
    assert 'name="reason"' not in confirmation
    confirmation = client.get(bulk_url("hide", first.pk)).content.decode()
    assert "Kommentare ausblenden" in confirmation and 'name="reason"' in confirmation
    assert "button serious" in confirmation
    # The queue offers them in Wagtail's bulk action footer.
    footer = client.get(ADMIN).content.decode()
    assert 'data-bulk-action-footer="COMMENT"' in footer
    assert "/admin/bulk/digiradar_comments/comment/hide/" in footer
    assert client.post(bulk_url("approve", first.pk, second.pk)).status_code == 302
    assert set(Comment.objects.filter(state=PUBLISHED).values_list("pk", flat=True)) == {first.pk, second.pk}
    # Hiding in bulk needs a reason.
    response = client.post(bulk_url("hide", first.pk, third.pk), {"reason": "  "})
    assert response.status_code == 200 and "error-message" in response.content.decode()
    assert not Comment.objects.filter(state=HIDDEN).exists()
    client.post(bulk_url("hide", first.pk, third.pk), {"reason": "Off topic"})
    assert set(Comment.objects.filter(state=HIDDEN).values_list("pk", flat=True)) == {first.pk, third.pk}
    assert ModelLogEntry.objects.filter(action="digiradar_comments.hide", user=moderator).count() == 2
    assert all("Off topic" in message.body for message in mail.outbox[-2:])
    # Garbage ids are refused with a message, not a 500.
    response = client.post("/admin/bulk/digiradar_comments/comment/approve/?id=x&id=1%3B%20DROP")
    assert response.status_code == 302


def test_queue_filters_search_and_oldest_first(client, measure, moderator):
    from tests.builders import days_ago

    old = make_comment(measure, "Alter Kommentar", state=PENDING, submit_date=days_ago(3))
    new = make_comment(measure, "Neuer Kommentar", state=PENDING, submit_date=days_ago(1))
    published = make_comment(measure, "Schon sichtbar", state=PUBLISHED)
    CommentReport.objects.create(comment=published, reporter_key="k", reason="spam")
    client.force_login(moderator)
    html = client.get(ADMIN).content.decode()
    assert html.index("Alter Kommentar") < html.index("Neuer Kommentar")
    assert "Schon sichtbar" not in html
    assert "Schon sichtbar" in client.get(ADMIN, {"state": "all", "reported": "1"}).content.decode()
    assert "Alter Kommentar" not in client.get(ADMIN, {"state": "all", "reported": "1"}).content.decode()
    html = client.get(ADMIN, {"state": "all", "q": "neuer"}).content.decode()
    assert "Neuer Kommentar" in html and "Alter Kommentar" not in html
    html = client.get(
        ADMIN, {"state": "pending", "date_from": days_ago(2).date().isoformat()}
    ).content.decode()
    assert "Neuer Kommentar" in html and "Alter Kommentar" not in html
    discussion = old.object_pk
    assert "Alter Kommentar" in client.get(ADMIN, {"discussion": discussion}).content.decode()
    assert "Alter Kommentar" not in client.get(ADMIN, {"discussion": int(discussion) + 1}).content.decode()
    # Nonsense filters are a 400 that names them, never a 500; a nonsense page number is ignored.
    response = client.get(ADMIN, {"date_from": "gestern", "discussion": "x", "p": "-3"})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert client.get(ADMIN, {"p": "-3"}).status_code == 200
    assert new.pk


def test_menu_item_and_dashboard_show_the_pending_count(client, measure, moderator, editor):
    from tests.builders import days_ago

    make_comment(measure, state=PENDING, submit_date=days_ago(2))
    make_comment(measure, state=PENDING)
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "digiradar-pending-comments" in html
    assert "2 Kommentare warten auf Moderation" in html or "2 comments are waiting" in html
    assert "(2 " in html  # the menu label carries the count
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "digiradar-pending-comments" not in html and "digiradar-comments/" not in html


@override_settings(DIGIRADAR_COMMENTS_NOTIFY="digest")
def test_digest_mode_sends_one_mail_for_all_new_pending(client, measure, moderator, citizen):
    from django.core.management import call_command

    client.force_login(citizen)
    from tests.comments.conftest import post_comment

    post_comment(client, measure.url, "Eins", anonymous=False)
    post_comment(client, measure.url, "Zwei", anonymous=False)
    assert mail.outbox == []
    call_command("digiradar_comments_digest")
    [digest] = mail.outbox
    assert digest.to == ["mod@example.org"] and digest.body.count("/admin/digiradar-comments/") >= 3
    call_command("digiradar_comments_digest")
    assert len(mail.outbox) == 1  # nothing new, nothing sent


def test_bulk_select_all_acts_on_what_the_queue_shows(client, measure, moderator):
    """Wagtail's "select all" sends the queue's query string along: its search must hold too."""
    solar = [make_comment(measure, f"Solar Nummer {n}", state=PENDING) for n in range(2)]
    other = make_comment(measure, "Etwas anderes", state=PENDING)
    published = make_comment(measure, "Solar schon sichtbar", state=PUBLISHED)
    client.force_login(moderator)
    response = client.post(
        "/admin/bulk/digiradar_comments/comment/hide/?id=all&q=Solar", {"reason": "Doppelt"}
    )
    assert response.status_code == 302
    hidden = set(Comment.objects.filter(state=HIDDEN).values_list("pk", flat=True))
    assert hidden == {comment.pk for comment in solar}  # the pending matches, as the queue lists them
    assert Comment.objects.get(pk=other.pk).state == PENDING
    assert Comment.objects.get(pk=published.pk).state == PUBLISHED
