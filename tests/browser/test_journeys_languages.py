"""The young person's journey in Welsh and in Arabic, by keyboard alone with JavaScript off:
the language is chosen with the switcher (a plain link), every label and button is found by
its translated name, and the page keeps its language and direction to the confirmation.
With JavaScript on, a failed submit moves the focus to the error summary in either language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from portal.i18n import LANGUAGE_NAMES
from tests.browser.conftest import LiveServer, tab_to, translator
from tests.browser.journeys import YOUNG_PERSON, Choose, Fill
from tests.browser.test_journeys_keyboard import Keyboard

pytestmark = pytest.mark.browser

DIRECTIONS = {"cy": "ltr", "ar": "rtl"}


def _translator(server: LiveServer, locale: str) -> Callable[[str], str]:
    """The shared translator, failing on any text the catalog leaves in English (a label that
    is not a message id would otherwise go unnoticed)."""
    shared = translator(server, locale)

    def translate(text: str) -> str:
        translated = shared(text)
        assert translated != text, f"{text!r} has no {locale} translation"
        return translated

    return translate


def _expect_language(page: Page, locale: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", DIRECTIONS[locale])


@pytest.mark.parametrize("locale", DIRECTIONS)
def test_the_young_persons_journey_by_keyboard_without_javascript(
    nojs_page: Page, live_server: LiveServer, locale: str
) -> None:
    page, t = nojs_page, _translator(live_server, locale)
    keys = Keyboard(page)
    page.goto("/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    # The switcher is an ordinary link: Tab to it, Enter to follow it.
    tab_to(page, page.get_by_role("link", name=LANGUAGE_NAMES[locale], exact=True))
    page.keyboard.press("Enter")
    _expect_language(page, locale)
    keys.press_button(t("Start now"))

    expect(page).to_have_url(live_server.url("/start/what"))
    keys.do(Choose(t(YOUNG_PERSON.intent_label)))
    keys.press_button(t("Continue"))
    keys.do(Choose(t(YOUNG_PERSON.role_label)))
    keys.press_button(t("Continue"))
    for step, actions in YOUNG_PERSON.pages.items():
        expect(page).to_have_url(live_server.url(f"/young-person/{step}"))
        _expect_language(page, locale)
        for action in actions:
            if isinstance(action, Fill):
                keys.do(Fill(t(action.label), action.value))
            else:
                keys.do(type(action)(t(action.label)))
        keys.press_button(t("Continue"))

    expect(page).to_have_url(live_server.url("/young-person/check-answers"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(YOUNG_PERSON.echoed)
    keys.press_button(t("Send"), backwards=True)
    expect(page).to_have_url(live_server.url("/young-person/confirmation"))
    _expect_language(page, locale)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("We have got your message"))
    reference = page.locator(".app-reference").inner_text().strip()
    assert live_server.stored(reference) == 1


@pytest.mark.parametrize("locale", DIRECTIONS)
def test_a_failed_submit_moves_focus_to_the_error_summary(
    new_context: Callable[..., BrowserContext], live_server: LiveServer, locale: str
) -> None:
    page, t = new_context().new_page(), _translator(live_server, locale)
    page.goto(f"/start/what?lang={locale}")
    page.get_by_role("button", name=t("Continue")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(t("There is a problem"))
    _expect_language(page, locale)
