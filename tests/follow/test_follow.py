"""
Following through the real database and HTTP: the follow form, double opt-in, the mail a ring change
sends (with the change, an unsubscribe link and RFC 8058's headers), one-click unsubscribing,
following while logged in with CSRF enforced.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from digiradar_wagtail.follow.models import Change, Notification, Subscription
from digiradar_wagtail.follow.notify import send_weekly_digests
from tests.comments.failing_mail import FAILING
from tests.follow.conftest import follow_by_mail, follow_path, link_path, links_in, move

pytestmark = pytest.mark.django_db


def test_the_measure_page_links_to_its_follow_page(client, measure):
    html = client.get(measure.url).content.decode()
    assert f'href="{follow_path(measure)}"' in html
    assert "csrfmiddlewaretoken" not in html  # the cached page carries only a link


def test_follow_confirm_and_be_told_of_a_ring_change(client, measure, django_capture_on_commit_callbacks):
    page = client.get(follow_path(measure))
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    html = page.content.decode()
    assert 'type="email"' in html and 'name="frequency"' in html and "Bürger-ID" in html

    confirmation = follow_by_mail(client, measure)
    assert confirmation.to == ["anna@example.org"]
    assert "Bürger-ID" in confirmation.subject
    # Even the confirmation request deletes the address in one click.
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [unsubscribe] = [url for url in links_in(confirmation) if "/unsubscribe/" in url]
    assert confirmation.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    follower = Subscription.objects.get()
    assert (
        follower.confirmed_at is not None
        and follower.language == "de"
        and follower.email == "anna@example.org"
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)
    [told] = mail.outbox
    assert told.to == ["anna@example.org"]
    assert "Bürger-ID" in told.subject
    assert "Von der Phase „Ring 2“ nach „Ring 3“ gewechselt." in told.body  # in German, the follower's
    assert told.subject == "Bürger-ID: in eine andere Phase gewechselt"
    [unsubscribe] = [url for url in links_in(told) if "/unsubscribe/" in url]
    assert told.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert told.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.count() == 0  # told: nothing left to send


def test_one_click_unsubscribe_deletes_the_address(client, measure, django_capture_on_commit_callbacks):
    follow_by_mail(client, measure)
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=3)
    [told] = mail.outbox[1:]
    path = link_path(told, "/unsubscribe/")
    # A mail program's RFC 8058 request: a POST without cookies or CSRF token.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not Subscription.objects.filter(email="anna@example.org").exists()
    again = strict.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200


def test_the_unsubscribe_page_asks_before_it_deletes(client, measure):
    follow_by_mail(client, measure)
    following = client.get(follow_path(measure))  # anonymous again: the form
    assert following.status_code == 200
    from digiradar_wagtail.follow import links

    path = f"/de/digiradar/follow/unsubscribe/{links.make(Subscription.objects.get(), links.UNSUBSCRIBE)}/"
    page = client.get(path)
    assert page.status_code == 200 and "<button" in page.content.decode()
    assert Subscription.objects.exists()
    assert client.post(path).status_code == 200
    assert not Subscription.objects.exists()


def test_an_unconfirmed_address_is_told_nothing(client, measure, django_capture_on_commit_callbacks):
    client.post(follow_path(measure), {"email": "bob@example.org", "frequency": "immediate"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)
    assert mail.outbox == []
    assert not Change.objects.exists()  # nobody to tell: nothing stored


def test_asking_again_sends_a_new_link_but_never_reveals_a_follower(client, measure):
    follow_by_mail(client, measure)
    again = client.post(follow_path(measure), {"email": "ANNA@example.org", "frequency": "weekly"})
    assert again.status_code == 200
    assert len(mail.outbox) == 1  # confirmed already: no mail, and the same page as for anyone
    assert Subscription.objects.get().frequency == "immediate"


def test_follow_while_logged_in_with_one_click_and_csrf(measure, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("berta", "berta@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(follow_path(measure))
    html = page.content.decode()
    assert page.status_code == 200 and 'type="email"' not in html
    assert client.post(follow_path(measure), {"frequency": "immediate"}).status_code == 403  # no token
    assert not Subscription.objects.exists()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(follow_path(measure), {"frequency": "immediate", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    follower = Subscription.objects.get()
    assert follower.user == user and follower.email == "" and follower.confirmed_at is not None
    assert mail.outbox == []  # no opt-in mail for an account
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=0)
    [told] = mail.outbox
    assert told.to == ["berta@example.org"]


def test_followers_of_the_english_page_are_told_in_english(
    client, measure_en, django_capture_on_commit_callbacks
):
    follow_by_mail(Client(), measure_en, email="sam@example.org")
    assert Subscription.objects.get().language == "en"
    confirmation = mail.outbox[0]
    assert "confirm" in confirmation.body and "bestätigen" not in confirmation.body
    mail.outbox.clear()
    measure_en.delivery_status = "delayed"
    measure_en.status_reason = "Supplier insolvent."
    with django_capture_on_commit_callbacks(execute=True):
        measure_en.save_revision().publish()
    [told] = mail.outbox
    assert "delivery status changed" in told.subject
    assert "Delayed" in told.body and "Supplier insolvent." in told.body and "Hello" in told.body


def test_a_dead_mail_server_never_fails_the_editors_publish(
    client, measure, django_capture_on_commit_callbacks
):
    follow_by_mail(client, measure)
    mail.outbox.clear()
    with override_settings(EMAIL_BACKEND=FAILING), django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)  # the mail is refused inside the (immediate) task: logged, kept
    [kept] = Notification.objects.all()
    assert kept.queued_at is None  # the digest command sends it again
    assert send_weekly_digests(now=timezone.now() + datetime.timedelta(days=2)) == 1
    [told] = mail.outbox
    assert "„Ring 3“" in told.body
