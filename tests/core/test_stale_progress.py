"""
Keeping measures current: stale progress ("progress as of" older than
DIGIRADAR_STALE_PROGRESS_DAYS, or a figure without a date) is flagged in the admin listing (a
filter and a column), counted on editors' dashboards, marked on the public pages, and reminded
to the contact mailbox at most once in DIGIRADAR_STALE_REMINDER_DAYS.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from digiradar_wagtail.freshness import is_stale
from digiradar_wagtail.models import MeasurePage, ProgressReminder
from tests import builders
from tests.comments.failing_mail import FAILING
from tests.worker import DATABASE_TASKS, run_worker

TODAY = timezone.localdate()
OLD = TODAY - datetime.timedelta(days=200)
RECENT = TODAY - datetime.timedelta(days=20)
LISTING = "/admin/digiradar_measures/"


def measure(radar, title, as_of, progress=40, contact="digital@muenchen.example", **fields):
    return builders.make_measure(
        radar, title, progress_percent=progress, progress_as_of=as_of, contact_email=contact, **fields
    )


@pytest.fixture
def measures(radar):
    return {
        "old": measure(radar, "Alte Zahl", OLD),
        "recent": measure(radar, "Frische Zahl", RECENT, sector=1),
        "undated": measure(radar, "Zahl ohne Datum", None, sector=2, contact="kvr@muenchen.example"),
        "no_progress": measure(radar, "Noch kein Fortschritt", None, progress=None, ring=1),
    }


def editor(django_user_model, name, page=None, language="en"):
    """A user with admin access, and change rights below ``page`` if given."""
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    group = Group.objects.create(name=f"group-{name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if page is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def listed_titles(html):
    return set(re.findall(r"(Alte Zahl|Frische Zahl|Zahl ohne Datum|Noch kein Fortschritt)", html))


def test_stale_means_old_or_undated_progress(measures):
    assert [is_stale(page) for page in measures.values()] == [True, False, True, False]
    with override_settings(DIGIRADAR_STALE_PROGRESS_DAYS=10):
        assert is_stale(measures["recent"])
    with override_settings(DIGIRADAR_STALE_PROGRESS_DAYS=365):
        assert not is_stale(measures["old"])


def test_listing_filters_stale_and_current(admin_client, measures):
    stale = admin_client.get(LISTING, {"progress": "stale"})
    assert stale.status_code == 200
    assert listed_titles(stale.content.decode()) == {"Alte Zahl", "Zahl ohne Datum"}
    current = admin_client.get(LISTING, {"progress": "current"}).content.decode()
    assert listed_titles(current) == {"Frische Zahl", "Noch kein Fortschritt"}
    assert admin_client.get(LISTING, {"progress": "<script>"}).status_code == 200  # ignored, not a 500


def test_listing_column_shows_the_date_and_tags_stale_rows(admin_client, measures):
    html = admin_client.get(LISTING).content.decode()
    assert "Progress as of" in html
    rows = {title: row for row in html.split("<tr")[1:] for title in listed_titles(row)}
    assert OLD.strftime("%m/%d/%Y") in rows["Alte Zahl"]
    assert RECENT.strftime("%m/%d/%Y") in rows["Frische Zahl"]
    tagged = {title for title, row in rows.items() if ">stale</span>" in row}
    assert tagged == {"Alte Zahl", "Zahl ohne Datum"}


def ours(context):
    """
    The listing's queries less wagtail-localize's row buttons ("Translate", "Sync"), which ask
    two queries per page of any Wagtail listing (not this plugin's to fix).
    """
    localize = ("wagtail_localize_translatableobject", 'FROM "wagtailcore_locale" WHERE NOT')
    return [q["sql"] for q in context.captured_queries if not any(part in q["sql"] for part in localize)]


def test_listing_queries_do_not_grow_with_measures(admin_client, radar, measures):
    admin_client.get(LISTING)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(LISTING, {"progress": "stale"})
    for index in range(10):
        measure(radar, f"Weitere {index}", OLD, sector=index % 3)
    with CaptureQueriesContext(connection) as many:
        html = admin_client.get(LISTING, {"progress": "stale"}).content.decode()
    assert html.count(">stale</span>") == 12
    assert len(ours(many)) == len(ours(few))


def test_dashboard_counts_the_stale_measures_an_editor_may_change(
    admin_client, django_user_model, home, radar, measures
):
    other = builders.make_radar(home, title="Anderes Radar", slug="anderes")
    measure(other, "Fremde alte Zahl", OLD)
    html = admin_client.get("/admin/").content.decode()
    assert 'id="digiradar-stale-progress' in html
    assert "The progress of 3 measures is out of date." in html
    assert f'href="{LISTING}?progress=stale"' in html

    own = editor(django_user_model, "editor", page=radar).get("/admin/").content.decode()
    assert "The progress of 2 measures is out of date." in own

    german = editor(django_user_model, "redakteurin", page=radar, language="de").get("/admin/")
    assert "Der Fortschritt von 2 Maßnahmen ist nicht mehr aktuell." in german.content.decode()


def test_only_editors_see_the_panel_and_the_listing(django_user_model, measures):
    viewer = editor(django_user_model, "viewer")  # admin access, no page rights
    assert "digiradar-stale-progress" not in viewer.get("/admin/").content.decode()
    response = viewer.get(LISTING, {"progress": "stale"})
    assert "Alte Zahl" not in response.content.decode()


def test_dashboard_queries_do_not_grow_with_measures(admin_client, radar, measures):
    admin_client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/admin/")
    for index in range(10):
        measure(radar, f"Weitere {index}", OLD)
    with CaptureQueriesContext(connection) as many:
        html = admin_client.get("/admin/").content.decode()
    assert "The progress of 12 measures is out of date." in html
    assert len(many) == len(few)


def test_reminder_at_most_monthly_with_links_to_the_edit_views(radar, measures):
    call_command("send_stale_reminders")
    by_mailbox = {message.to[0]: message for message in mail.outbox}
    assert set(by_mailbox) == {"digital@muenchen.example", "kvr@muenchen.example"}
    digital = by_mailbox["digital@muenchen.example"]
    edit = f"http://testserver/admin/pages/{measures['old'].pk}/edit/"
    assert "Alte Zahl" in digital.body and edit in digital.body
    assert "Frische Zahl" not in digital.body  # current progress is not reminded
    assert "1 Maßnahme" in digital.subject  # the site's language (LANGUAGE_CODE)

    mail.outbox.clear()
    call_command("send_stale_reminders")  # the same month: nothing
    assert mail.outbox == []

    ProgressReminder.objects.filter(mailbox="digital@muenchen.example").update(
        reminded_at=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("send_stale_reminders")
    assert [message.to for message in mail.outbox] == [["digital@muenchen.example"]]


def test_reminder_lists_a_measure_once_across_translations_and_skips_drafts(radar, english, measures):
    builders.translate(measures["old"], english)
    measure(radar, "Entwurf", OLD, publish=False)
    call_command("send_stale_reminders")
    [digital] = [message for message in mail.outbox if message.to == ["digital@muenchen.example"]]
    assert digital.body.count("/edit/") == 1 and "Entwurf" not in digital.body


def test_reminder_queries_do_not_grow_with_measures(radar, measures):
    with CaptureQueriesContext(connection) as few:
        call_command("send_stale_reminders")
    ProgressReminder.objects.all().delete()
    for index in range(10):
        measure(radar, f"Weitere {index}", OLD)
    with CaptureQueriesContext(connection) as many:
        call_command("send_stale_reminders")
    assert len(many) == len(few)


def test_public_pages_show_the_date_and_mark_stale_progress(client, radar, english, measures):
    old = client.get(measures["old"].url).content.decode()
    assert "Stand " in old and "Fortschritt ist möglicherweise nicht aktuell" in old
    recent = client.get(measures["recent"].url).content.decode()
    assert "Stand " in recent and "möglicherweise nicht aktuell" not in recent

    radar_html = client.get(radar.url).content.decode()
    assert radar_html.count("möglicherweise nicht aktuell") == 2  # old and undated
    assert "kein Datum angegeben" in radar_html

    translated = builders.translate(measures["old"], english)
    english_html = client.get(MeasurePage.objects.get(pk=translated.pk).url).content.decode()
    assert "as of " in english_html and "progress may be out of date" in english_html


def test_a_reminder_that_failed_is_sent_by_the_next_run(radar, measures):
    with override_settings(EMAIL_BACKEND=FAILING):
        call_command("send_stale_reminders")
    assert mail.outbox == [] and not ProgressReminder.objects.exists()
    call_command("send_stale_reminders")
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reminder_task_runs_in_the_worker(radar, measures):
    from digiradar_wagtail.freshness import send_stale_reminders_task

    with override_settings(TASKS=DATABASE_TASKS):
        send_stale_reminders_task.enqueue()
        assert mail.outbox == []
        run_worker()
    reminded = sorted(message.to[0] for message in mail.outbox)
    assert reminded == ["digital@muenchen.example", "kvr@muenchen.example"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reminder_the_worker_gave_up_on_is_sent_by_the_next_run(radar, measures):
    # Queued (so recorded), then refused on every try in the worker: the record goes, and the next
    # run reminds again instead of keeping the mailbox silent for a whole period.
    with override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND=FAILING, DIGIRADAR_MAIL_ATTEMPTS=1):
        call_command("send_stale_reminders")
        assert ProgressReminder.objects.count() == 2
        run_worker()
        assert mail.outbox == [] and not ProgressReminder.objects.exists()
    call_command("send_stale_reminders")
    assert len(mail.outbox) == 2 and ProgressReminder.objects.count() == 2


@pytest.mark.parametrize(
    "days, german", [(30, "einmal in 30 Tagen"), (7, "einmal in 7 Tagen"), (1, "einmal am Tag")]
)
def test_the_reminder_says_how_often_it_comes(radar, measures, days, german):
    with override_settings(DIGIRADAR_STALE_REMINDER_DAYS=days):
        call_command("send_stale_reminders")
    assert all(german in message.body for message in mail.outbox) and mail.outbox
