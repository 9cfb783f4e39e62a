""" "Exit this page" ends the draft, with JavaScript (Shift three times) and without (the link).

The app's EXIT_URL points at this server's /privacy page (see the live_server fixture), so
the browser can really get there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, tab_to
from tests.browser.journeys import INTENT_LABELS, ROLE_LABELS

pytestmark = pytest.mark.browser

LOST = "We could not find your answers"


def _start_a_draft(page: Page, live_server: LiveServer) -> None:
    """Answer both start questions and the first question of the adult journey."""
    page.goto("/start/what")
    page.get_by_label(INTENT_LABELS["complain"], exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(ROLE_LABELS["adult"], exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_server.url("/adult/relationship"))


def _draft_is_gone(page: Page, live_server: LiveServer) -> None:
    """Going back to a step of the journey finds nothing and lands on the start page."""
    page.goto("/adult/relationship")
    expect(page).to_have_url(live_server.url("/?expired=1"))
    expect(page.get_by_text(LOST)).to_be_visible()


def test_exit_link_without_javascript_ends_the_draft(
    nojs_page: Page, live_server: LiveServer
) -> None:
    page = nojs_page
    _start_a_draft(page, live_server)
    page.goto("/adult/relationship")
    expect(page.get_by_text(LOST)).to_have_count(0)  # the draft is there before exiting

    exit_link = page.get_by_role("button", name="Exit this page")
    expect(exit_link).to_have_attribute("href", "/exit")
    tab_to(page, exit_link, check_focus_visible=True)
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.app.config["EXIT_URL"])
    _draft_is_gone(page, live_server)


def test_shift_three_times_with_javascript_ends_the_draft(
    page: Page, live_server: LiveServer
) -> None:
    _start_a_draft(page, live_server)
    # GOV.UK Frontend's Exit this page script is running (under the enforced CSP).
    expect(page.locator("[data-module='govuk-exit-this-page']")).to_have_attribute(
        "data-govuk-exit-this-page-init", ""
    )
    for _ in range(3):
        page.keyboard.press("Shift")

    expect(page).to_have_url(live_server.app.config["EXIT_URL"])
    _draft_is_gone(page, live_server)


def test_exit_button_with_javascript_ends_the_draft(page: Page, live_server: LiveServer) -> None:
    _start_a_draft(page, live_server)
    page.get_by_role("button", name="Exit this page").click()

    expect(page).to_have_url(live_server.app.config["EXIT_URL"])
    _draft_is_gone(page, live_server)
