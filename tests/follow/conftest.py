"""Fixtures for the follow tests: the follow page of a measure, a follower confirmed by mail."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from digiradar_wagtail.follow.models import Frequency, Subscription
from digiradar_wagtail.follow.subjects import key
from tests import builders

LINK = re.compile(r"https?://\S+")


def follow_path(subject):
    from digiradar_wagtail.extensions import follow_link

    return follow_link(subject)


def links_in(message):
    return LINK.findall(message.body)


UNSUBSCRIBE_LINK = re.compile(r"/unsubscribe/([^/\s]+)/")


def read_unsubscribe_links(body):
    """
    ``[(position, subscription pk)]`` of each one-follow unsubscribe link in ``body``, in order. Read
    back, not signed again for comparison: a link carries the second it was signed in.
    """
    from digiradar_wagtail.follow import links

    found = UNSUBSCRIBE_LINK.finditer(body)
    return [(each.start(), getattr(links.read(each[1], links.UNSUBSCRIBE), "pk", None)) for each in found]


def link_path(message, part):
    """The path of the one link in ``message`` whose URL contains ``part`` (for the test client)."""
    [url] = [url for url in links_in(message) if part in url]
    return urlsplit(url).path


def follow_by_mail(client, subject, email="anna@example.org", frequency="immediate"):
    """Follow ``subject`` with ``email`` and confirm by the mailed link; the confirmation mail."""
    before = len(mail.outbox)
    response = client.post(follow_path(subject), {"email": email, "frequency": frequency})
    assert response.status_code == 200, response.content[:2000]
    [confirmation] = mail.outbox[before:]
    path = link_path(confirmation, "/confirm/")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    return confirmation


def move(measure, ring=2, **fields):
    """Publish ``measure`` in another ring (and other fields), as an editor does."""
    measure.ring = list(measure.get_parent().specific.rings.all())[ring]
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.save_revision().publish()


@pytest.fixture
def measure_en(measure, english):
    return builders.translate(measure, english)


def confirmed(subject, **fields):
    """An unsaved confirmed follow of ``subject`` (German, at once unless ``fields`` say otherwise)."""
    content_type, object_id = key(subject)
    fields = {"language": "de", "frequency": Frequency.IMMEDIATE, "confirmed_at": timezone.now(), **fields}
    return Subscription(content_type=content_type, object_id=object_id, **fields)


def add_followers(subject, count, frequency=Frequency.IMMEDIATE, start=0):
    """``count`` confirmed followers of ``subject`` by address, in one insert (tests, benchmarks)."""
    Subscription.objects.bulk_create(
        confirmed(subject, email=f"person{n}@example.org", frequency=frequency)
        for n in range(start, start + count)
    )
