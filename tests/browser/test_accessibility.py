"""Every public page, in each of the six languages, passes four checks: axe-core finds no
WCAG 2.2 AA or best-practice violations; the page does not scroll sideways at 320 CSS
pixels wide; the Nu HTML Checker finds no errors in the HTML the server sent; and every
element a keyboard user can reach shows a visible focus indicator. The pages: every step
of every journey blank (first visit), with errors and filled in (revisited with saved
answers), check-answers, confirmation (plain and safeguarding-flagged), the start page, help,
privacy, the accessibility statement and the error pages.

Pages are reached the quick way: the answers before the page under test are posted over
HTTP from the browser context (so the cookie is the browser's), then the page itself is
opened, submitted or revisited in chromium with JavaScript on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from portal.i18n import LANG_COOKIE
from tests import helpers
from tests.browser.conftest import (
    DocumentWatch,
    HtmlChecker,
    LiveServer,
    assert_every_focus_visible,
    assert_no_axe_violations,
    assert_valid_html,
    open_context,
    translator,
)

# How pages render does not depend on the database: the PostgreSQL pass of make test leaves
# these checks out (they run in the SQLite pass), which keeps CI inside its time.
pytestmark = [pytest.mark.browser, pytest.mark.page_checks]

Answers = dict[str, Any]
Post = tuple[str, str, Answers]  # journey, step, form data


@dataclass(frozen=True)
class Route:
    """A way through the portal: the start questions, then a journey's steps."""

    name: str
    journey: str
    intent: str
    role: str
    pages: dict[str, Answers]

    @property
    def posts(self) -> list[Post]:
        start: list[Post] = [
            ("start", "what", {"intent": self.intent}),
            ("start", "who", {"role": self.role}),
        ]
        return start + [(self.journey, step, answers) for step, answers in self.pages.items()]


def _with(pages: dict[str, Answers], after: str, **extra: Answers) -> dict[str, Answers]:
    """``pages`` with the ``extra`` steps inserted after the step ``after``."""
    out: dict[str, Answers] = {}
    for step, answers in pages.items():
        out[step] = answers
        if step == after:
            out.update(extra)
    return out


_YP_WORRY = {
    step: answers for step, answers in helpers.YOUNG_PERSON.items() if step != "what-happened"
}
_NOT_TODAY = {"needs_action_today": "no"}

YOUNG_PERSON = Route(
    "young-person", "young-person", "complain", "young_person", helpers.YOUNG_PERSON
)
YOUNG_WORRY = Route(
    "young-person-worry",
    "young-person",
    "worry",
    "young_person",
    _with(
        _YP_WORRY,
        "age",
        **{"your-worry": {"what_happened": "I am worried about my brother."}, "today": _NOT_TODAY},
    ),
)
ADVOCATE = Route("advocate", "advocate", "complain", "advocate", helpers.ADVOCATE)
ADVOCATE_WORRY = Route(
    "advocate-worry",
    "advocate",
    "worry",
    "advocate",
    _with(helpers.ADVOCATE, "what-happened", today=_NOT_TODAY),
)
_PREFER_NOT = "prefer_not_to_say"
ADULT = Route(
    "adult",
    "adult",
    "complain",
    "adult",
    _with(
        {**helpers.ADULT, "equality": {"equality": "yes"}},
        "equality",
        age={"age_band": _PREFER_NOT},
        gender={"gender": _PREFER_NOT},
        ethnicity={"ethnicity": _PREFER_NOT},
        disability={"disability": _PREFER_NOT},
    ),
)
CONCERN = Route("worry", "worry", "worry", "adult", helpers.CONCERN)
COMPLIMENT = Route("thank-you", "thank-you", "thanks", "adult", helpers.COMPLIMENT)


def _instead(pages: dict[str, Answers], drop: str, after: str, **extra: Answers) -> dict:
    return _with({k: v for k, v in pages.items() if k != drop}, after, **extra)


