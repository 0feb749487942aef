"""The public radar and measure pages in Chromium: content, WCAG 2.1 AA (axe-core), no foreign hosts, CSP."""

import pytest

from digiradar_wagtail.models import Department
from tests import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def city(transactional_db):
    home = builders.make_site()
    radar = builders.make_radar(home)
    german = home.locale
    department = Department.objects.create(name="IT-Referat", slug="rit", abbreviation="RIT", locale=german)
    measure = builders.make_citizen_id(
        radar,
        department,
        milestone="Pilot im Bürgerbüro",
        sector=1,
        ring=2,
        progress_percent=60,
        plain_language_summary="Mit der Bürger-ID geht man online zum Amt.",
    )
    measure.save_revision().publish()
    others = [
        builders.make_measure(radar, "Offene Daten", sector=0, ring=0, progress_percent=10),
        builders.make_measure(radar, "WLAN an Schulen", sector=1, ring=3, progress_percent=100),
        builders.make_measure(
            radar,
            "E-Akte",
            sector=2,
            ring=1,
            progress_percent=30,
            delivery_status="delayed",
            status_reason="Ausschreibung verzögert",
        ),
    ]
    return {"home": home, "radar": radar, "measure": measure, "others": others}


def assert_clean(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], f"axe found WCAG 2.1 AA violations on {page.url}: {violations}"
    assert page.foreign_requests == [], f"requests to other hosts from {page.url}"
    assert page.csp_violations == [], f"CSP violations on {page.url}"


def test_german_radar_page(browser_page, live_server, city, axe_violations):
    response = browser_page.goto(f"{live_server.url}/de/radar/")
    assert response.status == 200
    assert "Content-Security-Policy" in {key.title() for key in response.headers} or (
        "content-security-policy" in response.headers
    )
    assert browser_page.locator("html").get_attribute("lang") == "de"
    assert browser_page.locator("h1").inner_text() == "Digitalisierungsradar"
    # The list is collapsed by sector (with counts): open it as a visitor would.
    for summary in browser_page.locator("#measure-list details.digiradar-sector > summary").all():
        summary.click()
    for title in ("Digitale Bürger-ID", "Offene Daten", "WLAN an Schulen", "E-Akte"):
        # (the list, and perhaps the visual radar as well, link each measure)
        assert browser_page.get_by_role("link", name=title, exact=True).count() >= 1, title
    main = browser_page.locator("main").inner_text()
    for name in ("Sektor 1", "Sektor 2", "Sektor 3", "Ring 1", "Ring 3"):
        assert name in main
    assert_clean(browser_page, axe_violations)


def test_german_measure_page(browser_page, live_server, city, axe_violations):
    response = browser_page.goto(live_server.url + city["measure"].url)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Digitale Bürger-ID"
    main = browser_page.locator("main").inner_text()
    for text in ("Sektor 2", "Ring 3", "IT-Referat", "Pilot im Bürgerbüro", "buerger-id@example.invalid"):
        assert text in main
    assert browser_page.locator("progress").get_attribute("value") == "60"
    # Publishing recorded the first history entry; the page shows it as its timeline.
    assert browser_page.locator(".digiradar-timeline li").count() == 1
    assert_clean(browser_page, axe_violations)


@pytest.mark.parametrize("which", ["radar", "measure"])
def test_narrow_viewport(browser_page, live_server, city, axe_violations, which):
    browser_page.set_viewport_size({"width": 375, "height": 800})
    path = city[which].url
    response = browser_page.goto(f"{live_server.url}{path}")
    assert response.status == 200, path
    # Nothing forces the page wider than the phone's screen.
    scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"{path} scrolls sideways: {scroll_width}px"
    assert_clean(browser_page, axe_violations)
