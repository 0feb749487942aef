"""A citizen comments, a moderator approves in the Wagtail admin, the comment shows in both languages."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from tests.builders import translate

pytestmark = pytest.mark.browser

TEXT = "Bitte die Formulare auch in Leichter Sprache anbieten."


def test_comment_moderate_and_show_in_both_languages(
    browser_page, live_server, measure, english, axe_violations, admin_login, django_user_model
):
    page = browser_page
    english_measure = translate(measure, english)

    # A citizen writes a comment; the form is accessible and its errors are announced.
    page.goto(live_server.url + measure.url)
    assert axe_violations(page, context="#comments") == []
    page.click("text=Kommentar senden")
    assert page.locator(".digiradar-error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "digiradar-comment-errors"
    assert axe_violations(page, context="#comments") == []
    page.fill("#digiradar-comment-name", "Erika")
    page.fill("#digiradar-comment-email", "erika@example.org")
    page.fill("#digiradar-comment-comment", TEXT)
    page.check("#digiradar-comment-consent")
    page.click("text=Kommentar senden")
    page.wait_for_url(re.compile(r"\?comment=confirm"))
    assert "Bitte bestätigen Sie Ihren Kommentar" in page.content()

    # The link in the confirmation mail stores the comment; it waits for moderation.
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.wait_for_url(re.compile(r"\?comment=pending"))
    assert TEXT not in page.content()

    # A moderator approves it in the Wagtail admin.
    moderator = django_user_model.objects.create_user("moderatorin", "mod@example.org", "geheim-123")
    moderator.groups.add(Group.objects.get(name="Comment moderators"))
    admin_login(page, live_server, "moderatorin", "geheim-123")
    page.goto(live_server.url + "/admin/digiradar-comments/")
    with page.expect_navigation():
        page.click(f"text={TEXT[:40]}")
    with page.expect_navigation():
        page.click("button:has-text('Freigeben')")
    page.wait_for_selector("text=Der Kommentar ist veröffentlicht.")

    # Another one goes through Wagtail's bulk actions: tick it in the queue, approve, confirm.
    from tests.comments.conftest import make_comment

    make_comment(measure, "Zweiter Kommentar zur Freigabe", state="pending")
    page.goto(live_server.url + "/admin/digiradar-comments/")
    page.check("input[data-bulk-action-checkbox]")
    with page.expect_navigation():
        page.click("[data-bulk-action-footer] a:has-text('Freigeben')")
    assert "Zweiter Kommentar zur Freigabe" in page.content()
    with page.expect_navigation():
        page.click("button:has-text('Ja, freigeben')")
    page.wait_for_selector("text=1 Kommentar geändert.")

    # The comment shows on the German and on the English page, without any third-party request.
    page.context.clear_cookies()
    # (The Wagtail admin itself loads Gravatar avatars unless WAGTAIL_GRAVATAR_PROVIDER_URL = None.)
    page.foreign_requests.clear()
    for url in (measure.url, english_measure.url):
        page.goto(live_server.url + url)
        assert page.locator(".digiradar-comment-text", has_text=TEXT).is_visible()
        assert axe_violations(page, context="#comments") == []
    assert page.foreign_requests == []
    assert page.csp_violations == []
