"""Check digiradar_comments.E012: the URL the comment form posts to is included and not shadowed."""

from django.core.checks import run_checks
from django.test import override_settings


def e012():
    return [message for message in run_checks() if message.id == "digiradar_comments.E012"]


def test_the_demo_urls_pass():
    assert e012() == []


@override_settings(ROOT_URLCONF="tests.comments.shadowed_urls")
def test_urls_after_wagtails_page_route_are_shadowed(client, measure):
    [error] = e012()
    assert "wagtail" in error.msg and "before path('', include(wagtail_urls))" in error.hint
    # What the check foretells: the form's POST lands on Wagtail's page route, not on a comment view.
    assert client.post("/de/digiradar/comments/post/", {}).status_code == 404


@override_settings(ROOT_URLCONF="tests.comments.missing_urls")
def test_urls_not_included():
    [error] = e012()
    assert "not included" in error.msg and "digiradar_wagtail.urls" in error.hint
