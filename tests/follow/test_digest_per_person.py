"""
One weekly digest per person: a weekly follower of several subjects (one address, or one account)
gets one mail listing every followed subject's changes, each with its own unsubscribe link, and a
one-click link (RFC 8058) that ends all their weekly follows at once; two people never share one;
at-once followers still get one mail per change.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digiradar_wagtail.follow import links
from digiradar_wagtail.follow.models import Frequency, Notification, Subscription
from digiradar_wagtail.follow.notify import send_weekly_digests
from tests import builders
from tests.follow.conftest import confirmed, follow_by_mail, links_in, move, read_unsubscribe_links

pytestmark = pytest.mark.django_db

ONE_CLICK = {"data": "List-Unsubscribe=One-Click", "content_type": "application/x-www-form-urlencoded"}


@pytest.fixture
def measures(radar, measure):
    return [
        measure,
        builders.make_measure(radar, "Open-Data-Portal", sector=0, ring=1),
        builders.make_measure(radar, "E-Akte", sector=1, ring=1),
    ]


def follow(subject, email="", user=None, frequency=Frequency.WEEKLY, language="de"):
    """A confirmed follow of ``subject`` (the follow form is tested in test_follow.py)."""
    subscription = confirmed(subject, email=email, user=user, frequency=frequency, language=language)
    subscription.save()
    return subscription


def change_all(subjects, callbacks, ring=2):
    with callbacks(execute=True):
        for subject in subjects:
            move(subject, ring=ring)


def unsubscribe_links(message):
    return [url for url in links_in(message) if "/unsubscribe/" in url]


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_a_weekly_follower_of_three_subjects_gets_one_digest(
    client, measures, django_capture_on_commit_callbacks
):
    for measure in measures:
        follow_by_mail(client, measure, frequency="weekly")
    follows = list(Subscription.objects.order_by("pk"))
    mail.outbox.clear()
    change_all(measures, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert send_weekly_digests() == 1
    [digest] = mail.outbox
    assert digest.to == ["anna@example.org"] and digest.subject == "3 Änderungen bei dem, dem Sie folgen"
    body = digest.body
    # Each follow's change, followed by that follow's own unsubscribe link.
    found = read_unsubscribe_links(body)
    assert [pk for _, pk in found] == [each.pk for each in follows]
    positions = []
    for measure, (link_at, _) in zip(measures, found, strict=True):
        assert body.count(f"* {measure.title}:") == 1
        positions += [body.index(f"* {measure.title}:"), link_at]
    assert positions == sorted(positions)
    assert body.count("Nur hier nicht mehr folgen (Ihre anderen Abos bleiben):") == 3
    assert "wöchentlichen Mails abzubestellen" in body
    # The one-click header ends all weekly follows; it is the link at the end of the mail.
    everything = digest.extra_headers["List-Unsubscribe"][1:-1]
    assert "/unsubscribe-weekly/" in everything and body.rstrip().endswith(everything)
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.count() == 0
    assert all(each.digest_sent_at is not None for each in Subscription.objects.all())

    # Following one item's link ends that follow only.
    second = [url for url in unsubscribe_links(digest) if read_unsubscribe_links(url)[0][1] == follows[1].pk]
    assert Client().get(path_of(second[0])).status_code == 200 and Subscription.objects.count() == 3
    assert Client(enforce_csrf_checks=True).post(path_of(second[0]), **ONE_CLICK).status_code == 200
    assert set(Subscription.objects.values_list("pk", flat=True)) == {follows[0].pk, follows[2].pk}


def test_the_one_click_header_ends_all_weekly_follows_of_that_address_only(
    client, measures, django_capture_on_commit_callbacks
):
    for measure in measures:
        follow(measure, "anna@example.org")
        follow(measure, "bob@example.org")
    at_once = follow(
        builders.make_measure(measures[0].get_parent(), "Parkausweis"),
        "anna@example.org",
        frequency=Frequency.IMMEDIATE,
    )
    change_all(measures, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert send_weekly_digests() == 2
    [digest] = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    path = path_of(digest.extra_headers["List-Unsubscribe"][1:-1])
    token = path.rstrip("/").rsplit("/", 1)[1]
    strict = Client(enforce_csrf_checks=True)

    # Forged or altered tokens, or another purpose's token, are refused and delete nothing.
    forged = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    other_purpose = path.replace(
        token, links.make(Subscription.objects.filter(email="anna@example.org").first(), links.UNSUBSCRIBE)
    )
    for bad in (forged, other_purpose, "/de/digiradar/follow/unsubscribe-weekly/nonsense/"):
        refused = strict.post(bad, **ONE_CLICK)
        assert refused.status_code == 400 and "Dieser Abmeldelink ist ungültig." in refused.content.decode()
    assert Subscription.objects.count() == 7

    # A mail program's RFC 8058 request: no cookies, no CSRF token.
    response = strict.post(path, **ONE_CLICK)
    assert response.status_code == 200
    assert "Sie folgen nichts mehr wöchentlich." in response.content.decode()
    assert not Subscription.objects.filter(email="anna@example.org", frequency=Frequency.WEEKLY).exists()
    assert Subscription.objects.filter(email="bob@example.org").count() == 3
    assert list(Subscription.objects.filter(email="anna@example.org")) == [at_once]
    # Again (the follow that names the person is gone): a clear page, nothing else deleted.
    again = strict.post(path, **ONE_CLICK)
    assert again.status_code == 410 and Subscription.objects.count() == 4


def test_the_page_asks_before_it_ends_all_weekly_follows(client, measures, english):
    user = get_user_model().objects.create_user("berta", "berta@example.org", "pw")
    first = follow(measures[0], user=user)
    follow(measures[1], user=user)
    follow(measures[2], email="berta@example.org")  # another person: an address, not the account
    token = links.make(first, links.UNSUBSCRIBE_WEEKLY)
    german = client.get(f"/de/digiradar/follow/unsubscribe-weekly/{token}/")
    html = german.content.decode()
    assert german.status_code == 200 and "<button" in html
    assert "Alle Ihre 2 wöchentlichen Abos beenden? Ihre Adresse wird damit gelöscht." in html
    assert "Alle wöchentlichen Mails abbestellen" in html
    english_page = client.get(f"/en/digiradar/follow/unsubscribe-weekly/{token}/")
    html = english_page.content.decode()
    assert "Stop all your 2 weekly follows? Your address is deleted with them." in html
    assert "Stop all weekly mails" in html
    assert Subscription.objects.count() == 3
    done = client.post(f"/en/digiradar/follow/unsubscribe-weekly/{token}/")
    assert done.status_code == 200
    assert "You no longer follow anything weekly." in done.content.decode()
    assert list(Subscription.objects.values_list("email", flat=True)) == ["berta@example.org"]


def test_two_people_never_share_a_digest(measures, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("carl", "carl@example.org", "pw")
    for measure in measures:
        follow(measure, "anna@example.org")
        follow(measure, user=user)
    follow(measures[0], "bob@example.org")
    change_all(measures, django_capture_on_commit_callbacks)
    assert send_weekly_digests() == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["anna@example.org", "bob@example.org", "carl@example.org"]
    assert len(mail.outbox) == 3
    for address in ("anna@example.org", "carl@example.org"):
        assert all(f"* {measure.title}:" in by_address[address].body for measure in measures)
        assert "/unsubscribe-weekly/" in by_address[address].extra_headers["List-Unsubscribe"]
    bob = by_address["bob@example.org"]  # one follow: the single link, as before
    assert "Open-Data-Portal" not in bob.body and "/unsubscribe/" in bob.extra_headers["List-Unsubscribe"]
    assert "Nur hier nicht mehr folgen" not in bob.body
    anna, carl = Subscription.objects.filter(email="anna@example.org"), Subscription.objects.filter(user=user)
    for message, others in ((by_address["anna@example.org"], carl), (by_address["carl@example.org"], anna)):
        told = {pk for _, pk in read_unsubscribe_links(message.body)}
        assert told and told.isdisjoint(each.pk for each in others)


def test_at_once_followers_still_get_one_mail_per_change(measures, django_capture_on_commit_callbacks):
    for measure in measures[:2]:
        follow(measure, "anna@example.org", frequency=Frequency.IMMEDIATE)
    change_all(measures[:2], django_capture_on_commit_callbacks)
    assert sorted(message.subject for message in mail.outbox) == [
        "Bürger-ID: in eine andere Phase gewechselt",
        "Open-Data-Portal: in eine andere Phase gewechselt",
    ]
    assert all("/unsubscribe/" in message.extra_headers["List-Unsubscribe"] for message in mail.outbox)
    assert send_weekly_digests(now=timezone.now() + datetime.timedelta(days=8)) == 0


def test_the_digest_is_in_the_language_of_the_latest_follow(
    measures, measure_en, django_capture_on_commit_callbacks
):
    earlier = timezone.now() - datetime.timedelta(days=1)
    Subscription.objects.filter(pk=follow(measures[1], "sam@example.org").pk).update(created_at=earlier)
    follow(measure_en, "sam@example.org", language="en")
    change_all([measures[1], measure_en], django_capture_on_commit_callbacks)
    assert send_weekly_digests() == 1
    [digest] = mail.outbox
    assert digest.subject == "2 changes in what you follow"
    assert digest.body.count("Stop following just this (your other follows stay):") == 2
    assert "To stop all weekly mails and delete your address with them, open:" in digest.body
    assert "moved to another phase" in digest.body and "Hallo" not in digest.body


def test_a_new_follow_waits_for_the_persons_next_digest(measures, django_capture_on_commit_callbacks):
    follow(measures[0], "anna@example.org")
    change_all(measures[:1], django_capture_on_commit_callbacks)
    assert send_weekly_digests() == 1
    follow(measures[1], "anna@example.org")  # followed after this week's digest
    change_all(measures[:2], django_capture_on_commit_callbacks, ring=3)
    assert send_weekly_digests(now=timezone.now() + datetime.timedelta(days=3)) == 0
    assert send_weekly_digests(now=timezone.now() + datetime.timedelta(days=8)) == 1
    assert "Open-Data-Portal" in mail.outbox[1].body and "Bürger-ID" in mail.outbox[1].body


def digest_queries(subjects, callbacks, email):
    for subject in subjects:
        follow(subject, email)
    change_all(subjects, callbacks)
    with CaptureQueriesContext(connection) as queries:
        assert send_weekly_digests() == 1
    return len(queries)


def test_digest_queries_do_not_grow_with_follows(radar, measures, django_capture_on_commit_callbacks):
    one = digest_queries(measures[:1], django_capture_on_commit_callbacks, "one@example.org")
    more = [*measures[1:], *(builders.make_measure(radar, f"Maßnahme {n}") for n in range(3))]
    many = digest_queries(more, django_capture_on_commit_callbacks, "many@example.org")
    assert many == one


def names_and_links(body):
    """The lines of ``body`` that name a section or hold a follow's unsubscribe link, in order."""
    lines = body.splitlines()
    return [line.strip() for line in lines if line.endswith("“:") or "/unsubscribe/" in line]


