"""
Shared fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's
live server.

- ``browser_page``: a fresh context's page (1280x900, de-DE). It records what a test may want to rule
  out: ``browser_page.foreign_requests`` (URLs of requests to any host but the live server's) and
  ``browser_page.csp_violations`` (console messages about the Content Security Policy).
  ``browser_page.console_errors`` holds every console error, for diagnostics.
- ``axe_violations(page, context=None)``: axe-core restricted to WCAG 2.0/2.1 A and AA; returns a list
  of ``{"id", "impact", "help", "targets"}`` so ``assert violations == []`` reads well when it fails.
- ``admin_login(page, live_server, username, password)``: logs in through the Wagtail admin form.

The live server runs in another thread and sees the test's data only when the test commits it, so
``browser_page`` pulls in ``transactional_db``; with serialized rollback, because the flush after a
transactional test would otherwise also wipe what migrations created (Wagtail's root page, locales,
the default principles) for the tests that follow.
"""

import os
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the main thread; Django refuses ORM calls from a thread
# with a running loop unless told otherwise.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


def pytest_collection_modifyitems(items):
    # Every test in this directory drives the browser, whether or not it carries the marker itself.
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()) or "chromium_browser" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _serialized_databases(django_db_setup):
    """
    The test databases' serialized contents, read before Playwright starts.

    Playwright's sync API runs the test in a greenlet with contextvars of its own, and Django keeps
    its connections in contextvars: inside it, ``connections["default"]`` is a new object that lacks
    the ``_test_serialized_contents`` the database setup stored, and serialized rollback would
    silently restore nothing after the first browser test.
    """
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(autouse=True)
def _restore_serialized_databases(request, _serialized_databases):
    if "chromium_browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("chromium_browser")  # start Playwright first: its context is the one to fix
    from django.db import connections

    for alias, contents in _serialized_databases.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents
    request.getfixturevalue("transactional_db")
    from wagtail.models import Page

    if not Page.objects.exists():
        # The first browser test after another transactional test (which flushed the database at
        # its end) had its database set up before Playwright's context existed, so nothing was
        # restored there: restore what migrations made now.
        for alias, contents in _serialized_databases.items():
            connections[alias].creation.deserialize_db_from_string(contents)
    yield


@pytest.fixture(scope="session")
def chromium_browser(_serialized_databases):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser tests", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server, transactional_db, django_db_serialized_rollback):
    server = urlsplit(live_server.url)
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.foreign_requests = []
    page.csp_violations = []
    page.console_errors = []

    def on_request(request):
        url = urlsplit(request.url)
        if url.scheme in LOCAL_SCHEMES:
            return
        if (url.hostname, url.port) != (server.hostname, server.port):
            page.foreign_requests.append(request.url)

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            page.csp_violations.append(message.text)
        if message.type == "error":
            page.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def axe_violations():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page, context=None):
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results = axe.run(page, context=context, options=options)
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]],
            }
            for violation in results.response["violations"]
        ]

    return run


def admin_login(page, live_server, username, password):
    """Log into the Wagtail admin through its login form; fails the test if the login is refused."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    return page


@pytest.fixture(name="admin_login")
def admin_login_fixture():
    return admin_login
