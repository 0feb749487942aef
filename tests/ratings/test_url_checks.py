"""Checks W001/E006: the URL the rating form posts to is included and not shadowed."""

from django.core.checks import run_checks
from django.test import override_settings


def e006():
    return [message for message in run_checks() if message.id == "digiradar_ratings.E006"]


def w001():
    return [message for message in run_checks() if message.id == "digiradar_ratings.W001"]


def test_the_demo_urls_pass():
    assert e006() == []


@override_settings(ROOT_URLCONF="tests.comments.shadowed_urls")
def test_urls_after_wagtails_page_route_are_shadowed():
    [error] = e006()
    assert "wagtail" in error.msg and "List path(" in error.hint


@override_settings(ROOT_URLCONF="tests.comments.missing_urls")
def test_urls_not_included():
    [warning] = w001()
    assert "not included" in warning.msg and "digiradar_wagtail.urls" in warning.hint
    assert e006() == []
