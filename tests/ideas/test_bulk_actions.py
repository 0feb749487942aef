"""
The ideas list's bulk actions as a moderator uses them: "select all" across the list's pages in a
constant number of queries, nothing left to change answered with a message, and the permission
asked before anything else.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from digiradar_wagtail.ideas.models import HIDDEN, PENDING, PUBLISHED, REMOVED, Idea, IdeaReport
from tests.ideas.conftest import make_idea

pytestmark = pytest.mark.django_db

BULK = "/admin/bulk/digiradar_ideas/idea"


def queries_to_moderate_all(client, ideas_page, count, action):
    """Queries of one "select all" POST over ``count`` pending ideas (each reported once)."""
    Idea.objects.all().delete()
    ideas = [make_idea(ideas_page, f"Idee {n}", state=PENDING) for n in range(count)]
    IdeaReport.objects.bulk_create(
        IdeaReport(idea=idea, reporter_key=f"k{idea.pk}", reason="spam") for idea in ideas
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{BULK}/{action}/?id=all&next=/admin/digiradar-ideas/")
    assert response.status_code == 302
    return len(queries), ideas


@pytest.mark.parametrize(("action", "state"), [("approve", PUBLISHED), ("hide", HIDDEN)])
def test_select_all_takes_the_same_queries_for_2_and_10_ideas(
    client, ideas_page, idea_moderator, action, state
):
    client.force_login(idea_moderator)
    queries_to_moderate_all(client, ideas_page, 1, action)  # sessions, caches and permissions settle
    few, _ = queries_to_moderate_all(client, ideas_page, 2, action)
    many, ideas = queries_to_moderate_all(client, ideas_page, 10, action)
    assert few == many
    assert set(Idea.objects.values_list("state", flat=True)) == {state}
    assert not IdeaReport.objects.filter(resolved=False).exists()
    entries = ModelLogEntry.objects.filter(action=f"digiradar_ideas.{action}", user=idea_moderator)
    logged = {int(entry.object_id): entry for entry in entries}
    assert set(logged) >= {idea.pk for idea in ideas}
    assert logged[ideas[0].pk].data == {"reason": "", "previous": PENDING}
    assert logged[ideas[0].pk].label == f"Idee #{ideas[0].pk}"


def test_nothing_that_can_still_change_is_answered_with_a_message(client, ideas_page, idea_moderator):
    removed = make_idea(ideas_page, "Entfernt", state=REMOVED)
    unconfirmed = make_idea(ideas_page, "Unbestätigt", state=PENDING, awaiting_confirmation=True)
    client.force_login(idea_moderator)
    url = f"{BULK}/approve/?id={removed.pk}&id={unconfirmed.pk}&next=/admin/digiradar-ideas/"
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, "/admin/digiradar-ideas/")
    shown = [str(message).strip() for message in client.get("/admin/digiradar-ideas/").context["messages"]]
    assert shown == ["Es wurde keine Idee ausgewählt, die sich noch ändern lässt."]
    assert list(Idea.objects.order_by("pk").values_list("state", flat=True)) == [REMOVED, PENDING]
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_ideas.").exists()


def test_select_all_without_the_permission_is_refused_before_any_change(client, ideas_page, editor):
    pending = make_idea(ideas_page, "Wartet", state=PENDING)
    client.force_login(editor)
    for action in ("approve", "hide"):
        response = client.post(f"{BULK}/{action}/?id=all")
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert client.get(f"{BULK}/{action}/?id=all").status_code == 302
    assert Idea.objects.get(pk=pending.pk).state == PENDING
