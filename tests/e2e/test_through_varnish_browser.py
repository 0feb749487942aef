"""
A citizen on the cached site: Chromium talks to real Varnish (docs/deploy/varnish.vcl) in front of
the live server. The measure page comes from the cache; with JavaScript the citizen's own forms
arrive from the uncached endpoint, without it the forms lead to uncached pages of their own. Either
way the vote and the comment are stored, and the cached page stays the same for everyone.
"""

import pytest
from django.test import override_settings

from digiradar_wagtail.comments.models import Comment
from digiradar_wagtail.ratings.models import Vote
from tests import builders
from tests.frontcache.varnish import _varnish_process, varnish, varnish_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def cached_measure(varnish, browser_page):  # noqa: F811  (the fixture imported above)
    home = builders.make_site()
    varnish.serve_default_site()
    radar = builders.make_radar(home)
    measure = builders.make_measure(radar, "Digitale Bürgerdienste")
    # Warm the cache as any earlier visitor would have.
    first = varnish.get(measure.url)
    assert first.status_code == 200 and first.headers["X-Cache"] == "MISS"
    return measure


def cached_copy(varnish, measure):  # noqa: F811
    response = varnish.get(measure.url)
    assert response.headers["X-Cache"] == "HIT", response.headers
    assert "set-cookie" not in {name.lower() for name in response.headers}
    return response.text


def write_comment(page, text):
    page.fill("#digiradar-comment-name", "Anna")
    page.fill("#digiradar-comment-email", "anna@example.org")
    page.fill("#digiradar-comment-comment", text)
    page.check("#digiradar-comment-consent")
    page.get_by_role("button", name="Kommentar senden").click()


@override_settings(COMMENTS_XTD_CONFIRM_EMAIL=False)
def test_a_citizen_rates_and_comments_with_javascript(
    browser_page,
    varnish,  # noqa: F811  (the fixture imported above)
    cached_measure,
    axe_violations,
):
    page = browser_page
    before = cached_copy(varnish, cached_measure)
    response = page.goto(varnish.url + cached_measure.url)
    assert response.headers["x-cache"] == "HIT"
    # The script put in the citizen's own rating form and comment form (with their tokens).
    page.locator("form[data-digiradar-rating-form]").wait_for()
    page.locator("form#comment-form").wait_for()
    assert page.csp_violations == []
    assert axe_violations(page) == []

    page.locator("input[name=value][value='4']").check()
    page.get_by_role("button", name="Stimme abgeben").click()
    page.locator(".digiradar-rating-status").get_by_text("Danke! Ihre Stimme wurde gespeichert.").wait_for()
    assert "Ihre Stimme: 4 Sterne" in page.locator(".digiradar-rating-own").inner_text()

    write_comment(page, "Mit Skript geschrieben")
    page.get_by_text("Danke! Ihr Kommentar erscheint").wait_for()
    assert Vote.objects.get().value == 4
    assert Comment.objects.get().comment == "Mit Skript geschrieben"
    # The page the cache keeps knows nothing of this citizen.
    after = cached_copy(varnish, cached_measure)
    assert "Ihre Stimme:" not in after and "csrfmiddlewaretoken" not in after
    assert after == before
    # The pages a citizen without JavaScript goes through pass axe too.
    for path in (f"ratings/{cached_measure.pk}/vote/?value=2", f"comments/write/{cached_measure.pk}/"):
        page.goto(f"{varnish.url}/de/digiradar/{path}")
        assert axe_violations(page) == [], path


@override_settings(COMMENTS_XTD_CONFIRM_EMAIL=False)
def test_a_citizen_rates_and_comments_without_javascript(chromium_browser, varnish, cached_measure):  # noqa: F811
    # (axe needs JavaScript; the vote page and the form page are checked with it in the test above.)
    context = chromium_browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        response = page.goto(varnish.url + cached_measure.url)
        assert response.headers["x-cache"] == "HIT"
        # One extra page: the cached form asks the uncached vote page, which has the tokens.
        page.locator("input[name=value][value='3']").check()
        page.get_by_role("button", name="Stimme abgeben").click()
        page.wait_for_url("**/digiradar/ratings/**")
        assert page.locator("input[name=value][value='3']").is_checked()
        page.get_by_role("button", name="Stimme abgeben").click()
        page.get_by_text("Danke! Ihre Stimme wurde gespeichert.").wait_for()
        assert "Ihre Stimme: 3 Sterne" in page.locator(".digiradar-rating-own").inner_text()

        page.goto(varnish.url + cached_measure.url)
        page.get_by_role("link", name="Kommentar schreiben").click()
        page.wait_for_url("**/digiradar/comments/write/**")
        write_comment(page, "Ohne Skript geschrieben")
        page.get_by_text("Danke! Ihr Kommentar erscheint").wait_for()
    finally:
        context.close()
    assert Vote.objects.get().value == 3
    assert Comment.objects.get().comment == "Ohne Skript geschrieben"
    assert "Ihre Stimme:" not in cached_copy(varnish, cached_measure)
