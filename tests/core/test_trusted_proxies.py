"""The client's address behind proxies: trusted hops in X-Forwarded-For, forged ones ignored."""

import pytest
from django.test import Client, RequestFactory

from digiradar_wagtail.participation.ratelimit import client_address
from tests.ratings.conftest import post_vote, set_rating

PROXY = "127.0.0.1"


def address(forwarded=None, remote=PROXY):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.DIGIRADAR_TRUSTED_PROXY_COUNT = 0
    assert address("203.0.113.7") == PROXY
    assert address("203.0.113.7", remote="198.51.100.9") == "198.51.100.9"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "203.0.113.7", "203.0.113.7"),  # Varnish appended the client
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client forged an entry: ignored
        (1, "garbage, 203.0.113.7", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        (2, "203.0.113.7, 198.51.100.20", "203.0.113.7"),  # a CDN, then Varnish
        (2, "6.6.6.6, 203.0.113.7, 198.51.100.20", "203.0.113.7"),
        (2, "198.51.100.20", PROXY),  # went around the CDN: fewer hops than trusted proxies
        (1, "", PROXY),
        (1, None, PROXY),
        (1, "not-an-address", PROXY),
    ],
)
def test_the_nth_entry_from_the_right_is_the_client(settings, count, forwarded, expected):
    settings.DIGIRADAR_TRUSTED_PROXY_COUNT = count
    assert address(forwarded) == expected


@pytest.mark.django_db
def test_behind_a_proxy_every_citizen_has_a_bucket_of_their_own(settings, measure):
    """50 citizens behind one proxy: none of them is limited for the others' votes."""
    settings.DIGIRADAR_TRUSTED_PROXY_COUNT = 1
    settings.DIGIRADAR_RATINGS_RATE_LIMIT = 2  # two requests per client: the form and the vote
    settings.DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 1
    page = set_rating(measure)
    statuses = [
        post_vote(Client(), page, 1 + n % 5, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(1, 51)
    ]
    assert statuses == [303] * 50


@pytest.mark.django_db
def test_a_forged_header_from_an_untrusted_client_buys_no_new_bucket(settings, measure):
    settings.DIGIRADAR_TRUSTED_PROXY_COUNT = 1
    settings.DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 1
    page = set_rating(measure)
    # Through the proxy, the client puts a made-up address in front each time: the proxy's
    # entry (the real one) stays the same, so the second new vote is refused.
    first = post_vote(Client(), page, 5, HTTP_X_FORWARDED_FOR="6.6.6.1, 203.0.113.9")
    second = post_vote(Client(), page, 5, HTTP_X_FORWARDED_FOR="6.6.6.2, 203.0.113.9")
    assert (first.status_code, second.status_code) == (303, 429)
    # Without trusted proxies the header counts for nothing at all.
    settings.DIGIRADAR_TRUSTED_PROXY_COUNT = 0
    third = post_vote(Client(), page, 5, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.77")
    fourth = post_vote(Client(), page, 5, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.78")
    assert (third.status_code, fourth.status_code) == (303, 429)
