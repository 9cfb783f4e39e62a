"""Each journey to its confirmation page with a mouse, JavaScript on and the CSP enforced."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.journeys import JOURNEYS, Action, Choose, Fill, Journey, Tick

pytestmark = pytest.mark.browser


def _do(page: Page, action: Action) -> None:
    control = page.get_by_label(action.label, exact=True)
    if isinstance(action, Fill):
        control.click()
        control.fill(action.value)
    elif isinstance(action, Choose | Tick):
        control.check()  # clicks it, then fails unless it ends up checked


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: j.name)
def test_journey_with_a_mouse_and_javascript(
    page: Page, live_server: LiveServer, journey: Journey
) -> None:
    problems: list[str] = []

    def _console(message: ConsoleMessage) -> None:
        # A CSP violation or a GOV.UK Frontend start-up error lands here.
        if message.type == "error" or "GOVUKFrontendError" in message.text:
            problems.append(message.text)

    page.on("console", _console)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto("/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.get_by_role("button", name="Start now").click()

    expect(page).to_have_url(live_server.url("/start/what"))
    # GOV.UK Frontend's module script ran under our CSP and set up its components.
    expect(page.locator("[data-module='govuk-exit-this-page']")).to_have_attribute(
        "data-govuk-exit-this-page-init", ""
    )
    page.get_by_label(journey.intent_label, exact=True).check()
    _continue(page)
    expect(page).to_have_url(live_server.url("/start/who"))
    page.get_by_label(journey.role_label, exact=True).check()
    _continue(page)

    for step, actions in journey.pages.items():
        expect(page).to_have_url(live_server.url(f"/{journey.name}/{step}"))
        for action in actions:
            _do(page, action)
        _continue(page)

    expect(page).to_have_url(live_server.url(f"/{journey.name}/check-answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text(journey.echoed)
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_url(live_server.url(f"/{journey.name}/confirmation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("We have got your message")
    reference = page.locator(".app-reference").inner_text().strip()
    assert reference, "the confirmation page shows no reference"
    assert live_server.stored(reference) == 1
    assert problems == []