# The other ways of being contacted, each with its own follow-up page.
ADULT_BY_POST = Route(
    "adult-by-post",
    "adult",
    "complain",
    "adult",
    _instead(
        {**helpers.ADULT, "contact": {"preferred_contact": "post"}},
        "contact-email",
        "contact",
        **{"contact-address": {"address": "1 High Street, Northtown"}},
    ),
)
CONCERN_BY_TEXT = Route(
    "worry-by-text",
    "worry",
    "worry",
    "adult",
    _instead(
        {**helpers.CONCERN, "contact": {"preferred_contact": "text"}},
        "contact-phone",
        "contact",
        **{"contact-mobile": {"mobile": "07700 900 982"}},
    ),
)
COMPLIMENT_REPLY = Route(
    "thank-you-reply",
    "thank-you",
    "thanks",
    "adult",
    _with(
        {**helpers.COMPLIMENT, "reply": {"wants_reply": "email"}},
        "reply",
        **{"reply-details": {"first_name": "Al", "email": "al@example.org"}},
    ),
)
SAFEGUARDING = Route(
    "young-person-safeguarding",
    "young-person",
    "complain",
    "young_person",
    {**helpers.YOUNG_PERSON, "what-happened": {"what_happened": "he hits me"}},
)

# Pages whose fields are all optional: an answer that fails validation shows their errors.
INVALID: dict[tuple[str, str], Answers] = {
    ("young-person", "age"): {"age": "abc"},
    ("young-person", "when"): {"when_happened": "x" * 201},
    ("young-person", "make-it-better"): {"outcome_wanted": "x" * 5001},
    ("advocate", "when"): {"when_happened": "x" * 201},
    ("adult", "help"): {"interpreter_language": "x" * 101},
}
# Pages that reveal more questions under a choice: the error inside the revealed part.
REVEALED_ERRORS: dict[tuple[str, str], Answers] = {
    ("young-person", "contact"): {"contact_routes": ["text"], "mobile": "not a number"},
    ("adult", "outcomes"): {"outcomes_sought": ["something_else"]},
}
# Pages with nothing to answer (only something to read and a Continue button).
NOTHING_TO_ANSWER = {("young-person", "before-you-start")}


class Drafts:
    """Builds the draft a page needs by posting answers from the browser context.

    Tests run in order (blank, errors, filled, then the next step), so each usually needs
    one more post than the last; anything else starts a fresh draft.
    """

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.route: Route | None = None
        self.posted = 0
        self.token = ""
        self.language_cookie: list[Any] = []
        self.translate: Callable[[str], str] = lambda text: text

    def speak(self, locale: str, server: LiveServer) -> None:
        """Use ``locale`` from now on: its cookie, and the texts we look for translated."""
        self.language_cookie = [{"name": LANG_COOKIE, "value": locale, "url": server.base_url}]
        self.context.add_cookies(self.language_cookie)

        self.translate = translator(server, locale)

    def reset(self) -> None:
        self.context.clear_cookies()
        self.context.add_cookies(self.language_cookie)
        self.route = None
        self.posted = 0
        page = self.context.request.get("/start/what")
        assert page.status == 200, page.status
        found = helpers.CSRF.search(page.text())
        assert found, "no CSRF token on /start/what"
        self.token = found.group(1)

    def post(self, url: str, data: Answers) -> None:
        body = urlencode({**data, "csrf_token": self.token}, doseq=True)
        response = self.context.request.post(
            url,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            max_redirects=0,
        )
        assert response.status == 302, f"POST {url} gave {response.status}, not a redirect"

    def ensure(self, route: Route, posted: int) -> bool:
        """Leave this browser with ``route``'s first ``posted`` pages answered; say whether
        anything had to change."""
        if self.route is route and self.posted == posted:
            return False
        if self.route is not route or self.posted > posted:
            self.reset()
            self.route = route
        for journey, step, answers in route.posts[self.posted : posted]:
            self.post(f"/{journey}/{step}", answers)
            self.posted += 1
        return True

    def submit(self, route: Route) -> None:
        self.ensure(route, len(route.posts))
        self.post(f"/{route.journey}/check-answers", {})
        self.route = None  # a sent draft cannot be walked again


