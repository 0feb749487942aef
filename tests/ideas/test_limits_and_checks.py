"""
What keeps ideas honest besides moderation: duplicates refused, clearing the supporter cookie
buys little, a confirmation mail that fails keeps nothing, expired unconfirmed ideas go, and the
settings are checked.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from digiradar_wagtail.ideas.checks import check_settings
from digiradar_wagtail.ideas.models import Idea, IdeaSupport
from tests import builders
from tests.comments.failing_mail import FAILING
from tests.ideas.conftest import make_idea, post_idea

pytestmark = pytest.mark.django_db


def test_the_same_idea_twice_from_one_address_is_refused(client, ideas_page):
    assert post_idea(client, ideas_page, email="ada@example.org").status_code == 200
    again = post_idea(client, ideas_page, email="ADA@example.org", title="  Sitzbänke mit  Solarladern ")
    assert again.status_code == 400 and "bereits gesendet" in again.content.decode()
    assert post_idea(client, ideas_page, email="bob@example.org").status_code == 200
    assert Idea.objects.count() == 2


def test_clearing_the_supporter_cookie_buys_little(client, ideas_page, settings):
    settings.DIGIRADAR_IDEAS_COOKIELESS_SUPPORT_LIMIT = 2
    idea = make_idea(ideas_page)
    url = f"/de/digiradar/ideas/{idea.pk}/support/"
    statuses = []
    for _ in range(3):
        client.cookies.clear()  # a fresh browser each time, from the same address
        statuses.append(client.post(url, REMOTE_ADDR="203.0.113.50").status_code)
    assert statuses == [200, 200, 429]
    assert IdeaSupport.objects.count() == 2
    # With the cookie of an earlier support nothing is counted again, and nothing is refused.
    response = client.post(url, REMOTE_ADDR="203.0.113.51")
    assert response.status_code == 200
    assert client.post(url, REMOTE_ADDR="203.0.113.51").status_code == 200
    assert IdeaSupport.objects.count() == 3


def test_a_confirmation_mail_that_fails_keeps_nothing(client, ideas_page):
    with override_settings(EMAIL_BACKEND=FAILING):
        response = post_idea(client, ideas_page, email="ada@example.org")
    assert response.status_code == 503 and response["Retry-After"] == "300"
    assert not Idea.objects.exists() and not mail.outbox
    assert post_idea(client, ideas_page, email="ada@example.org").status_code == 200
    assert Idea.objects.get().confirmation_sent_at is not None


def test_unconfirmed_ideas_expire(ideas_page):
    old = make_idea(ideas_page, "Alt", awaiting_confirmation=True, created_at=builders.days_ago(8))
    fresh = make_idea(ideas_page, "Frisch", awaiting_confirmation=True)
    confirmed = make_idea(ideas_page, "Bestätigt", created_at=builders.days_ago(30))
    call_command("digiradar_ideas_expire", stdout=open("/dev/null", "w"))
    assert set(Idea.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Idea.objects.filter(pk=old.pk).exists()


def test_the_checks_name_unusable_settings(settings):
    assert check_settings() == []
    settings.DIGIRADAR_IDEAS_RATE_LIMIT = 0
    settings.DIGIRADAR_IDEAS_PER_PAGE = "20"
    settings.DIGIRADAR_IDEAS_BLOCKLIST = "casino"
    errors = check_settings()
    assert [error.id for error in errors] == ["digiradar_ideas.E001"] * 2 + ["digiradar_ideas.E002"]
    assert "DIGIRADAR_IDEAS_RATE_LIMIT" in errors[0].msg
