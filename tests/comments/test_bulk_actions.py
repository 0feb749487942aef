"""
The comment queue's bulk actions as a moderator uses them: "select all" across the queue's pages
in a constant number of queries, nothing left to change answered with a message, and the
permission asked before anything else.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from digiradar_wagtail.comments.models import HIDDEN, PENDING, PUBLISHED, REMOVED, Comment, CommentReport
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

BULK = "/admin/bulk/digiradar_comments/comment"


def queries_to_moderate_all(client, measure, count, action, data):
    """Queries of one "select all" POST over ``count`` pending comments (each reported once)."""
    Comment.objects.all().delete()
    comments = [make_comment(measure, f"Nummer {n}", state=PENDING) for n in range(count)]
    CommentReport.objects.bulk_create(
        CommentReport(comment=comment, reporter_key=f"k{comment.pk}", reason="spam") for comment in comments
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{BULK}/{action}/?id=all&next=/admin/digiradar-comments/", data)
    assert response.status_code == 302
    return len(queries), comments


@pytest.mark.parametrize(
    ("action", "data", "state"), [("approve", {}, PUBLISHED), ("hide", {"reason": "Doppelt"}, HIDDEN)]
)
def test_select_all_takes_the_same_queries_for_2_and_10_comments(
    client, measure, moderator, action, data, state
):
    client.force_login(moderator)
    queries_to_moderate_all(client, measure, 1, action, data)  # sessions, caches and permissions settle
    few, _ = queries_to_moderate_all(client, measure, 2, action, data)
    many, comments = queries_to_moderate_all(client, measure, 10, action, data)
    assert few == many
    # ... and every one of the ten took the whole step: state, reports resolved, logged, told.
    assert set(Comment.objects.values_list("state", flat=True)) == {state}
    assert not CommentReport.objects.filter(resolved=False).exists()
    entries = ModelLogEntry.objects.filter(action=f"digiradar_comments.{action}", user=moderator)
    logged = {int(entry.object_id): entry for entry in entries}
    assert set(logged) >= {comment.pk for comment in comments}
    entry = logged[comments[0].pk]
    assert entry.data == {"reason": data.get("reason", ""), "previous": PENDING, "state": state}
    assert entry.label == f"Kommentar #{comments[0].pk}"
    if action == "hide":
        told = [message for message in mail.outbox if "Doppelt" in message.body]
        assert sorted(message.to[0] for message in told) == ["bea@example.org"] * 13


def test_nothing_that_can_still_change_is_answered_with_a_message(client, measure, moderator):
    removed = make_comment(measure, "Entfernt", state=REMOVED)
    client.force_login(moderator)
    response = client.post(f"{BULK}/approve/?id={removed.pk}&id=x&next=/admin/digiradar-comments/")
    assert (response.status_code, response["Location"]) == (302, "/admin/digiradar-comments/")
    shown = [str(message).strip() for message in client.get("/admin/digiradar-comments/").context["messages"]]
    assert shown == ["Es wurde kein Kommentar ausgewählt, der sich noch ändern lässt."]
    assert Comment.objects.get(pk=removed.pk).state == REMOVED
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_comments.").exists()


def test_select_all_without_the_permission_is_refused_before_any_change(client, measure, editor):
    pending = make_comment(measure, "Wartet", state=PENDING)
    client.force_login(editor)
    for action, data in (("approve", {}), ("hide", {"reason": "Nein"})):
        response = client.post(f"{BULK}/{action}/?id=all", data)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert client.get(f"{BULK}/{action}/?id=all").status_code == 302
    assert Comment.objects.get(pk=pending.pk).state == PENDING