@dataclass(frozen=True)
class Case:
    id: str
    open: Callable[[Page, Drafts], None]
    young_person: bool = False


def _blank(page: Page, drafts: Drafts, route: Route, index: int) -> None:
    journey, step, _answers = route.posts[index]
    drafts.ensure(route, index)
    page.goto(f"/{journey}/{step}")


def _enter(page: Page, data: Answers) -> None:
    """Type the text answers and choose the listed options (by value)."""
    for name, value in data.items():
        if isinstance(value, list):
            for option in value:
                page.locator(f"input[name='{name}'][value='{option}']").check()
        else:
            page.locator(f"[name='{name}']").fill(value)


def _errors(
    page: Page, drafts: Drafts, route: Route, index: int, data: Answers | None = None
) -> None:
    journey, step, _answers = route.posts[index]
    path = f"/{journey}/{step}"
    # Usually the blank test has just left this very page open: submit it from there.
    if drafts.ensure(route, index) or urlsplit(page.url).path != path:
        page.goto(path)
    _enter(page, INVALID.get((journey, step), {}) if data is None else data)
    drafts.route = None  # should the page wrongly accept this, the draft has moved on
    page.get_by_role("button", name=drafts.translate("Continue")).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^" + re.escape(drafts.translate("Error:")) + " "))
    drafts.route = route


def _filled(page: Page, drafts: Drafts, route: Route, index: int) -> None:
    journey, step, _answers = route.posts[index]
    drafts.ensure(route, index + 1)
    page.goto(f"/{journey}/{step}")


def _step_cases(route: Route, seen: set[tuple[str, str]]) -> Iterator[Case]:
    for index, (journey, step, _answers) in enumerate(route.posts):
        key = (journey, step)
        if key in seen:
            continue
        seen.add(key)
        where = {"route": route, "index": index}
        states: list[tuple[str, Callable[..., None]]] = [("blank", partial(_blank, **where))]
        if key not in NOTHING_TO_ANSWER:
            states.append(("errors", partial(_errors, **where)))
            if key in REVEALED_ERRORS:
                revealed = partial(_errors, **where, data=REVEALED_ERRORS[key])
                states.append(("errors-revealed", revealed))
            states.append(("filled", partial(_filled, **where)))
        for state, opener in states:
            yield Case(f"{journey}/{step}-{state}", opener, journey == "young-person")


def _end_cases(route: Route) -> Iterator[Case]:
    young = route.journey == "young-person"

    def check_answers(page: Page, drafts: Drafts) -> None:
        drafts.ensure(route, len(route.posts))
        page.goto(f"/{route.journey}/check-answers")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            drafts.translate("Check your answers")
        )

    def confirmation(page: Page, drafts: Drafts) -> None:
        drafts.submit(route)
        page.goto(f"/{route.journey}/confirmation")
        expect(page.locator(".app-reference")).to_be_visible()

    yield Case(f"{route.journey}/check-answers", check_answers, young)
    yield Case(f"{route.journey}/confirmation", confirmation, young)


def _safeguarding(page: Page, drafts: Drafts) -> None:
    drafts.submit(SAFEGUARDING)
    page.goto("/young-person/confirmation")
    help_now = drafts.translate("Get help now if you need it")
    expect(page.get_by_role("region", name=help_now)).to_be_visible()


def _goto(path: str, heading: str) -> Callable[[Page, Drafts], None]:
    def _open(page: Page, drafts: Drafts) -> None:
        drafts.reset()
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(drafts.translate(heading))

    return _open


