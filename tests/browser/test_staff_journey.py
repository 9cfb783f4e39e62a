"""A complaint from the young person who makes it to the officer who closes it, in a real
browser: with a mouse (JavaScript on, the CSP enforced, no console errors) through every
stage, and by keyboard alone (JavaScript off) from sign-in to classification."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, expect

from portal.accounts import totp
from portal.models.types import utcnow
from tests import helpers
from tests.browser.conftest import (
    LiveServer,
    backdate,
    choose_option,
    choose_radio,
    newest_reference,
    tab_to,
)
from tests.browser.journeys import YOUNG_PERSON, Choose, Fill, Tick

pytestmark = pytest.mark.browser

POINTS = ("Social worker keeps changing", "Not told why")
ACTIONS = (
    ("Write to the young person when a worker changes", "Team manager", 30),
    ("Add worker changes to the team briefing", "Service manager", 45),
)
STEPS = [
    "received",
    "classified",
    "acknowledged",
    "statement agreed",
    "assigned",
    "stage 1 response",
    "escalated to stage 2",
    "stage 2 response",
    "closed",
]


def _watch(page: Page, problems: list[str]) -> Page:
    """Collect console errors (a CSP violation, a GOV.UK Frontend start-up error) and
    uncaught exceptions from ``page``."""

    def _console(message: ConsoleMessage) -> None:
        if message.type == "error" or "GOVUKFrontendError" in message.text:
            problems.append(f"{page.url}: {message.text}")

    page.on("console", _console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return page


def _complain(page: Page, server: LiveServer) -> str:
    """The young person's complaint through the public pages; its reference."""
    page.goto("/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.get_by_role("button", name="Start now").click()
    page.get_by_label(YOUNG_PERSON.intent_label, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(YOUNG_PERSON.role_label, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    for step, actions in YOUNG_PERSON.pages.items():
        expect(page).to_have_url(server.url(f"/young-person/{step}"))
        for action in actions:
            control = page.get_by_label(action.label, exact=True)
            if isinstance(action, Fill):
                control.fill(action.value)
            elif isinstance(action, Choose | Tick):
                control.check()
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(server.url("/young-person/check-answers"))
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have got your message")
    reference = page.locator(".app-reference").inner_text().strip()
    assert server.stored(reference) == 1
    return reference


def _fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _save(page: Page, server: LiveServer, reference: str, button: str = "Save") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(server.url(f"/staff/case/{reference}?done="))))
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)


def _step(page: Page, title: str) -> None:
    """Follow one of the case's step links to its page."""
    page.locator(".app-actions").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _summary_value(page: Page, key: str) -> Locator:
    """The value beside ``key`` in the case's summary lists."""
    key_cell = page.locator(".govuk-summary-list__key").get_by_text(key, exact=True)
    return page.locator(".govuk-summary-list__row").filter(has=key_cell).locator("dd")


