"""A citizen rates a measure by keyboard, sees the result and changes the vote; axe finds nothing."""

import pytest

from digiradar_wagtail.ratings.models import RatingTarget
from tests import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def rated_measure(browser_page):
    home = builders.make_site()
    radar = builders.make_radar(home)
    measure = builders.make_measure(radar, "Digitale Bürgerdienste")
    measure.participation = [("rating", {"question": "Wie wichtig ist Ihnen diese Maßnahme?"})]
    measure.save_revision().publish()
    return measure


def test_rate_by_keyboard_then_change(browser_page, live_server, rated_measure, axe_violations):
    page = browser_page
    page.goto(live_server.url + rated_measure.url)
    # The page is the one a shared cache keeps: the script puts in this visitor's own form.
    page.locator("form[data-digiradar-rating-form]").wait_for()
    rating = page.locator("[data-digiradar-rating]")
    assert rating.locator("fieldset legend").inner_text() == "Wie wichtig ist Ihnen diese Maßnahme?"
    assert axe_violations(page) == []

    # Tab into the radio group, pick "4 Sterne" with the arrow keys, send with Enter.
    page.locator("a, button, input").first.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "value":
            break
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "4"
    page.keyboard.press("Enter")

    status = page.locator(".digiradar-rating-status")
    status.get_by_text("Danke! Ihre Stimme wurde gespeichert.").wait_for()
    assert "Ihre Stimme: 4 Sterne" in page.locator(".digiradar-rating-own").inner_text()
    chart = page.locator("table.digiradar-rating-chart")
    assert "1 Stimme" in page.locator(".digiradar-rating-total").inner_text()
    assert chart.get_by_role("row", name="4 Sterne 1 100 %").count() == 1
    assert axe_violations(page) == []

    # Change the vote: focus stays on the checked answer; one step left is "3 Sterne".
    assert page.evaluate("document.activeElement.value") == "4"
    page.keyboard.press("ArrowLeft")
    with page.expect_response(lambda response: response.request.method == "POST") as reply:
        page.keyboard.press("Enter")
    status.get_by_text("Ihre Stimme wurde geändert.").wait_for()
    assert "Ihre Stimme: 3 Sterne" in page.locator(".digiradar-rating-own").inner_text()
    # The table was there: the reply brought the figures as numbers, the script wrote them in.
    assert "results" in reply.value.json() and "results_html" not in reply.value.json()
    # Sent as the plain form would be: no multipart body for the server to parse.
    sent = reply.value.request
    assert sent.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert "action=vote" in sent.post_data and "value=3" in sent.post_data
    total = page.locator(".digiradar-rating-total").inner_text()
    assert total == "1 Stimme · durchschnittlich 3,0 von 5 Sternen"
    assert chart.get_by_role("row", name="3 Sterne 1 100 %").count() == 1
    assert chart.get_by_role("row", name="4 Sterne 0 0 %").count() == 1
    assert chart.locator("tr", has_text="3 Sterne").locator("rect").nth(1).get_attribute("width") == "100"
    assert chart.locator("tr", has_text="4 Sterne").locator("rect").nth(1).get_attribute("width") == "0"

    target = RatingTarget.objects.get(translation_key=rated_measure.translation_key)
    assert (target.vote_count, target.vote_sum) == (1, 3)
    assert rating.get_by_role("button", name="Meine Stimme ändern").count() == 1

    # Withdraw: the script updates the block from the short reply; the vote, its button and
    # the own-vote line go, the results count it out; the focus moves to the heading.
    rating.get_by_role("button", name="Meine Stimme zurückziehen").click()
    status.get_by_text("Ihre Stimme wurde zurückgezogen.").wait_for()
    assert page.locator(".digiradar-rating-own").count() == 0
    assert rating.get_by_role("button", name="Meine Stimme zurückziehen").count() == 0
    assert rating.get_by_role("button", name="Stimme abgeben").count() == 1
    assert page.locator("input[name=value]:checked").count() == 0
    assert "0 Stimmen" in page.locator(".digiradar-rating-total").inner_text()
    assert page.evaluate("document.activeElement.id") == rating.locator("h2").get_attribute("id")
    assert axe_violations(page) == []
    # And vote again with the token the reply brought.
    rating.locator("input[name=value][value='3']").check()
    rating.get_by_role("button", name="Stimme abgeben").click()
    status.get_by_text("Danke! Ihre Stimme wurde gespeichert.").wait_for()
    assert "Ihre Stimme: 3 Sterne" in page.locator(".digiradar-rating-own").inner_text()
    assert chart.get_by_role("row", name="3 Sterne 1 100 %").count() == 1
    # After a reload (no script state), the page still knows this visitor's vote.
    page.reload()
    page.locator("form[data-digiradar-rating-form]").wait_for()
    assert page.locator("input[name=value][value='3']").is_checked()
    assert axe_violations(page) == []
    assert page.foreign_requests == [] and page.csp_violations == []
    assert "#" not in page.url  # the script sent both votes; no full-page post happened


def test_a_vote_refused_by_a_changed_csrf_cookie_is_sent_again_with_one_button(
    browser_page, live_server, rated_measure, axe_violations
):
    page = browser_page
    page.goto(f"{live_server.url}/de/digiradar/ratings/{rated_measure.pk}/vote/")
    page.locator("input[name=value][value='2']").check()
    # The race: the form was drawn for one CSRF cookie, another answer replaced the cookie
    # before the citizen sent it. Sent as without JavaScript (the browser's own POST).
    page.context.add_cookies([{"name": "csrftoken", "value": "b" * 32, "url": live_server.url}])
    with page.expect_navigation():
        page.evaluate("document.querySelector('form[data-digiradar-rating-form]').submit()")

    page.get_by_role("heading", name="Bitte senden Sie das Formular erneut").wait_for()
    assert "Ihre Eingaben sind nicht verloren" in page.locator("main").inner_text()
    assert not RatingTarget.objects.filter(votes__isnull=False).exists()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Erneut senden").click()
    page.get_by_text("Danke! Ihre Stimme wurde gespeichert.").wait_for()
    target = RatingTarget.objects.get(translation_key=rated_measure.translation_key)
    assert (target.vote_count, target.vote_sum) == (1, 2)
    assert page.foreign_requests == [] and page.csp_violations == []