def _session_expired(page: Page, drafts: Drafts) -> None:
    drafts.reset()
    page.goto("/start/what")
    page.context.clear_cookies()  # the session (and its CSRF secret) is gone
    page.context.add_cookies(drafts.language_cookie)  # the language choice outlives it
    page.get_by_role("button", name=drafts.translate("Continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        drafts.translate("Sorry, this page timed out")
    )


def _expired_start(page: Page, drafts: Drafts) -> None:
    drafts.reset()
    page.goto("/young-person/name")  # no draft: back to the start with a message
    expect(page.locator(".govuk-inset-text")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$|/\?"))


def _cases() -> list[Case]:
    cases = [
        Case("start-page", _goto("/", "Tell us what you think")),
        Case("start-page-answers-not-found", _expired_start),
    ]
    seen: set[tuple[str, str]] = set()
    variants = (YOUNG_WORRY, ADVOCATE_WORRY, ADULT_BY_POST, CONCERN_BY_TEXT, COMPLIMENT_REPLY)
    routes = (YOUNG_PERSON, ADVOCATE, ADULT, CONCERN, COMPLIMENT, *variants)
    for route in routes:
        cases += _step_cases(route, seen)  # the variants add only their extra steps
        if route not in variants:
            cases += _end_cases(route)
    cases += [
        Case("young-person/confirmation-safeguarding", _safeguarding, young_person=True),
        Case("help-now", _goto("/help-now", "Get help now")),
        Case("privacy", _goto("/privacy", "How we use your information")),
        Case("accessibility", _goto("/accessibility", "Accessibility statement")),
        Case("not-found", _goto("/no/such-page", "Page not found")),
        Case("session-expired", _session_expired),
    ]
    return cases


CASES = _cases()


LANGUAGES = ["en", "cy", "pl", "ro", "ur", "ar"]


# With pytest-xdist (make test), each language's pages stay together on one worker, in order:
# one browser context walks them, and each step's draft builds on the one before.
@pytest.fixture(
    scope="module",
    params=[
        pytest.param(code, marks=pytest.mark.xdist_group(f"pages-{code}")) for code in LANGUAGES
    ],
)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def axe_context(
    browser: Browser, live_server: LiveServer, language: str
) -> Iterator[BrowserContext]:
    # bypass_csp only here: add_script_tag inserts axe-core as an inline script, which our
    # CSP (script-src 'self' plus a nonce, no 'unsafe-inline') rightly blocks. The journey
    # and exit tests keep the CSP enforced.
    context = open_context(browser, live_server, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def axe_page(axe_context: BrowserContext) -> Page:
    return axe_context.new_page()


@pytest.fixture(scope="module")
def document(axe_page: Page) -> DocumentWatch:
    return DocumentWatch(axe_page)


@pytest.fixture(scope="module")
def drafts(axe_context: BrowserContext, live_server: LiveServer, language: str) -> Drafts:
    made = Drafts(axe_context)
    made.speak(language, live_server)
    return made


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_page_checks(
    axe_page: Page,
    document: DocumentWatch,
    html_checker: HtmlChecker,
    drafts: Drafts,
    language: str,
    case: Case,
) -> None:
    case.open(axe_page, drafts)
    expect(axe_page.locator("html")).to_have_attribute("lang", language)
    if case.young_person:
        expect(axe_page.locator("body")).to_have_class(
            re.compile(r"\bapp-template--young-person\b")
        )
    assert_no_axe_violations(axe_page)
    _assert_no_sideways_scroll_at_320(axe_page)
    assert_valid_html(html_checker, document)
    assert_every_focus_visible(axe_page)


def _assert_no_sideways_scroll_at_320(page: Page) -> None:
    """WCAG 1.4.10 reflow: 320 CSS pixels wide (400% zoom of 1280) needs no sideways scroll."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide at 320px"
    finally:
        if size:
            page.set_viewport_size(size)
