"""The admin's import view over real HTTP: permissions, CSRF, upload checks, preview and import."""

import os
import stat
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from digiradar_wagtail.models import MeasurePage
from digiradar_wagtail.opendata import previews
from digiradar_wagtail.opendata.permissions import importable_radars
from tests import builders

URL = "/admin/digiradar-import/"
CSV = (
    "external_id,title,sector,ring,teaser,progress_percent\n"
    "A-1,Neue Maßnahme,sektor-1,ring-2,Kurz,30\n"
    "M-001,Digitaler Parkausweis,sektor-1,ring-1,Neu geschrieben,10\n"
)
EXPIRED = "This preview has expired or has been imported already. Upload the file again."


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def make_user(django_user_model, name, permissions=(), radar=None, superuser=False):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_superuser=superuser)
    # The admin speaks each user's language; these tests read its English messages.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    if not superuser:
        group = Group.objects.create(name=f"group-{name}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in permissions:
            GroupPagePermission.objects.create(
                group=group,
                page=radar,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
            )
        user.groups.add(group)
    return user


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def upload(client, radar, content=CSV, name="measures.csv", publish=False):
    data = {
        "radar": radar.pk,
        "file": SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode()),
    }
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


@pytest.fixture
def admin(django_user_model):
    return make_user(django_user_model, "admin", superuser=True)


def test_anonymous_is_sent_to_the_login(client, radar):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_editor_without_page_permissions_is_refused(django_user_model, radar):
    user = make_user(django_user_model, "nobody")
    client = logged_in(user)
    assert client.get(URL).status_code in (302, 403)
    assert upload(client, radar).status_code in (302, 403)
    assert "Import measures" not in client.get("/admin/").content.decode()


def test_an_editor_who_may_only_add_is_refused(django_user_model, radar):
    client = logged_in(make_user(django_user_model, "adder", ["add_page"], radar))
    assert client.get(URL).status_code in (302, 403)  # Wagtail's admin redirects with a message


def test_an_admin_sees_the_form_and_the_menu(admin, radar):
    client = logged_in(admin)
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content and "csrfmiddlewaretoken" in content
    assert f'value="{radar.pk}"' in content
    assert '<label class="w-field__label" for="id_file"' in content  # every input has its label
    assert URL in client.get("/admin/").content.decode()


def test_csrf_is_required(admin, radar):
    client = logged_in(admin, enforce_csrf_checks=True)
    assert upload(client, radar).status_code == 403
    assert client.post(URL, {"token": "0" * 32}).status_code == 403


def test_preview_then_import_as_drafts(admin, catalogue, radar):
    client = logged_in(admin)
    pages = MeasurePage.objects.count()
    response = upload(client, radar)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Preview: nothing has been written yet" in content
    assert "Neue Maßnahme" in content and "create" in content and "update" in content and "teaser" in content
    assert MeasurePage.objects.count() == pages  # the preview writes nothing
    token = response.context["token"]

    response = client.post(URL, {"token": token})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{radar.pk}/"
    new = MeasurePage.objects.get(external_id="A-1")
    assert not new.live and new.progress_percent == 30
    parking = MeasurePage.objects.get(external_id="M-001")
    assert (
        parking.teaser != "Neu geschrieben"
        and parking.get_latest_revision_as_object().teaser == "Neu geschrieben"
    )
    assert parking.get_latest_revision().user == admin
    # the token is used up
    response = client.post(URL, {"token": token})
    assert response.status_code == 400 and EXPIRED in response.content.decode()


def test_import_and_publish(admin, catalogue, radar):
    client = logged_in(admin)
    token = upload(client, radar, publish=True).context["token"]
    client.post(URL, {"token": token})
    assert MeasurePage.objects.get(external_id="A-1").live
    assert MeasurePage.objects.get(external_id="M-001").teaser == "Neu geschrieben"


