"""A young person checks their complaint in a real browser: they send it, come back later
with their reference and secret words, see "We are looking at it", add information, and,
once we have answered, ask for stage 2. Every page on the way passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from portal.models.types import utcnow
from tests.browser.conftest import LiveServer, assert_no_axe_violations
from tests.browser.test_staff_journey import _complain
from tests.conftest import sign_in
from tests.helpers import FormClient, errors
from tests.helpers import date_fields as _date

pytestmark = pytest.mark.browser


def _checked(page: Page) -> None:
    """The page passes axe-core (its context bypasses the CSP so axe can be injected)."""
    assert_no_axe_violations(page)


def test_a_young_person_follows_their_complaint_to_stage_2(
    new_context, live_server: LiveServer, make_staff
) -> None:
    sending = new_context().new_page()
    reference = _complain(sending, live_server)
    words = sending.locator(".app-secret-words").inner_text().strip()
    assert len(words.split()) == 4
    sending.context.close()

    # Later, on another device: only what they wrote down.
    page = new_context(bypass_csp=True).new_page()
    page.goto("/")
    page.goto("/check")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your complaint")
    _checked(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    _checked(page)
    page.get_by_label("Your reference number").fill(reference)
    page.get_by_label("Your secret words").fill(words)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We are looking at it")
    expect(page.get_by_text(f"Reference {reference}")).to_be_visible()
    _checked(page)

    page.get_by_role("link", name="Add information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add information")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write what you want to add")
    _checked(page)
    page.get_by_label("What do you want to add?").fill("It has happened again this week.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have added this to your complaint"
    )
    _checked(page)

    # The complaints team takes it through stage 1 and answers.
    staff = FormClient(live_server.app.test_client())
    sign_in(staff, make_staff("complaints_officer"))
    today = utcnow().date()
    for action, data in (
        (
            "classify",
            {
                "classification": "statutory_complaint",
                "nature_code": "poor_communication",
                "service_code": "children_in_care",
            },
        ),
        ("acknowledge", _date("on", today)),
        ("statement", {"points": "Social worker keeps changing"}),
        ("respond", {**_date("on", today), "point_1": "not_upheld"}),
    ):
        response = staff.post(f"/staff/case/{reference}/{action}", data)
        assert response.status_code == 302, (action, errors(response))

    page.goto("/check/your-complaint")
    expect(page.get_by_role("heading", level=1)).to_have_text("We have sent you our answer")
    _checked(page)
    page.get_by_role("link", name="Stop your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop your complaint")
    _checked(page)
    page.go_back()
    page.get_by_role("link", name="Ask us to look at it again (stage 2)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask us to look at it again")
    _checked(page)
    page.get_by_label("What are you still unhappy about?").fill("Nobody asked me what I think.")
    page.get_by_role("button", name="Ask us to look again").click()
    expect(page).to_have_url(re.compile(r"/check/your-complaint\?done=next-stage$"))
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        "You asked us to look at your complaint again"
    )
    _checked(page)
    case = staff.get(f"/staff/case/{reference}").get_data(as_text=True)
    assert "asked for stage 2" in case and "Nobody asked me what I think." in case
