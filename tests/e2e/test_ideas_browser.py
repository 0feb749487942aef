"""
A citizen proposes an idea by keyboard alone, a moderator approves it, others find it with the
list's filters without JavaScript; axe-core finds no violation on any of these pages.
"""

import pytest

from digiradar_wagtail.ideas.models import PUBLISHED, Idea
from tests.ideas.conftest import add_ideas_page, make_idea

pytestmark = pytest.mark.browser

TITLE = "Trinkbrunnen mit Füllstandsanzeige"


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_citizen_proposes_an_idea_by_keyboard(browser_page, live_server, radar, axe_violations):
    page = browser_page
    ideas = add_ideas_page(radar)
    make_idea(ideas, "Offenes WLAN")

    page.goto(live_server.url + ideas.url)
    assert axe_violations(page) == []
    tab_to(page, "a[href*='/digiradar/ideas/propose/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert axe_violations(page) == []

    # Sent empty: the errors are listed, linked to their fields, and announced (focus on the summary).
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".digiradar-error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "digiradar-idea-errors"
    assert axe_violations(page) == []

    tab_to(page, "#digiradar-idea-title")
    page.keyboard.type(TITLE)
    tab_to(page, "#digiradar-idea-description")
    page.keyboard.type("Brunnen in Parks, die zeigen, ob sie Wasser führen.")
    tab_to(page, "input[name=sector]")
    page.keyboard.press("ArrowDown")  # the second sector
    tab_to(page, "#digiradar-idea-name")
    page.keyboard.type("Erika")
    tab_to(page, "#digiradar-idea-consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Danke für Ihre Idee" in page.content()
    assert axe_violations(page) == []

    idea = Idea.objects.get(title=TITLE)
    assert (idea.sector_slug, idea.author_name, idea.state) == ("sektor-2", "Erika", "pending")
    Idea.objects.filter(pk=idea.pk).update(state=PUBLISHED)
    page.goto(live_server.url + f"{ideas.url}{idea.pk}/")
    assert TITLE in page.content()
    assert axe_violations(page) == []
    tab_to(page, "a[href*='/support/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert axe_violations(page) == []
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert idea.supports.count() == 1
    assert page.foreign_requests == [] and page.csp_violations == []


def test_the_list_filters_without_javascript(
    chromium_browser, live_server, transactional_db, django_db_serialized_rollback, radar, axe_violations
):
    ideas = add_ideas_page(radar)
    make_idea(ideas, "Offenes WLAN", sector="sektor-1")
    make_idea(ideas, "Solarbänke", sector="sektor-2", description="Bänke mit Ladebuchse.")
    context = chromium_browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(live_server.url + ideas.url)
        assert "Offenes WLAN" in page.content() and "Solarbänke" in page.content()
        page.select_option("#digiradar-ideas-filter-sector", "sektor-2")
        with page.expect_navigation():
            page.click("button:has-text('Ideen anzeigen')")
        assert "sector=sektor-2" in page.url
        assert ">Solarbänke</a>" in page.content() and ">Offenes WLAN</a>" not in page.content()
    finally:
        context.close()
    # axe needs script: the same filtered page, with it.
    scripted = chromium_browser.new_context(locale="de-DE")
    try:
        page = scripted.new_page()
        page.goto(live_server.url + ideas.url + "?sector=sektor-2&sort=supported")
        assert axe_violations(page) == []
    finally:
        scripted.close()
