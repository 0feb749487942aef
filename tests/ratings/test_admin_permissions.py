"""
Who gets into the ratings admin, decided in one place: the permission ``moderate_ratings``, offered
in Wagtail's group editor, checked by the registered permission policy, refused the way Wagtail
refuses (``wagtail.admin.auth.permission_denied``: back to the dashboard with a message).
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import translation
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from digiradar_wagtail.ratings import admin_urls
from digiradar_wagtail.ratings.models import RatingTarget
from digiradar_wagtail.ratings.permissions import MODERATE, policy

from .conftest import WINDOW
from .test_admin import is_denied, make_user


def every_admin_url(target):
    """Every URL of ``ratings/admin_urls.py``, read from its patterns (plus the report's exports)."""
    found = []
    for pattern in admin_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {"pk": target.pk} if "pk" in pattern.pattern.converters else {}
        found.append(reverse(f"{admin_urls.app_name}:{pattern.name}", kwargs=kwargs))
    report = reverse(f"{admin_urls.app_name}:report")
    return found + [f"{report}?export=csv", f"{report}?export=xlsx"]


def moderate_ratings():
    return Permission.objects.get(content_type__app_label="digiradar_ratings", codename="moderate_ratings")


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def test_the_policy_is_registered_for_ratings_and_knows_one_action(target):
    assert policy_registry.get_by_type(RatingTarget) is policy
    user, _ = make_user("mod", ("wagtailadmin", "access_admin"), ("digiradar_ratings", "moderate_ratings"))
    editor, _ = make_user("editor", ("wagtailadmin", "access_admin"))
    root, _ = make_user("root", superuser=True)
    assert policy.user_has_permission(user, MODERATE) and not policy.user_has_permission(editor, MODERATE)
    assert not policy.user_has_permission(root, "delete")  # no other action, not even for superusers
    assert set(policy.users_with_permission(MODERATE)) == {user, root}
    assert not policy.users_with_permission("change").exists()


def test_the_group_editor_offers_moderate_ratings(db):
    root, client = make_user("root", superuser=True)
    html = client.get(reverse("wagtailusers_groups:add")).content.decode()
    checkbox = re.search(
        rf'<input type="checkbox" name="permissions" value="{moderate_ratings().pk}"[^>]*>\s*([^<]+)<', html
    )
    assert checkbox, "moderate_ratings is not in the group editor"
    assert checkbox.group(1).strip() == "Kann Bewertungen moderieren"  # the admin speaks German here


def test_a_group_made_in_the_group_editor_can_use_the_report_and_the_actions(target):
    root, admin = make_user("root", superuser=True)
    add = reverse("wagtailusers_groups:add")
    html = admin.get(add).content.decode()
    data = {"name": "Bewertungsteam", "permissions": [moderate_ratings().pk, access_admin().pk]}
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html):  # the editor's formsets, empty
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = admin.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    group = Group.objects.get(name="Bewertungsteam")
    assert set(group.permissions.all()) == {moderate_ratings(), access_admin()}

    member = get_user_model().objects.create_user("member", password="pw")
    member.groups.add(group)
    client = Client()
    client.force_login(member)
    for url in every_admin_url(target):
        if url.endswith(("/void/", "/reset/", "/close/", "/open/")):
            continue
        assert client.get(url).status_code == 200, url
    detail = reverse("digiradar_ratings_admin:detail", args=[target.pk])
    assert client.post(f"{detail}close/", {"reason": "Test"}).status_code == 302
    assert client.post(f"{detail}open/").status_code == 302
    assert client.post(f"{detail}void/", WINDOW).status_code == 302
    target.refresh_from_db()
    assert target.vote_count == 0 and not target.closed_by_moderator
    assert client.post(f"{detail}reset/").status_code == 302
    entries = ModelLogEntry.objects.filter(action__startswith="digiradar_ratings.").order_by("pk")
    actions = list(entries.values_list("action", "user__username"))
    assert actions == [
        ("digiradar_ratings.close", "member"),
        ("digiradar_ratings.open", "member"),
        ("digiradar_ratings.void", "member"),
        ("digiradar_ratings.reset", "member"),
    ]


def test_an_admin_user_without_it_is_refused_wagtails_way_on_every_url(target):
    _, editor = make_user("editor", ("wagtailadmin", "access_admin"))
    urls = every_admin_url(target)
    assert len(urls) == len(admin_urls.urlpatterns) + 2
    for url in urls:
        for method in ("get", "post"):
            response = getattr(editor, method)(url, WINDOW)
            assert is_denied(response), (method, url, response.status_code)
            # Scripts get a plain 403 (Wagtail raises PermissionDenied for them).
            response = getattr(editor, method)(url, WINDOW, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
            assert response.status_code == 403, (method, url)
    response = editor.get(urls[0])
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = translation.gettext("Sorry, you do not have permission to access this area.")
    assert {str(message).strip() for message in get_messages(response.wsgi_request)} == {expected}
    target.refresh_from_db()
    assert target.vote_count == 2 and not target.closed_by_moderator
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_ratings.").exists()


def test_moderation_actions_have_labels_in_wagtails_log(db):
    for action in ("void", "reset", "close", "open"):
        assert log_actions.get_action_label(f"digiradar_ratings.{action}")
