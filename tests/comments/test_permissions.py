"""
The permission matrix of the comment moderation: anonymous, an admin user without the permission,
a moderator. Every URL comes from the viewset's own URL patterns (and Wagtail's bulk-action URL
for each registered comment bulk action), so a new view cannot be forgotten here.
"""

import pytest

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, Comment
from digiradar_wagtail.comments.viewsets import comment_viewset
from tests import moderation_admin
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

ADMIN = "/admin/digiradar-comments/"

# What a POST to a view sends (a valid form, so that only the permission can stop it).
POST_DATA = {
    "hide": {"hide-reason": "x"},
    "reply": {"text": "x"},
    "privacy": {"email": "bea@example.org", "do": "erase"},
    "bulk:hide": {"reason": "x"},
}


def admin_urls(comment):
    """``{name: url}`` of every comments admin URL, filled in with ``comment``'s id."""
    return moderation_admin.admin_urls(comment_viewset, "digiradar_comments", "comment", comment)


def test_every_view_and_bulk_action_is_enumerated(measure):
    names = set(admin_urls(make_comment(measure)))
    assert {"index", "index_results", "inspect", "history", "privacy"} <= names
    assert {"approve", "hide", "remove", "to_pending", "reply", "bulk:approve", "bulk:hide"} <= names
    # No generic view that would let anyone add, edit, copy or delete a citizen's comment.
    assert not names & {"add", "edit", "copy", "delete", "usage"}


def assert_untouched(comment):
    comment.refresh_from_db()
    assert (comment.state, comment.comment, comment.user_email) == (
        PENDING,
        "Ein Kommentar",
        "bea@example.org",
    )
    assert Comment.objects.count() == 1


def assert_refused_everywhere(client, comment):
    moderation_admin.assert_refused_everywhere(client, admin_urls(comment), POST_DATA)


def test_anonymous_is_sent_to_the_login_and_changes_nothing(client, measure):
    comment = make_comment(measure, state=PENDING)
    moderation_admin.assert_sent_to_login(client, admin_urls(comment), POST_DATA)
    assert_untouched(comment)


def test_admin_user_without_the_permission_gets_wagtails_permission_denied_everywhere(
    client, measure, editor
):
    comment = make_comment(measure, state=PENDING)
    client.force_login(editor)
    assert_refused_everywhere(client, comment)
    # A comment id that does not exist is refused the same way: ids cannot be probed.
    assert client.get(f"{ADMIN}inspect/999999/")["Location"] == "/admin/"


def test_moderator_may_use_every_view(client, measure, moderator):
    comment = make_comment(measure, state=PENDING)
    client.force_login(moderator)
    urls = admin_urls(comment)
    for name in ("index", "index_results", "inspect", "history", "history_results", "privacy"):
        assert client.get(urls[name]).status_code == 200, name
    assert client.get(urls["index"], {"state": "all", "q": "x"}).status_code == 200
    assert client.get(urls["bulk:approve"]).status_code == 200  # the confirmation page
    assert client.post(urls["approve"]).status_code == 302
    comment.refresh_from_db()
    assert comment.state == PUBLISHED
    assert client.post(urls["to_pending"]).status_code == 302
    comment.refresh_from_db()
    assert comment.state == PENDING
    assert client.post(urls["reply"], POST_DATA["reply"]).status_code == 302
    assert Comment.objects.filter(is_official=True).count() == 1
    # GET on an action is not allowed; unknown actions and unknown comments are 404
    # (LocaleMiddleware turns a 404 into a redirect to the /de/ path first).
    assert client.get(urls["approve"]).status_code == 405
    assert client.post(f"{ADMIN}explode/{comment.pk}/", follow=True).status_code == 404
    assert client.get(f"{ADMIN}inspect/999999/", follow=True).status_code == 404
    assert client.post(f"{ADMIN}approve/999999/", follow=True).status_code == 404


def test_actions_need_the_csrf_token(measure, moderator):
    from django.test import Client

    comment = make_comment(measure, state=PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(f"{ADMIN}approve/{comment.pk}/").status_code == 403
    comment.refresh_from_db()
    assert comment.state == PENDING


def test_the_moderators_group_exists_with_the_permission(db):
    from django.contrib.auth.models import Group

    # Comment moderation has a group of its own; Wagtail's "Moderators" (pages) does not get it.
    group = Group.objects.get(name="Comment moderators")
    assert set(group.permissions.values_list("codename", flat=True)) == {"moderate_comments", "access_admin"}
    assert not Group.objects.get(name="Moderators").permissions.filter(codename="moderate_comments").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(codename="moderate_comments").exists()
