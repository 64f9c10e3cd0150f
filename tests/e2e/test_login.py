"""A person logs in through the form, with the mouse and with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_coordinator_logs_in_through_the_form_and_sees_the_start_page(page, coordinator):
    login(page, coordinator)
    expect(page).to_have_title("Start – VBE-portalen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    expect(page.get_by_text("Samordnare i Norra stadsdelsnämnden")).to_be_visible()
    expect(page.get_by_role("heading", name="Skriva och revidera handlingsplanen")).to_be_visible()


def test_wrong_password_shows_the_swedish_error(page, coordinator):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(coordinator.username)
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    expect(page.get_by_label("Användarnamn")).to_have_value(coordinator.username)
    expect(page).to_have_url(re.compile(r"/konto/logga-in/$"))


def focus_is_visible(page):
    """WCAG 2.4.7: the focused element shows an outline (axe does not check this)."""
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return s.outline; })()"
    )
    return "none" not in style and not style.startswith("0px")


def test_keyboard_only_login(page, coordinator):
    page.goto("/konto/logga-in/")
    # The user name field has autofocus: type at once, Tab to the password, Enter to send.
    expect(page.get_by_label("Användarnamn")).to_be_focused()
    page.keyboard.type(coordinator.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.type("testlosen-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    # On the start page the first Tab stop is the skip link, and it moves focus to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Hoppa till huvudinnehållet")
    expect(page.locator(":focus")).to_be_in_viewport()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Logging out works from the keyboard too: Shift+Tab back from main reaches the button.
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.locator(":focus").inner_text() == "Logga ut":
            break
    expect(page.locator(":focus")).to_have_text("Logga ut")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
