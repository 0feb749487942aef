"""The ratings report, its exports and the moderation actions: permissions, effects, audit log."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from digiradar_wagtail.ratings.admin_views import RatingsReportView
from digiradar_wagtail.ratings.models import Vote
from digiradar_wagtail.ratings.services import recount

from .conftest import aggregate, post_vote, rated_target

REPORT = "/admin/digiradar-ratings/"
BURST = RatingsReportView.list_export.index("burst")


def make_user(name, *codenames, superuser=False):
    user = get_user_model().objects.create_user(name, password="pw", is_superuser=superuser)
    for app_label, codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def target(rated):
    return rated_target(rated, 5, 4, 4, 1)


@pytest.fixture
def moderator(db):
    return make_user("moderator", ("wagtailadmin", "access_admin"), ("digiradar_ratings", "moderate_ratings"))


def is_denied(response):
    """Wagtail's own permission-denied answer (``wagtail.admin.auth.permission_denied``): back to
    the dashboard with an error message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def csv_rows(client):
    response = client.get(f"{REPORT}?export=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def urls(target):
    base = f"{REPORT}{target.pk}/"
    return {
        "get": [REPORT, f"{REPORT}results/", f"{REPORT}?export=csv", f"{REPORT}?export=xlsx", base],
        "post": [base + "void/", base + "reset/", base + "close/", base + "open/"],
    }


def test_permission_matrix(target):
    counts = (target.vote_count, target.vote_sum)
    _, editor = make_user("editor", ("wagtailadmin", "access_admin"))
    _, citizen = make_user("citizen")
    _, moderator_client = make_user(
        "mod", ("wagtailadmin", "access_admin"), ("digiradar_ratings", "moderate_ratings")
    )
    _, superuser = make_user("root", superuser=True)
    for url in urls(target)["get"]:
        assert Client().get(url).status_code == 302, url  # to the login page
        assert citizen.get(url).status_code == 302, url  # no admin access
        assert is_denied(editor.get(url)), url
        assert moderator_client.get(url).status_code == 200, url
        assert superuser.get(url).status_code == 200, url
    window = {"since": "2000-01-01 00:00", "until": "2100-01-01 00:00", "reason": "test"}
    for url in urls(target)["post"]:
        assert Client().post(url, window).status_code == 302, url
        assert citizen.post(url, window).status_code == 302, url
        assert is_denied(editor.post(url, window)), url
        # GET never changes anything.
        assert moderator_client.get(url).status_code == 405, url
    target.refresh_from_db()
    assert (target.vote_count, target.vote_sum) == counts and not target.closed_by_moderator
    assert not ModelLogEntry.objects.filter(action__startswith="digiradar_ratings.").exists()


def test_menu_item_only_for_moderators(target, moderator):
    _, editor = make_user("editor", ("wagtailadmin", "access_admin"))
    assert REPORT not in editor.get("/admin/").content.decode()
    assert REPORT in moderator[1].get("/admin/").content.decode()


def test_report_shows_figures_never_voters(target, moderator):
    user, client = moderator
    html = client.get(REPORT).content.decode()
    assert "Bürger-ID" in html and re.search(r"<td\s*>\s*4\s*</td>", html)  # title and count
    assert re.search(r"5 (stars|Sterne): 1, 4 (stars|Sterne): 2, 3 (stars|Sterne): 0", html)
    rows = list(csv_rows(client))
    assert len(rows) == 2
    row = dict(zip(RatingsReportView.list_export, rows[1], strict=True))
    assert row["page_title"] == "Bürger-ID" and row["vote_count"] == "4" and row["average"] == "3.5"
    assert row["recent_votes"] == "4" and row["translation_key"] == str(target.translation_key)
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get(f"{REPORT}?export=xlsx").streaming_content))
    )
    cells = [cell.value for cell in next(workbook.active.iter_rows(min_row=2, max_row=2))]
    assert "Bürger-ID" in cells and 4 in cells and 3.5 in cells
    everything = html + repr(rows) + repr(cells) + client.get(f"{REPORT}{target.pk}/").content.decode()
    for voter_id in Vote.objects.values_list("voter_id", flat=True):
        assert voter_id not in everything


@override_settings(DIGIRADAR_RATINGS_BURST_PER_HOUR=3)
def test_burst_flag(target, moderator):
    rows = list(csv_rows(moderator[1]))
    assert rows[1][BURST] == "True"
    with override_settings(DIGIRADAR_RATINGS_BURST_PER_HOUR=4):
        rows = list(csv_rows(moderator[1]))
        assert rows[1][BURST] == "False"


def test_void_a_time_window_and_its_audit_entry(target, moderator):
    user, client = moderator
    # Two old votes from yesterday, then the four of the fixture (a "burst").
    old = timezone.now() - datetime.timedelta(days=1)
    Vote.objects.filter(pk__in=list(Vote.objects.order_by("pk").values_list("pk", flat=True)[:2])).update(
        created_at=old, updated_at=old
    )
    since = timezone.localtime() - datetime.timedelta(hours=1)
    until = timezone.localtime() + datetime.timedelta(hours=1)
    response = client.post(
        f"{REPORT}{target.pk}/void/",
        {
            "since": since.strftime("%Y-%m-%d %H:%M"),
            "until": until.strftime("%Y-%m-%d %H:%M"),
            "reason": "Bot burst",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.vote_count == 2 == Vote.objects.count()
    assert recount(target)[:2] == (target.vote_count, target.vote_sum) == (2, 9)
    entry = ModelLogEntry.objects.get(action="digiradar_ratings.void")
    assert entry.user == user and entry.object_id == str(target.pk)
    assert entry.data["count"] == 2 and entry.data["reason"] == "Bot burst"
    assert entry.label == "Bürger-ID"
    # The entry has a readable label in Wagtail's own history report.
    with translation.override("en"):
        assert entry.message == "Votes voided"


def test_void_with_a_bad_window_changes_nothing(target, moderator):
    response = moderator[1].post(
        f"{REPORT}{target.pk}/void/",
        {"since": "2030-01-01 10:00", "until": "2020-01-01 10:00", "reason": "x"},
    )
    assert response.status_code == 400
    response = moderator[1].post(
        f"{REPORT}{target.pk}/void/", {"since": "yesterday", "until": "", "reason": ""}
    )
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.vote_count == 4
    assert not ModelLogEntry.objects.filter(action="digiradar_ratings.void").exists()


def test_reset_close_and_reopen(target, rated, moderator):
    user, client = moderator
    assert client.post(f"{REPORT}{target.pk}/close/", {"reason": "Spam"}).status_code == 302
    assert 'type="radio"' not in Client().get(rated.url).content.decode()  # no form any more
    from digiradar_wagtail.ratings.voters import make_form_token

    response = Client().post(
        f"/de/digiradar/ratings/{rated.pk}/vote/",
        {"value": 3, "token": make_form_token(rated.translation_key)},
    )
    assert response.status_code == 403
    assert client.post(f"{REPORT}{target.pk}/open/").status_code == 302
    assert post_vote(Client(), rated, 3).status_code == 303
    assert client.post(f"{REPORT}{target.pk}/reset/", {"reason": "Neustart"}).status_code == 302
    assert aggregate(rated) == (0, 0, {}) and Vote.objects.count() == 0
    actions = list(ModelLogEntry.objects.order_by("timestamp", "pk").values_list("action", flat=True))
    assert actions == ["digiradar_ratings.close", "digiradar_ratings.open", "digiradar_ratings.reset"]
    assert ModelLogEntry.objects.get(action="digiradar_ratings.reset").data == {
        "count": 5,
        "reason": "Neustart",
    }
