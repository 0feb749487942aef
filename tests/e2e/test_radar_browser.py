"""The radar in Chromium: keyboard-only use, with and without JavaScript, layout, WCAG 2.1 AA, no hosts."""

import pytest
from playwright.sync_api import expect

from tests import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def radar(transactional_db, django_db_serialized_rollback):
    home = builders.make_site()
    radar = builders.make_radar(home, sectors=3, rings=4)
    builders.make_measure(radar, "Digitale Bürger-ID", sector=2, ring=2, progress_percent=60)
    builders.make_measure(radar, "Offene Daten", sector=0, ring=1, progress_percent=20)
    builders.make_measure(radar, "WLAN an Schulen", sector=1, ring=3, progress_percent=100)
    for index in range(40):  # a crowded cell
        builders.make_measure(radar, f"Sensor {index:02d}", sector=1, ring=0)
    return radar


def blip_circles(page):
    """Centre and radius of every drawn blip, as the browser lays it out (screen pixels)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
                '[data-digiradar-blip] circle, [data-digiradar-blip] polygon'))
            .map(shape => {
                const b = shape.getBoundingClientRect();
                return [b.x + b.width / 2, b.y + b.height / 2, Math.max(b.width, b.height) / 2];
            })"""
    )


def test_keyboard_only_user_filters_and_opens_a_measure(browser_page, live_server, radar):
    page = browser_page
    page.goto(live_server.url + radar.url)
    # Tab to the search field, type, and send the form with Enter: no mouse anywhere.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("Bürger")
    page.keyboard.press("Enter")
    # (wait_for_function would need eval, which the page's CSP rightly forbids)
    expect(page.locator("[data-digiradar-blip]")).to_have_count(1)
    assert "q=B%C3%BCrger" in page.url  # the URL is the permalink of the filter
    assert page.locator(".digiradar-blip-dimmed").count() == 42
    # Tab onward to the one remaining blip and open it with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-digiradar-blip]')"):
            break
    assert "Digitale Bürger-ID" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    # The tooltip shows on keyboard focus as well as on hover.
    assert page.locator(".digiradar-tooltip").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Digitale Bürger-ID"


def test_arrow_keys_move_between_blips(browser_page, live_server, radar):
    page = browser_page
    page.goto(live_server.url + radar.url)
    page.locator("[data-digiradar-blip]").first.focus()
    first = page.evaluate("document.activeElement.dataset.number")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.dataset.number")
    assert first != second
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.number") == first
    # One tab stop for the radar: only the focused blip is in the tab order.
    assert page.locator('[data-digiradar-blip][tabindex="0"]').count() == 1


def test_filter_works_without_javascript(chromium_browser, live_server, radar):
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + radar.url)
        page.locator("details", has=page.locator('input[name="sector"]')).locator("summary").click()
        page.locator('input[name="sector"][value="sektor-3"]').check()
        with page.expect_navigation():
            page.get_by_role("button").first.click()
        page.wait_for_url("**sector=sektor-3*")
        assert page.locator("[data-digiradar-blip]").count() == 1
        assert page.locator("#measure-list a", has_text="Digitale Bürger-ID").count() == 1
    finally:
        context.close()


def test_no_two_blips_overlap_on_screen(browser_page, live_server, radar):
    browser_page.goto(live_server.url + radar.url)
    circles = blip_circles(browser_page)
    assert len(circles) == 43
    for index, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[index + 1 :]:
            # 1 % slack for anti-aliased bounding boxes
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 0.99 * (r1 + r2)


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_radar_page_is_accessible_at_every_width(browser_page, live_server, radar, axe_violations, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(live_server.url + radar.url + "?ring=ring-3")
    violations = axe_violations(browser_page)
    assert violations == [], f"axe at {width}px: {violations}"
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    assert browser_page.foreign_requests == []
    assert browser_page.csp_violations == []
