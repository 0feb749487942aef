"""Hostile input on the follow pages gets a readable 4xx, never a 500, and writes nothing."""

import pytest
from django.core import signing

from digiradar_wagtail.follow import links
from digiradar_wagtail.follow.models import Subscription
from tests.follow.conftest import follow_path

pytestmark = pytest.mark.django_db

BASE = "/de/digiradar/follow"


def forged(payload, salt):
    return signing.dumps(payload, salt=salt, serializer=signing.JSONSerializer)


def test_hostile_paths_and_tokens(client, measure, radar):
    pk = measure.pk
    paths = [
        f"{BASE}/auth.user/1/",  # not followable
        f"{BASE}/digiradar_wagtail.measurepage/999999/",
        f"{BASE}/digiradar_wagtail.measurepage/{radar.pk}/",  # a radar named as a measure
        f"{BASE}/digiradar_wagtail.measurepage/-1/",
        f"{BASE}/digiradar_wagtail.measurepage/1e9/",
        f"{BASE}/digiradar_wagtail.measurepage/99999999999999999999999/",
        f"{BASE}/digiradar_wagtail.measurepage/１２/",
        f"{BASE}/digiradar_wagtail.radarsector/abc/",
        f"{BASE}/digiradar_wagtail.radarsector/99999999999999999999999/",
        f"{BASE}/nope/{pk}/",
        f"{BASE}/no.such.model/{pk}/",
        f"{BASE}/%00/{pk}/",
        f"{BASE}/confirm/garbage/",
        f"{BASE}/unsubscribe/garbage/",
        f"{BASE}/confirm/{forged({'id': 1}, links.CONFIRM)}/",
        f"{BASE}/confirm/{forged({'id': 'x', 'nonce': 'y'}, links.CONFIRM)}/",
        f"{BASE}/confirm/{forged({'id': 2**70, 'nonce': 'y'}, links.CONFIRM)}/",
        f"{BASE}/confirm/{forged([1, 2], links.CONFIRM)}/",
        f"{BASE}/unsubscribe/{forged({'id': 1, 'nonce': 'y'}, links.CONFIRM)}/",  # wrong salt
    ]
    for path in paths:
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert 400 <= response.status_code < 500, (method, path, response.status_code)
            assert b"<h1" in response.content or response.status_code == 405


def test_hostile_form_input(client, measure):
    cases = [
        {},
        {"email": "not an address", "frequency": "immediate"},
        {"email": "a@example.org", "frequency": "hourly"},
        {"email": "a" * 300 + "@example.org", "frequency": "weekly"},
        {"email": "a@example.org\r\nBcc: b@example.org", "frequency": "weekly"},
        {"email": ["a@example.org", "b@example.org"], "frequency": ["weekly", "x"]},
        {"email": "\x00@example.org", "frequency": "weekly"},
    ]
    for data in cases:
        response = client.post(follow_path(measure), data)
        assert response.status_code == 400, (data, response.status_code)
        html = response.content.decode()
        assert 'role="alert"' in html, data  # the error summary is announced
        if data.get("email") not in ("a@example.org", ["a@example.org", "b@example.org"]):
            assert 'id="id_email"' in html and 'aria-invalid="true"' in html, data  # and marks the field
    assert not Subscription.objects.exists()
    assert client.put(follow_path(measure)).status_code == 405


def test_a_forged_nonce_deletes_nothing(client, measure):
    client.post(follow_path(measure), {"email": "a@example.org", "frequency": "weekly"})
    follower = Subscription.objects.get()
    token = forged({"id": follower.pk, "nonce": "guessed"}, links.UNSUBSCRIBE)
    assert client.post(f"{BASE}/unsubscribe/{token}/").status_code == 400
    assert (
        client.post(f"{BASE}/confirm/{forged({'id': follower.pk, 'nonce': 'x'}, links.CONFIRM)}/").status_code
        == 400
    )
    follower.refresh_from_db()
    assert follower.confirmed_at is None


def test_too_many_requests_are_refused(client, measure, settings):
    settings.DIGIRADAR_FOLLOW_RATE_LIMIT = 2
    codes = [
        client.post(follow_path(measure), {"email": f"p{n}@example.org", "frequency": "weekly"}).status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]
    assert Subscription.objects.count() == 2


def test_an_unpublished_measure_cannot_be_followed(client, measure):
    path = follow_path(measure)
    measure.unpublish()
    assert client.get(path).status_code == 404
