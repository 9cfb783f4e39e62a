"""Each journey to its confirmation page by keyboard alone, with JavaScript off.

Only the keyboard moves: Tab and Shift+Tab between controls, arrow keys within a radio
group, Space to select, typing to answer, Enter to press buttons and follow links. Reaching
every control this way shows it is in the tab order; on the first control of each kind the
focus styles are compared with the unfocused ones.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, choose_radio, tab_to
from tests.browser.journeys import JOURNEYS, Action, Choose, Fill, Journey, Tick

pytestmark = pytest.mark.browser


class Keyboard:
    """Answers a page with the keyboard; checks a visible focus indicator the first time it
    meets each kind of control."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: set[str] = set()

    def _first(self, kind: str) -> bool:
        if kind in self.seen:
            return False
        self.seen.add(kind)
        return True

    def do(self, action: Action) -> None:
        page = self.page
        control = page.get_by_label(action.label, exact=True)
        if isinstance(action, Choose):
            choose_radio(page, control, check_focus_visible=self._first("radio"))
        elif isinstance(action, Tick):
            tab_to(page, control, check_focus_visible=self._first("checkbox"))
            page.keyboard.press("Space")
            expect(control).to_be_checked()
        elif isinstance(action, Fill):
            kind = str(control.evaluate("(e) => e.tagName.toLowerCase()"))
            tab_to(page, control, check_focus_visible=self._first(kind))
            page.keyboard.type(action.value)
            expect(control).to_have_value(action.value)

    def press_button(self, name: str, *, backwards: bool = False) -> None:
        button = self.page.get_by_role("button", name=name, exact=True)
        tab_to(self.page, button, backwards=backwards, check_focus_visible=self._first(name))
        self.page.keyboard.press("Enter")


@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: j.name)
def test_journey_by_keyboard_without_javascript(
    nojs_page: Page, live_server: LiveServer, journey: Journey
) -> None:
    page = nojs_page
    keys = Keyboard(page)
    page.goto("/")
    # JavaScript really is off: the page's own inline script never added its class.
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    # The skip link is the first stop, and following it starts the tab order in <main>.
    tab_to(page, page.get_by_role("link", name="Skip to main content"), max_presses=1)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Exit this page"), max_presses=1)
    keys.press_button("Start now")  # a link styled as a button: Enter follows it

    expect(page).to_have_url(live_server.url("/start/what"))
    keys.do(Choose(journey.intent_label))
    keys.press_button("Continue")
    expect(page).to_have_url(live_server.url("/start/who"))
    keys.do(Choose(journey.role_label))
    keys.press_button("Continue")

    for step, actions in journey.pages.items():
        expect(page).to_have_url(live_server.url(f"/{journey.name}/{step}"))
        for action in actions:
            keys.do(action)
        keys.press_button("Continue")

    expect(page).to_have_url(live_server.url(f"/{journey.name}/check-answers"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(journey.echoed)
    # Send is the last control before the footer: Shift+Tab from the top of the page wraps
    # round to the end and walks back to it.
    keys.press_button("Send", backwards=True)

    expect(page).to_have_url(live_server.url(f"/{journey.name}/confirmation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("We have got your message")
    reference = page.locator(".app-reference").inner_text().strip()
    assert live_server.stored(reference) == 1