def test_a_token_belongs_to_its_user(admin, django_user_model, catalogue, radar):
    client = logged_in(admin)
    token = upload(client, radar).context["token"]
    other = logged_in(make_user(django_user_model, "other", superuser=True))
    response = other.post(URL, {"token": token})
    assert response.status_code == 400 and EXPIRED in response.content.decode()
    assert not MeasurePage.objects.filter(external_id="A-1").exists()
    # still there for the user who uploaded it
    assert client.post(URL, {"token": token}).status_code == 302
    assert MeasurePage.objects.filter(external_id="A-1").exists()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_the_whole_import_works_without_a_cache(admin, catalogue, radar):
    client = logged_in(admin)
    response = upload(client, radar)
    assert response.status_code == 200
    response = client.post(URL, {"token": response.context["token"]})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{radar.pk}/"
    assert MeasurePage.objects.get(external_id="A-1").title == "Neue Maßnahme"


def test_the_preview_waits_in_a_private_temporary_file(admin, catalogue, radar, preview_directory):
    client = logged_in(admin)
    token = upload(client, radar).context["token"]
    assert len(token) == 43  # 256 random bits
    (path,) = preview_directory.iterdir()
    assert token not in path.name  # named by a keyed hash of token and user
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(preview_directory.stat().st_mode) == 0o700
    assert "Neue Maßnahme" in path.read_text()
    client.post(URL, {"token": token})
    assert list(preview_directory.iterdir()) == []  # removed after the import


@pytest.mark.parametrize("token", ["", "0" * 32, "x" * 43, "../" * 20 + "etc/passwd", "é" * 43, "x" * 5000])
def test_a_missing_or_made_up_token_is_a_400_with_a_message(admin, catalogue, radar, token):
    response = logged_in(admin).post(URL, {"token": token})
    assert response.status_code == 400
    assert EXPIRED in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()  # upload again, right there


def test_an_expired_preview_is_a_400_and_is_deleted(admin, catalogue, radar, preview_directory):
    client = logged_in(admin)
    token = upload(client, radar).context["token"]
    (path,) = preview_directory.iterdir()
    old = time.time() - previews.MAX_AGE - 1
    os.utime(path, (old, old))
    response = client.post(URL, {"token": token})
    assert response.status_code == 400 and EXPIRED in response.content.decode()
    assert list(preview_directory.iterdir()) == []
    assert not MeasurePage.objects.filter(external_id="A-1").exists()


def test_a_new_preview_sweeps_away_expired_ones(admin, catalogue, radar, preview_directory):
    client = logged_in(admin)
    upload(client, radar)
    (stale,) = preview_directory.iterdir()
    old = time.time() - previews.MAX_AGE - 1
    os.utime(stale, (old, old))
    upload(client, radar)
    files = list(preview_directory.iterdir())
    assert len(files) == 1 and stale not in files


@override_settings(DIGIRADAR_IMPORT_MAX_UNPACKED_BYTES=100)
def test_a_preview_has_a_size_limit(admin, catalogue, radar, preview_directory):
    response = upload(logged_in(admin), radar)
    assert response.status_code == 400
    assert "more than 0.0 MB of text" in response.content.decode()
    assert list(preview_directory.iterdir()) == []


def test_a_preview_for_a_radar_the_user_may_no_longer_import_into_is_refused(
    django_user_model, catalogue, radar
):
    user = make_user(django_user_model, "editor", ["add_page", "change_page"], radar)
    client = logged_in(user)
    token = upload(client, radar).context["token"]
    GroupPagePermission.objects.filter(group__user=user, permission__codename="add_page").delete()
    grant(user, builders.make_radar(radar.get_parent(), slug="anderes"), ["add_page", "change_page"])
    assert client.get(URL).status_code == 200  # may still import, into the other radar
    assert client.post(URL, {"token": token}).status_code in (302, 403)  # Wagtail's refusal
    assert not MeasurePage.objects.filter(external_id="A-1").exists()