def test_each_section_names_what_it_follows_beside_its_own_link(
    radar, measure, django_capture_on_commit_callbacks
):
    sector = radar.sectors.get(slug="sektor-3")
    follows = [follow(measure, "anna@example.org"), follow(sector, "anna@example.org")]
    follows.append(follow(radar, "anna@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        move(measure, ring=2)  # tells the measure's follow
        builders.make_measure(radar, "E-Akte", sector=2)  # new in sector 3: the sector's follow (first)
        builders.make_measure(radar, "Parkausweis", sector=0)  # new in the radar: the radar's follow
    assert send_weekly_digests() == 1
    [digest] = mail.outbox
    assert [pk for _, pk in read_unsubscribe_links(digest.body)] == [each.pk for each in follows]
    expected = [
        "Maßnahme „Bürger-ID“:",
        "/unsubscribe/",
        "Sektor „Digitalisierungsradar: Sektor 3“:",
        "/unsubscribe/",
        "Digitalisierungsradar „Digitalisierungsradar“:",
        "/unsubscribe/",
    ]
    found = names_and_links(digest.body)
    assert len(found) == len(expected)
    assert all(part in line for part, line in zip(expected, found, strict=True)), digest.body
    sections = digest.body.split("Nur hier nicht mehr folgen")
    assert "* Bürger-ID:" in sections[0] and "* E-Akte:" in sections[1] and "* Parkausweis:" in sections[2]


def test_an_english_digest_names_each_follow_by_its_english_title(
    measures, measure_en, django_capture_on_commit_callbacks
):
    earlier = timezone.now() - datetime.timedelta(days=1)
    german = [follow(measures[0], "sam@example.org"), follow(measures[1], "sam@example.org")]
    Subscription.objects.filter(pk__in=[each.pk for each in german]).update(created_at=earlier)
    follow(measure_en, "sam@example.org", language="en")
    change_all(measures[:2], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        move(measure_en, ring=2, title="Citizen ID")  # as a translator published it
    assert send_weekly_digests() == 1
    [digest] = mail.outbox
    # The German follow of a measure translated to English is named by its English title; one
    # without a translation by its own.
    assert digest.body.count("Measure “Citizen ID”:") == 2
    assert digest.body.count("Measure “Open-Data-Portal”:") == 1 and "Maßnahme" not in digest.body


def named_digest_queries(radar, subjects, callbacks, email):
    for subject in subjects:
        follow(subject, email)
    with callbacks(execute=True):
        for subject in subjects:
            if subject.pk == radar.pk:
                builders.make_measure(radar, f"Neu für {email}")
            else:
                move(subject, ring=2)
    with CaptureQueriesContext(connection) as queries:
        assert send_weekly_digests() == 1
    [digest] = [message for message in mail.outbox if message.to == [email]]
    return len(queries), digest


def test_naming_the_follows_costs_the_same_queries_for_one_and_five(
    radar, measures, django_capture_on_commit_callbacks
):
    callbacks = django_capture_on_commit_callbacks
    one, digest = named_digest_queries(radar, measures[:1], callbacks, "a@example.org")
    assert "Maßnahme „Bürger-ID“:" in digest.body
    more = [builders.make_measure(radar, title) for title in ("Parkausweis", "Wohngeld")]
    five = [*measures[1:], *more, radar]
    many, digest = named_digest_queries(radar, five, callbacks, "b@example.org")
    for name in ("Open-Data-Portal", "E-Akte", "Parkausweis", "Wohngeld"):
        assert f"Maßnahme „{name}“:" in digest.body
    assert "Digitalisierungsradar „Digitalisierungsradar“:" in digest.body
    assert many == one
