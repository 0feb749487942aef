"""A citizen follows a measure by keyboard alone, confirms by the mailed link; axe finds nothing."""

import re

import pytest
from django.core import mail

from digiradar_wagtail.follow.models import Subscription
from tests.builders import translate

pytestmark = pytest.mark.browser


def tab_to(page, matches, limit=80):
    """Press Tab until the focused element matches the JS predicate ``matches`` (given ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def test_follow_a_measure_by_keyboard(browser_page, live_server, measure, english, axe_violations):
    page = browser_page
    english_measure = translate(measure, english)

    page.goto(live_server.url + measure.url)
    # As a person does, who takes longer than that: personal.js has fetched the visitor's parts
    # (and with them set the CSRF cookie) before the follow page is opened.
    page.wait_for_load_state("networkidle")
    tab_to(page, "el.textContent.trim() === 'Dieser Maßnahme folgen'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().startswith("„Bürger-ID“ folgen")
    assert axe_violations(page) == []

    # Sent empty: the errors are listed, linked to their fields, and announced.
    tab_to(page, "el.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".digiradar-error-summary a[href='#id_email']").is_visible()
    # The summary took the focus (focus.js), so a screen reader reads it out first.
    page.wait_for_function("document.activeElement.classList.contains('digiradar-error-summary')")
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []

    tab_to(page, "el.id === 'id_email'")
    page.keyboard.type("erika@example.org")
    tab_to(page, "el.name === 'frequency'")
    page.keyboard.press("ArrowDown")  # the second choice of the radio group: weekly
    assert page.evaluate("document.activeElement.value") == "weekly"
    tab_to(page, "el.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bitte sehen Sie in Ihre Mails" in page.locator("h1").inner_text()
    assert axe_violations(page) == []

    # The link in the mail shows a button; pressing it confirms.
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(live_server.url + link.split("/de/", 1)[1].join(["/de/", ""]))
    assert axe_violations(page) == []
    tab_to(page, "el.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Sie folgen „Bürger-ID“"
    assert axe_violations(page) == []
    follower = Subscription.objects.get()
    assert follower.confirmed_at is not None and follower.frequency == "weekly"

    # The English page links its own follow page, in English, just as accessible.
    page.goto(live_server.url + english_measure.url)
    with page.expect_navigation():
        page.click("text=Follow this measure")
    assert page.locator("h1").inner_text() == "Follow “Bürger-ID”"
    assert axe_violations(page) == []
    assert page.foreign_requests == [] and page.csp_violations == []
