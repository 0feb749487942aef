"""
Comment moderation has a group of its own, "Comment moderators"; Wagtail's "Moderators" (page
moderators) no longer moderate comments, and comment moderators cannot publish pages.
"""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from digiradar_wagtail.comments.models import PENDING, PUBLISHED
from digiradar_wagtail.models import MeasurePage
from tests.comments.conftest import make_comment
from tests.comments.test_permissions import assert_refused_everywhere

pytestmark = pytest.mark.django_db

MIGRATION = "0004_comment_moderators_group"


def codenames(group):
    return set(group.permissions.values_list("codename", flat=True))


def test_after_migrating_wagtails_moderators_keep_their_own_permissions_only():
    moderators = Group.objects.get(name="Moderators")
    assert "moderate_comments" not in codenames(moderators)
    assert "access_admin" in codenames(moderators)
    # Wagtail's page permissions of the group are untouched.
    page_permissions = set(
        GroupPagePermission.objects.filter(group=moderators).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= page_permissions
    comment_moderators = Group.objects.get(name="Comment moderators")
    assert codenames(comment_moderators) == {"access_admin", "moderate_comments"}
    assert not GroupCollectionPermission.objects.filter(group=comment_moderators).exists()


def test_a_wagtail_page_moderator_is_refused_on_every_comments_admin_url(client, measure, django_user_model):
    comment = make_comment(measure, state=PENDING)
    user = django_user_model.objects.create_user("pagemod", "pagemod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    assert_refused_everywhere(client, comment)
    # Not in the menu either.
    assert "/admin/digiradar-comments/" not in client.get("/admin/").content.decode()


def test_a_comment_moderator_moderates_but_cannot_publish_or_import(client, measure, moderator):
    comment = make_comment(measure, state=PENDING)
    client.force_login(moderator)
    assert client.post(f"/admin/digiradar-comments/approve/{comment.pk}/").status_code == 302
    comment.refresh_from_db()
    assert comment.state == PUBLISHED

    title = measure.title
    response = client.post(
        f"/admin/pages/{measure.pk}/edit/",
        {"title": "Übernommen", "slug": measure.slug, "action-publish": "action-publish"},
    )
    # Wagtail's permission_denied: a redirect to the dashboard with an error message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert client.get(f"/admin/pages/{measure.pk}/edit/").status_code in (302, 403)
    assert MeasurePage.objects.get(pk=measure.pk).title == title
    assert not MeasurePage.objects.filter(title="Übernommen").exists()

    assert client.get("/admin/digiradar-import/").status_code in (302, 403)
    assert client.post("/admin/digiradar-import/", {"radar": measure.get_parent().pk}).status_code in (
        302,
        403,
    )


def _migration_function_and_apps():
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(("digiradar_comments", MIGRATION), at_end=True)
    module = importlib.import_module(f"digiradar_wagtail.comments.migrations.{MIGRATION}")
    return module.separate_comment_moderators, state.apps


def test_the_migration_repairs_a_database_where_wagtails_moderators_had_the_permission():
    # The state an existing site is in before the fix: the old 0002 gave "Moderators" the
    # permission and there was no "Comment moderators" group.
    moderate = Permission.objects.get(codename="moderate_comments")
    moderators = Group.objects.get(name="Moderators")
    wagtail_permissions = codenames(moderators)
    page_permissions = GroupPagePermission.objects.filter(group=moderators).count()
    moderators.permissions.add(moderate)
    Group.objects.filter(name="Comment moderators").delete()

    separate, apps = _migration_function_and_apps()
    separate(apps, None)

    moderators.refresh_from_db()
    assert codenames(moderators) == wagtail_permissions
    assert GroupPagePermission.objects.filter(group=moderators).count() == page_permissions
    comment_moderators = Group.objects.get(name="Comment moderators")
    assert codenames(comment_moderators) == {"access_admin", "moderate_comments"}

    # Idempotent: a second run (or a run on a fresh database) changes nothing, and takes back
    # what Wagtail's choose-permission migrations would have added to the group.
    comment_moderators.permissions.add(Permission.objects.get(codename="choose_image"))
    separate(apps, None)
    separate(apps, None)
    assert codenames(Group.objects.get(name="Comment moderators")) == {"access_admin", "moderate_comments"}
    assert codenames(Group.objects.get(name="Moderators")) == wagtail_permissions
    assert Group.objects.filter(name="Comment moderators").count() == 1
