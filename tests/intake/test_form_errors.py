"""Every question page answers a bad or empty submission with a GOV.UK error summary, keeps
what was typed, and never fails with a server error."""

from __future__ import annotations

import pytest

from portal.intake.journeys import JOURNEYS, START
from tests.helpers import FormClient, errors, open_step, page_text

ROUTES = {
    "young-person": ("complain", "young_person"),
    "advocate": ("complain", "advocate"),
    "adult": ("complain", "adult"),
    "worry": ("worry", "adult"),
    "thank-you": ("thanks", "adult"),
}

# Pages whose every question is optional: an empty submission moves on.
OPTIONAL_PAGES = {
    ("young-person", "before-you-start"),
    ("young-person", "age"),
    ("young-person", "when"),
    ("young-person", "make-it-better"),
    ("advocate", "when"),
    ("adult", "help"),
}


def _begin(forms: FormClient, journey: str, intent: str | None = None) -> None:
    default_intent, role = ROUTES[journey]
    forms.post("/start/what", {"intent": intent or default_intent})
    forms.post("/start/who", {"role": role})


def _pages() -> list[tuple[str, str]]:
    pages = []
    for name, journey in JOURNEYS.items():
        if journey is START:
            continue
        pages += [(name, step.name) for step in journey.steps]
    return pages


@pytest.mark.parametrize(("journey", "step"), _pages())
def test_empty_submission_is_explained_or_allowed(forms, journey, step):
    open_step(forms, journey, step)
    response = forms.post(f"/{journey}/{step}", {})
    if (journey, step) in OPTIONAL_PAGES:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    messages = errors(response)
    assert messages, "an empty required page must show an error summary"
    assert "<title>Error:" in response.get_data(as_text=True)
    text = page_text(response)
    for message in messages:
        assert text.count(message) >= 2, "each summary message repeats beside its field"


CASES = [
    # journey, step, data posted, message expected, fragments of the page that keep the typing
    ("start", "what", {"intent": "'; DROP TABLE representation; --"}, "Select what you", []),
    ("young-person", "age", {"age": "twelve"}, "Enter your age as a number", ['value="twelve"']),
    ("young-person", "age", {"age": "130"}, "Enter your age as a number", ['value="130"']),
    (
        "young-person",
        "contact",
        {"contact_routes": ["email"], "email": "sam@"},
        "Enter an email address in the correct format",
        ['value="sam@"', 'value="email" checked'],
    ),
    (
        "young-person",
        "contact",
        {"contact_routes": ["email", "none"], "email": "sam@example.com"},
        "but not both",
        ['value="sam@example.com"'],
    ),
    ("young-person", "contact", {"contact_routes": ["text"]}, "Tell us your mobile", []),
    ("young-person", "who", {"who_involved": ""}, "or tick I don't know", []),
    (
        "adult",
        "when",
        {"happened_on-day": "31", "happened_on-month": "2", "happened_on-year": "2025"},
        "Enter a real date",
        ['value="31"', 'value="2025"'],
    ),
    (
        "adult",
        "when",
        {"happened_on-day": "1", "happened_on-month": "", "happened_on-year": "2025"},
        "The date must include a month",
        ['value="2025"'],
    ),
    (
        "adult",
        "when",
        {"happened_on-day": "1", "happened_on-month": "1", "happened_on-year": "2999"},
        "today or in the past",
        ['value="2999"'],
    ),
    ("adult", "when", {"happened_on": "2025-01-01"}, "Enter the date it happened", []),
    ("adult", "contact-address", {"address": ""}, "Enter your address", []),
    ("adult", "contact-phone", {"phone": "call me"}, "Enter a phone number", ['value="call me"']),
    (
        "adult",
        "contact-email",
        {"email": "pat@example"},
        "Enter an email address in the correct format",
        ['value="pat@example"'],
    ),
    (
        "adult",
        "outcomes",
        {"outcomes_sought": ["apology", "something_else"]},
        "Enter what else you would like to happen",
        ['value="apology" checked'],
    ),
    ("adult", "service", {"service": "no_such_team"}, "Select the service or team", []),
    (
        "adult",
        "what-happened",
        {"what_happened": "Too long. " + "x" * 5000},
        "5000 characters or less",
        ["Too long. xxxx"],
    ),
    ("advocate", "asked", {}, "Confirm that the young person asked you", []),
    (
        "thank-you",
        "reply-details",
        {"first_name": "Al"},
        "Enter your email address",
        ['value="Al"'],
    ),
]


@pytest.mark.parametrize(("journey", "step", "data", "message", "kept"), CASES)
def test_bad_answers_get_a_clear_message_and_keep_what_was_typed(
    forms, journey, step, data, message, kept
):
    if journey != "start":
        open_step(forms, journey, step)
    response = forms.post(f"/{journey}/{step}", data)
    assert response.status_code == 200
    assert any(message in m for m in errors(response)), errors(response)
    html = response.get_data(as_text=True)
    for fragment in kept:
        assert fragment in html


def test_date_error_links_to_the_part_that_is_missing(forms):
    _begin(forms, "adult")
    response = forms.post(
        "/adult/when", {"happened_on-day": "1", "happened_on-month": "", "happened_on-year": "2025"}
    )
    html = response.get_data(as_text=True)
    assert 'href="#happened_on-month"' in html


def test_a_page_posted_without_a_csrf_token_is_refused_kindly(client):
    response = client.post("/start/what", data={"intent": "complain"})
    assert response.status_code == 400
    assert "this page timed out" in response.get_data(as_text=True)
