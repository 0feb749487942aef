"""The permission matrix of the moderation queue: anonymous, editor without the permission, moderator."""

import pytest

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, Comment
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

ADMIN = "/admin/digiradar-comments/"


def urls(comment):
    gets = [ADMIN, f"{ADMIN}{comment.pk}/", f"{ADMIN}privacy/", f"{ADMIN}?state=all&q=x"]
    posts = [
        (f"{ADMIN}{comment.pk}/approve/", {}),
        (f"{ADMIN}{comment.pk}/hide/", {"hide-reason": "x"}),
        (f"{ADMIN}{comment.pk}/remove/", {}),
        (f"{ADMIN}{comment.pk}/reply/", {"text": "x"}),
        (f"{ADMIN}bulk/", {"action": "approve", "ids": [comment.pk]}),
        (f"{ADMIN}privacy/", {"email": "bea@example.org", "do": "erase"}),
    ]
    return gets, posts


def test_anonymous_is_sent_to_the_login_and_changes_nothing(client, measure):
    comment = make_comment(measure, state=PENDING)
    gets, posts = urls(comment)
    for url in gets:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    comment.refresh_from_db()
    assert (comment.state, comment.comment) == (PENDING, "Ein Kommentar")
    assert Comment.objects.count() == 1


def test_editor_without_the_permission_gets_403_everywhere(client, measure, editor):
    comment = make_comment(measure, state=PENDING)
    client.force_login(editor)
    gets, posts = urls(comment)
    for url in gets:
        assert client.get(url).status_code == 403, url
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    comment.refresh_from_db()
    assert (comment.state, comment.comment) == (PENDING, "Ein Kommentar")
    assert Comment.objects.count() == 1


def test_moderator_may_use_every_view(client, measure, moderator):
    comment = make_comment(measure, state=PENDING)
    client.force_login(moderator)
    gets, posts = urls(comment)
    for url in gets:
        assert client.get(url).status_code == 200, url
    approve, hide, remove, reply, bulk, erase = posts
    assert client.post(*approve).status_code == 302
    comment.refresh_from_db()
    assert comment.state == PUBLISHED
    assert client.post(*reply).status_code == 302
    assert Comment.objects.filter(is_official=True).count() == 1
    # GET on an action is not allowed; unknown actions are 400, unknown comments 404.
    assert client.get(f"{ADMIN}{comment.pk}/approve/").status_code == 405
    assert client.post(f"{ADMIN}{comment.pk}/explode/").status_code == 400
    # (LocaleMiddleware turns a 404 into a redirect to the /de/ path first.)
    assert client.get(f"{ADMIN}999999/", follow=True).status_code == 404


def test_actions_need_the_csrf_token(measure, moderator):
    from django.test import Client

    comment = make_comment(measure, state=PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(f"{ADMIN}{comment.pk}/approve/").status_code == 403
    comment.refresh_from_db()
    assert comment.state == PENDING


def test_the_moderators_group_exists_with_the_permission(db):
    from django.contrib.auth.models import Group

    # Comment moderation has a group of its own; Wagtail's "Moderators" (pages) does not get it.
    group = Group.objects.get(name="Comment moderators")
    assert set(group.permissions.values_list("codename", flat=True)) == {"moderate_comments", "access_admin"}
    assert not Group.objects.get(name="Moderators").permissions.filter(codename="moderate_comments").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(codename="moderate_comments").exists()
