"""
Who may moderate ideas: the permission matrix over every admin URL (anonymous, an editor without
``moderate_ideas``, a moderator, a superuser) and the permission in Wagtail's group editor.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from digiradar_wagtail.ideas.models import PENDING, Idea
from digiradar_wagtail.ideas.viewsets import idea_viewset
from tests import moderation_admin
from tests.ideas.conftest import make_idea

pytestmark = pytest.mark.django_db
ADMIN = "/admin/digiradar-ideas/"
POST_DATA = {"answer": {"answer": "under_review", "text": "Wir prüfen das."}, "hide": {"reason": "Nein"}}


def admin_urls(idea):
    return moderation_admin.admin_urls(idea_viewset, "digiradar_ideas", "idea", idea)


def test_every_view_and_bulk_action_is_enumerated(ideas_page):
    names = set(admin_urls(make_idea(ideas_page)))
    assert {"index", "index_results", "inspect", "history", "approve", "hide", "answer", "convert"} <= names
    assert {"bulk:approve", "bulk:hide"} <= names
    assert not names & {"add", "edit", "copy", "delete", "usage"}


def assert_untouched(idea):
    stored = Idea.objects.get(pk=idea.pk)
    assert (stored.state, stored.answer, stored.measure_id) == (PENDING, "received", None)
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_ideas.").exists()


def test_anonymous_is_sent_to_the_login_and_changes_nothing(client, ideas_page):
    idea = make_idea(ideas_page, state=PENDING)
    moderation_admin.assert_sent_to_login(client, admin_urls(idea), POST_DATA)
    assert_untouched(idea)


def test_an_editor_without_the_permission_gets_wagtails_permission_denied_everywhere(
    client, ideas_page, editor
):
    idea = make_idea(ideas_page, state=PENDING)
    client.force_login(editor)
    moderation_admin.assert_refused_everywhere(client, admin_urls(idea), POST_DATA)
    assert_untouched(idea)
    # An id that does not exist is refused the same way: ids cannot be probed.
    assert client.get(f"{ADMIN}inspect/999999/")["Location"] == "/admin/"
    # No "Ideas" in the menu either.
    assert ADMIN not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_moderators_and_superusers_may_use_every_view(client, ideas_page, idea_moderator, admin_user, who):
    idea = make_idea(ideas_page, state=PENDING)
    client.force_login(idea_moderator if who == "moderator" else admin_user)
    urls = admin_urls(idea)
    for name in ("index", "index_results", "inspect", "history", "history_results", "bulk:approve"):
        assert client.get(urls[name]).status_code == 200, name
    footer = client.get(urls["index"]).content.decode()
    assert 'data-bulk-action-footer="IDEA"' in footer and "/admin/bulk/digiradar_ideas/idea/hide/" in footer
    confirmation = client.get(urls["bulk:approve"]).content.decode()
    assert f"#{idea.pk}</a> {idea.title}" in confirmation
    assert ADMIN in client.get("/admin/").content.decode()
    assert client.post(urls["approve"]).status_code == 302
    assert Idea.objects.get(pk=idea.pk).state == "published"
    response = client.post(urls["bulk:hide"])
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).state == "hidden"


def test_the_group_editor_offers_moderate_ideas_and_a_group_made_with_it_moderates(
    admin_client, client, ideas_page, django_user_model
):
    html = admin_client.get("/admin/groups/new/").content.decode()
    moderate = Permission.objects.get(content_type__app_label="digiradar_ideas", codename="moderate_ideas")
    with translation.override("de"):
        assert gettext("Can moderate ideas") == "Darf Ideen moderieren"
    assert "Darf Ideen moderieren" in html and f'value="{moderate.pk}"' in html
    for codename in ("add_idea", "change_idea", "delete_idea", "view_idea"):
        other = Permission.objects.filter(content_type__app_label="digiradar_ideas", codename=codename)
        assert all(f'value="{p.pk}"' not in html for p in other), codename
    group = Group.objects.create(name="Made in the group editor")
    group.permissions.add(moderate, Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("grouped", "grouped@example.org", "pw")
    user.groups.add(group)
    idea = make_idea(ideas_page, state=PENDING)
    client.force_login(user)
    assert client.get(f"{ADMIN}inspect/{idea.pk}/").status_code == 200


def test_the_idea_moderators_group_made_by_the_migration_moderates(client, ideas_page, django_user_model):
    user = django_user_model.objects.create_user("grouped", "grouped@example.org", "pw")
    user.groups.add(Group.objects.get(name="Idea moderators"))
    idea = make_idea(ideas_page, state=PENDING)
    client.force_login(user)
    assert client.post(f"{ADMIN}approve/{idea.pk}/").status_code == 302
    assert Idea.objects.get(pk=idea.pk).state == "published"
