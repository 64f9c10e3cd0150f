"""Browser tests: Playwright for Python driving Debian's /usr/bin/chromium (never `playwright install`).

One headless Chromium per pytest worker (session scope), a fresh context per test, pytest-django's
`live_server` with a transactional database. Every page fails its test if a JavaScript dialog opens
(an executed `alert(1)` from hostile input) or if the browser reports a Content-Security-Policy
violation (an inline script or style attribute slipped into a template).
"""

import os

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls
# made from that thread (factories, assertions on the database) as "async-unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PASSWORD = "testlosen-123"  # tests/factories.py UserFactory


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context_args(live_server):
    """Arguments for the browser context; a test module may override this fixture (e.g. bypass_csp)."""
    return {"base_url": live_server.url, "locale": "sv-SE"}


@pytest.fixture
def dialogs():
    """Every JavaScript dialog the page opened; the `page` fixture fails the test if there is one."""
    return []


@pytest.fixture
def csp_violations():
    """Every Content-Security-Policy violation the browser reported; the `page` fixture fails on any."""
    return []


@pytest.fixture
def page(browser, browser_context_args, transactional_db, dialogs, csp_violations):
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(5000)
    page = context.new_page()

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message} at {page.url}")
        dialog.dismiss()

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(f"{message.text} at {page.url}")

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    yield page
    context.close()
    assert not dialogs, f"A JavaScript dialog opened (script injection?): {dialogs}"
    assert not csp_violations, f"The browser blocked content under our CSP: {csp_violations}"


def login(page, user, password=PASSWORD):
    """Log in through the real login form, as a person would, and wait for the start page."""
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)


@pytest.fixture
def log_in_as(page, live_server):
    """Fast login for tests that are not about logging in: a session cookie made by the test client."""

    def log_in(user):
        if user is None:
            return
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return log_in
