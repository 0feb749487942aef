"""
Weekly followers get one mail a week with every change; the fan-out costs the same queries for
one follower as for many; radar and sector followers hear of new measures; the city's reply is told
(and no citizen's words ever are).
"""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digiradar_wagtail.follow.models import Change, Frequency, Notification, Subscription
from digiradar_wagtail.follow.notify import send_weekly_digests
from tests import builders
from tests.comments.failing_mail import FAILING
from tests.follow.conftest import add_followers, follow_by_mail, move

pytestmark = pytest.mark.django_db


def test_the_weekly_digest_collects_and_sends_once(client, measure, django_capture_on_commit_callbacks):
    follow_by_mail(client, measure, frequency="weekly")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)
        move(measure, ring=3, progress_percent=70)
    assert mail.outbox == []  # weekly: nothing at once
    assert Notification.objects.count() == 3
    call_command("digiradar_follow_digest", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert "3" in digest.subject and digest.body.count("* Bürger-ID:") == 3 and "70 %" in digest.body
    assert digest.body.count("Maßnahme „Bürger-ID“:") == 1  # the follow, named once
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=0)
    assert send_weekly_digests() == 0  # within the week: nothing more
    assert send_weekly_digests(now=timezone.now() + datetime.timedelta(days=8)) == 1
    assert len(mail.outbox) == 2


def test_a_digest_that_could_not_be_queued_is_tried_again_next_run(
    client, measure, django_capture_on_commit_callbacks
):
    follow_by_mail(client, measure, frequency="weekly")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)
    with override_settings(EMAIL_BACKEND=FAILING):
        assert send_weekly_digests() == 0  # refused: not counted, and the follow is not marked
    assert Subscription.objects.get().digest_sent_at is None and mail.outbox == []
    assert send_weekly_digests() == 1  # the next run, the same day
    [digest] = mail.outbox
    assert "Bürger-ID" in digest.body and Subscription.objects.get().digest_sent_at is not None


def test_unconfirmed_follows_expire_with_their_address(client, measure):
    url = f"/de/digiradar/follow/digiradar_wagtail.measurepage/{measure.pk}/"
    for email, frequency in (("x@example.org", "immediate"), ("old@example.org", "weekly")):
        assert client.post(url, {"email": email, "frequency": frequency}).status_code == 200
    assert Subscription.objects.filter(confirmed_at__isnull=True).count() == 2
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    send_weekly_digests()
    assert not Subscription.objects.exists()


def told_queries(callbacks):
    """Queries of what runs once the publish is committed (the follow app's fan-out)."""
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    return len(queries)


def test_fan_out_queries_do_not_grow_with_followers(measure, django_capture_on_commit_callbacks):
    add_followers(measure, 2, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks() as callbacks:
        move(measure, ring=2)
    few = told_queries(callbacks)
    add_followers(measure, 300, Frequency.WEEKLY, start=2)
    with django_capture_on_commit_callbacks() as callbacks:
        move(measure, ring=3)
    many = told_queries(callbacks)
    assert Notification.objects.filter(change__kind="ring").count() == 2 + 302
    assert many == few


def test_a_new_measure_is_told_to_its_radar_and_sector_followers_once(
    client, radar, django_capture_on_commit_callbacks
):
    sector = radar.sectors.all()[1]
    follow_by_mail(client, radar, email="radar@example.org")
    follow_by_mail(client, (radar, sector), email="sector@example.org")
    follow_by_mail(client, (radar, sector), email="radar@example.org")  # both: told once
    follow_by_mail(client, (radar, radar.sectors.all()[0]), email="other@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        builders.make_measure(radar, "Open Data Portal", sector=1, ring=0)
    assert sorted(message.to[0] for message in mail.outbox) == ["radar@example.org", "sector@example.org"]
    assert all("Open Data Portal" in message.subject for message in mail.outbox)


def test_the_sector_view_links_its_follow_page(client, radar):
    sector = radar.sectors.all()[1]
    html = client.get(f"{radar.url}?sector={sector.slug}").content.decode()
    assert f"/de/digiradar/follow/digiradar_wagtail.radarsector/{sector.pk}/" in html
    assert f"/de/digiradar/follow/digiradar_wagtail.radarindexpage/{radar.pk}/" in html


def test_the_citys_reply_is_told_but_never_a_citizens_comment(
    client, measure, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from digiradar_wagtail.comments import moderation
    from digiradar_wagtail.comments.models import PUBLISHED, Comment, Discussion

    follow_by_mail(client, measure)
    mail.outbox.clear()
    discussion = Discussion.for_page(measure)
    citizen = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Discussion),
        object_pk=str(discussion.pk),
        site_id=1,
        user_name="Anna",
        user_email="anna@example.org",
        comment="GEHEIMER BÜRGERTEXT",
        submit_date=timezone.now(),
        state=PUBLISHED,
    )
    assert mail.outbox == []  # a citizen's comment is never told
    editor = get_user_model().objects.create_superuser("editor", "editor@city.example", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reply_as_city(citizen, editor, "Wir prüfen das bis Juni.", 1)
    [told] = mail.outbox
    assert "Wir prüfen das bis Juni." in told.body and "GEHEIMER" not in told.body
    assert Change.objects.get().kind == "reply"