def test_a_complaint_from_the_young_person_to_closure_with_a_mouse(
    new_context, live_server: LiveServer, make_staff
) -> None:
    problems: list[str] = []
    context: BrowserContext = new_context()
    young_person = _watch(context.new_page(), problems)
    reference = _complain(young_person, live_server)
    received = backdate(live_server, reference, 90)
    today = utcnow().date()
    officer = make_staff("complaints_officer")
    responder = make_staff("responding_manager", team_code="children_in_care")

    # The officer signs in with a password, then a one-time code (in their own browser).
    page = _watch(new_context().new_page(), problems)
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(officer.password)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_server.url("/staff/sign-in/code"))
    page.get_by_label("Code from your authenticator app").fill(
        totp.code_for(officer.totp_secret, utcnow())
    )
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url("/staff/queue"))

    # The queue: find the case by its reference and open it.
    page.get_by_label("Reference").fill(reference)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table")).to_contain_text(reference)
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)

    # Classify: a statutory complaint, with its nature and service.
    page.get_by_role("button", name="Classify").click()
    page.get_by_label("Statutory complaint", exact=True).check()
    page.get_by_label("If a complaint: its nature").select_option(label="Poor communication")
    page.get_by_label("Service or team (complaints and compliments)").select_option(
        label="Children in care"
    )
    page.get_by_role("button", name="Save classification").click()
    expect(page.get_by_text("Classification saved.")).to_be_visible()
    expect(page.get_by_text("Classified as: Statutory complaint")).to_be_visible()

    _step(page, "Acknowledge")
    _fill_date(page, "Date", received + timedelta(days=2))
    _save(page, live_server, reference)
    expect(_summary_value(page, "Acknowledged")).to_have_text(
        f"{(received + timedelta(days=2)).day} {(received + timedelta(days=2)):%B %Y}"
    )

    _step(page, "Agree the statement of complaint")
    page.get_by_label("Points of complaint").fill("\n".join(POINTS))
    _save(page, live_server, reference)
    expect(page.locator("ol.govuk-list--number > li")).to_have_text(list(POINTS))

    _step(page, "Assign")
    page.get_by_label("Team").select_option(label="Children in care")
    page.get_by_label("Responding manager (optional)").select_option(label=responder.display_name)
    _save(page, live_server, reference)
    expect(_summary_value(page, "Assigned to")).to_contain_text(responder.display_name)

    # Stage 1 response: point 1 upheld, point 2 not (so partially upheld), two actions.
    _step(page, "Record the response")
    _fill_date(page, "Date of the response", received + timedelta(days=14))
    page.get_by_role("group", name=f"Point 1: {POINTS[0]}").get_by_label(
        "Upheld", exact=True
    ).check()
    page.get_by_role("group", name=f"Point 2: {POINTS[1]}").get_by_label(
        "Not upheld", exact=True
    ).check()
    for number, (text, owner, days) in enumerate(ACTIONS, 1):
        page.get_by_label(f"Action {number} (optional)").fill(text)
        page.get_by_label(f"Who will do action {number}").fill(owner)
        _fill_date(page, f"By when (action {number})", today + timedelta(days=days))
    _save(page, live_server, reference)
    expect(_summary_value(page, "Response")).to_contain_text("partially upheld")

    _step(page, "Escalate to the next stage")
    _fill_date(page, "Date the person asked for the next stage", received + timedelta(days=20))
    page.get_by_label("Investigating officer (stage 2)").fill("I. Officer")
    page.get_by_label("Independent person (stage 2)").fill("N. Dependent")
    _save(page, live_server, reference)
    expect(page.get_by_role("heading", name="Stage 2 (statutory)")).to_be_visible()

    _step(page, "Record the response")
    _fill_date(page, "Date of the response", received + timedelta(days=40))
    for number, point in enumerate(POINTS, 1):
        page.get_by_role("group", name=f"Point {number}: {point}").get_by_label(
            "Upheld", exact=True
        ).check()
    _save(page, live_server, reference)

    _step(page, "Close the case")
    _save(page, live_server, reference, button="Close the case")

    # Every step is on the timeline (newest first), and nothing else but page views.
    expect(page.locator(".govuk-tag", has_text=re.compile(r"^\s*closed\s*$"))).to_be_visible()
    shown = page.locator(".app-timeline__item > strong").all_inner_texts()
    assert [step for step in reversed(shown) if step != "opened"] == STEPS
    # Stage 1's outcome per point, and both its actions.
    points = page.locator("ol.govuk-list--number > li")
    expect(points.nth(0)).to_contain_text("stage 1: upheld")
    expect(points.nth(1)).to_contain_text("stage 1: not upheld")
    heading = page.get_by_role("heading", name="Actions from stage 1")
    expect(heading).to_be_visible()
    listed = page.locator("h3:has-text('Actions from stage 1') + ul > li")
    expect(listed).to_have_count(2)
    for index, (text, owner, days) in enumerate(ACTIONS):
        due = today + timedelta(days=days)
        expect(listed.nth(index)).to_contain_text(
            f"{text} \N{EN DASH} {owner}, by {due.day} {due:%B %Y}"
        )
    assert problems == []


def test_signing_in_and_classifying_by_keyboard_without_javascript(
    nojs_page: Page, live_server: LiveServer, make_staff, forms
) -> None:
    page = nojs_page
    forms.walk("young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    forms.post("/young-person/check-answers")
    reference = newest_reference(live_server)
    officer = make_staff("complaints_officer")

    page.goto("/staff/sign-in")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    tab_to(page, page.get_by_label("Email address"), check_focus_visible=True)
    page.keyboard.type(officer.email)
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(officer.password)
    tab_to(page, page.get_by_role("button", name="Continue"), check_focus_visible=True)
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url("/staff/sign-in/code"))
    tab_to(page, page.get_by_label("Code from your authenticator app"))
    page.keyboard.type(totp.code_for(officer.totp_secret, utcnow()))
    tab_to(page, page.get_by_role("button", name="Sign in"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url("/staff/queue"))
    tab_to(page, page.get_by_role("link", name=reference), check_focus_visible=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    tab_to(page, page.get_by_role("button", name="Classify"))  # a link styled as a button
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url(f"/staff/case/{reference}/classify"))
    statutory = page.get_by_label("Statutory complaint", exact=True)
    choose_radio(page, statutory, check_focus_visible=True)
    choose_option(
        page,
        page.get_by_label("If a complaint: its nature"),
        "Poor communication",
        check_focus_visible=True,
    )
    choose_option(
        page, page.get_by_label("Service or team (complaints and compliments)"), "Children in care"
    )
    tab_to(page, page.get_by_role("button", name="Save classification"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url(f"/staff/case/{reference}?done=classified"))
    expect(page.get_by_text("Classification saved.")).to_be_visible()
    expect(page.get_by_text("Classified as: Statutory complaint")).to_be_visible()
    # Signing out is a button in the header: reachable and usable by keyboard too.
    tab_to(page, page.get_by_role("button", name="Sign out"), check_focus_visible=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url("/staff/sign-in?signed_out=1"))
