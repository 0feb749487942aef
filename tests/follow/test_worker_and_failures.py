"""
Follow mails through the task framework as the demo runs it (django-tasks-db and its worker): the
editor's publish only stores and queues; the worker sends, and retries a refused mail.
"""

import pytest
from django.core import mail
from django.test import override_settings

from digiradar_wagtail.follow.models import Notification, Subscription
from digiradar_wagtail.follow.notify import digiradar_follow_digest
from tests import builders
from tests.comments.failing_mail import FAILING, FLAKY, FlakyEmailBackend
from tests.follow.conftest import confirmed, follow_path, link_path, move, read_unsubscribe_links
from tests.worker import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def test_the_worker_sends_the_change_with_an_unsubscribe_link(client, measure):
    client.post(follow_path(measure), {"email": "anna@example.org", "frequency": "immediate"})
    assert mail.outbox == []  # queued, not sent
    run_worker()
    [confirmation] = mail.outbox
    assert client.post(link_path(confirmation, "/confirm/")).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None
    mail.outbox.clear()
    move(measure, ring=2)  # committed: the follow app hears it
    assert mail.outbox == [] and Notification.objects.count() == 1
    run_worker()
    [told] = mail.outbox
    assert told.to == ["anna@example.org"] and "„Ring 3“" in told.body
    assert "/unsubscribe/" in told.body and told.extra_headers["List-Unsubscribe"].startswith("<http")
    assert told.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.count() == 0


def test_a_refused_mail_is_retried_and_never_fails_the_request(client, measure, settings):
    settings.DIGIRADAR_MAIL_RETRY_SECONDS = 0
    with override_settings(EMAIL_BACKEND=FAILING):
        response = client.post(follow_path(measure), {"email": "anna@example.org", "frequency": "weekly"})
        assert response.status_code == 200
        run_worker()  # every try refused: the follow stays, unconfirmed
    assert mail.outbox == [] and Subscription.objects.filter(confirmed_at__isnull=True).count() == 1
    FlakyEmailBackend.failures = 1
    with override_settings(EMAIL_BACKEND=FLAKY):
        assert client.post(follow_path(measure), {"email": "anna@example.org"}).status_code == 400
        response = client.post(follow_path(measure), {"email": "anna@example.org", "frequency": "weekly"})
        assert response.status_code == 200
        run_worker()  # refused once, sent on the retry
    [confirmation] = mail.outbox
    assert "/confirm/" in confirmation.body


def test_the_worker_sends_one_digest_naming_each_follow(measure, radar):
    follows = [confirmed(each, email="anna@example.org", frequency="weekly") for each in (measure, radar)]
    for each in follows:
        each.save()
    move(measure, ring=2)  # committed: the measure's follow hears it
    builders.make_measure(radar, "Parkausweis")  # new in the radar: the radar's follow
    assert Notification.objects.count() == 2
    digiradar_follow_digest.enqueue()
    assert mail.outbox == []
    run_worker()  # the digest task queues the mail task, which the same run sends
    [digest] = mail.outbox
    body = digest.body
    [(first, first_pk), (second, second_pk)] = read_unsubscribe_links(body)
    assert [first_pk, second_pk] == [each.pk for each in follows]
    order = [
        body.index("Maßnahme „Bürger-ID“:"),
        body.index("* Bürger-ID:"),
        first,
        body.index("Digitalisierungsradar „Digitalisierungsradar“:"),
        body.index("* Parkausweis:"),
        second,
    ]
    assert order == sorted(order)
    assert Notification.objects.count() == 0  # the mail task's callback: told
    assert all(each.digest_sent_at for each in Subscription.objects.all())