def test_bad_rows_are_listed_and_nothing_can_be_imported(admin, catalogue, radar):
    content = CSV + "B-1,<script>alert(1)</script>,mond,ring-1,Kurz,120\n"
    response = upload(logged_in(admin), radar, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown sector “mond”" in html and "progress_percent “120”" in html
    assert "Nothing was imported" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'name="token"' not in html
    assert not MeasurePage.objects.filter(external_id="A-1").exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("measures.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file."),
        ("measures.xlsx", b"not a zip", "This is not an Excel workbook (.xlsx)."),
        ("measures.csv", b"title\n\x81\x8d\x8f", "neither UTF-8 nor Windows-1252"),
        ("measures.csv", b"", "The submitted file is empty."),
    ],
)
def test_unusable_uploads_get_a_readable_message(admin, radar, name, content, message):
    response = upload(logged_in(admin), radar, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


@override_settings(DIGIRADAR_IMPORT_MAX_BYTES=100)
def test_files_over_the_limit_are_refused(admin, radar):
    response = upload(logged_in(admin), radar, CSV * 3)
    assert response.status_code == 400
    assert "files up to 0.0 MB can be imported" in response.content.decode()


def test_an_editor_with_permissions_on_the_radar_imports_drafts_but_may_not_publish(
    django_user_model, catalogue, radar, home
):
    other = builders.make_radar(home, slug="anderes")
    client = logged_in(make_user(django_user_model, "editor", ["add_page", "change_page"], radar))
    response = client.get(URL)
    assert response.status_code == 200
    assert f'value="{radar.pk}"' in response.content.decode()
    assert f'value="{other.pk}"' not in response.content.decode()
    assert upload(client, other).status_code == 400  # not a choice for this editor
    response = upload(client, radar, publish=True)
    assert response.status_code == 400 and "You may not publish" in response.content.decode()
    response = upload(client, radar)
    assert response.status_code == 200
    assert client.post(URL, {"token": response.context["token"]}).status_code == 302
    assert MeasurePage.objects.filter(external_id="A-1", live=False).exists()


def grant(user, radar, codenames):
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=user.groups.get(),
            page=radar,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )


def test_only_radars_the_editor_may_add_and_edit_under_are_offered(django_user_model, catalogue, radar, home):
    edit_only = builders.make_radar(home, slug="nur-bearbeiten")
    add_only = builders.make_radar(home, slug="nur-anlegen")
    user = make_user(django_user_model, "editor", ["add_page", "change_page"], radar)
    grant(user, edit_only, ["change_page", "publish_page"])
    grant(user, add_only, ["add_page"])
    assert list(importable_radars(user)) == [radar]
    client = logged_in(user)
    html = client.get(URL).content.decode()
    assert f'value="{radar.pk}"' in html
    assert f'value="{edit_only.pk}"' not in html and f'value="{add_only.pk}"' not in html
    for other in (edit_only, add_only):
        response = upload(client, other)
        assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not MeasurePage.objects.filter(external_id="A-1").exists()
    # A radar the editor added (and owns) counts as editable with the add permission alone.
    add_only.owner = user
    add_only.save()
    assert list(importable_radars(user)) == [radar, add_only]


def import_page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "editor"])
def test_the_import_page_costs_the_same_queries_for_3_and_12_radars(django_user_model, home, superuser):
    user = make_user(django_user_model, "editor", superuser=superuser)
    radars = []

    def add_radars(count):
        for _index in range(count):
            radars.append(builders.make_radar(home, slug=f"radar-{len(radars)}", sectors=2, rings=2))
            if not superuser:
                grant(user, radars[-1], ["add_page", "change_page"])

    add_radars(3)
    client = logged_in(user)
    import_page_queries(client)  # Wagtail's own caches (site, locales) fill on the first request
    few = import_page_queries(client)
    add_radars(9)
    many = import_page_queries(client)
    assert few == many, (few, many)
    assert len(importable_radars(user)) == 12
