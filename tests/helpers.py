"""Test helpers: a client that fills in forms as a browser would (CSRF token included),
and the answers that walk each public journey to its end."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


@dataclass
class FormClient:
    client: FlaskClient

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        return self.client.get(url, **kwargs)

    def csrf_token(self, url: str) -> str:
        page = self.client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        found = CSRF.search(page.get_data(as_text=True))
        assert found, f"no CSRF token on {url}"
        return found.group(1)

    def post(
        self, url: str, data: dict[str, Any] | None = None, from_page: str | None = None
    ) -> TestResponse:
        """Load the page (``url``, or ``from_page`` when the form lives on another page),
        then post its form with the page's CSRF token."""
        form = dict(data or {})
        form["csrf_token"] = self.csrf_token(from_page or url)
        return self.client.post(url, data=form)

    def walk(self, journey: str, intent: str, role: str, pages: dict[str, dict[str, Any]]) -> str:
        """Answer the start questions and every page given; return the check-answers URL."""
        assert self.post("/start/what", {"intent": intent}).status_code == 302
        response = self.post("/start/who", {"role": role})
        assert response.location == f"/{journey}/{next(iter(pages))}", response.location
        for step, answers in pages.items():
            url = f"/{journey}/{step}"
            response = self.post(url, answers)
            assert response.status_code == 302, (url, errors(response))
        assert response.location == f"/{journey}/check-answers", response.location
        return response.location


def date_fields(prefix: str, day: date) -> dict[str, str]:
    """A GOV.UK date input's three boxes, filled in with ``day``."""
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def errors(response: TestResponse) -> list[str]:
    """The messages in a page's error summary."""
    text = response.get_data(as_text=True)
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', text, re.S)
    if not summary:
        return []
    found = re.findall(r"<a [^>]*>(.*?)</a>", summary.group(1), re.S)
    return [html.unescape(m.strip()) for m in found]


def page_text(response: TestResponse) -> str:
    """The page as a person reads it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


YOUNG_PERSON = {
    "before-you-start": {},
    "name": {"first_name": "Sam", "last_name": ""},
    "age": {"age": "12"},
    "what-happened": {"what_happened": "My social worker keeps changing and nobody tells me."},
    "when": {"when_happened": "last week"},
    "who": {"who_involved": "", "who_unknown": "yes"},
    "make-it-better": {"outcome_wanted": "One social worker who stays."},
    "advocate": {"wants_advocate": "yes"},
    "contact": {"contact_routes": ["text"], "mobile": "07700 900 982"},
    "contact-safety": {"unsafe": ["none"]},
    "advocate-consent": {"advocacy_consent": "yes"},
}

ADVOCATE = {
    "your-details": {
        "first_name": "Ada",
        "last_name": "Advocate",
        "organisation": "Voices Advocacy",
        "email": "ada@example.org",
        "phone": "",
    },
    "young-person": {
        "child_first_name": "Jo",
        "child_last_name": "Bloggs",
        "child_date_of_birth-day": "4",
        "child_date_of_birth-month": "5",
        "child_date_of_birth-year": "2011",
    },
    "asked": {"young_person_asked": "yes"},
    "what-happened": {"what_happened": "Jo was moved placement without being told why."},
    "when": {"when_happened": "September"},
    "outcome": {"outcome_wanted": "An explanation and a say in future moves."},
    "contact-young-person": {"may_contact_child_directly": "no"},
}

ADULT = {
    "relationship": {"relationship": "grandparent"},
    "parental-responsibility": {"parental_responsibility": "no"},
    "child": {
        "child_first_name": "Lee",
        "child_last_name": "Smith",
        "child_date_of_birth-day": "1",
        "child_date_of_birth-month": "2",
        "child_date_of_birth-year": "2015",
    },
    "service": {"service": "not_sure"},
    "what-happened": {"what_happened": "Nobody returned my calls about contact arrangements."},
    "when": {"happened_on-day": "3", "happened_on-month": "3", "happened_on-year": "2026"},
    "outcomes": {"outcomes_sought": ["something_else"], "other_outcome": "A call back."},
    "your-name": {"first_name": "Pat", "last_name": "Smith"},
    "contact": {"preferred_contact": "email"},
    "contact-email": {"email": "pat@example.com"},
    "contact-safety": {"unsafe": ["none"]},
    "help": {"interpreter_language": "", "adjustments": ""},
    "equality": {"equality": "no"},
}

CONCERN = {
    "relationship": {"relationship": "foster_carer"},
    "child": {"child_first_name": "Max", "child_last_name": ""},
    "service": {"service": "not_sure"},
    "your-worry": {"what_happened": "Max's school transport did not come today."},
    "today": {"needs_action_today": "yes"},
    "your-name": {"first_name": "Chris", "last_name": "Carer"},
    "contact": {"preferred_contact": "phone"},
    "contact-phone": {"phone": "01632 960 001"},
    "contact-safety": {"unsafe": ["none"]},
}

COMPLIMENT = {
    "who": {"team_named": "Dana in the fostering team"},
    "what-went-well": {"what_happened": "Dana listened and sorted things out quickly. 🙏"},
    "relationship": {"relationship": "foster_carer"},
    "share": {"may_share_with_team": "yes"},
    "reply": {"wants_reply": "no"},
}


# Pages shown only after a particular answer: what to answer first to reach them.
SHOWN_AFTER = {
    "contact-email": ("contact", {"preferred_contact": "email"}),
    "contact-phone": ("contact", {"preferred_contact": "phone"}),
    "contact-mobile": ("contact", {"preferred_contact": "text"}),
    "contact-address": ("contact", {"preferred_contact": "post"}),
    "reply-details": ("reply", {"wants_reply": "email"}),
    "age": ("equality", {"equality": "yes"}),
    "gender": ("equality", {"equality": "yes"}),
    "ethnicity": ("equality", {"equality": "yes"}),
    "disability": ("equality", {"equality": "yes"}),
    "contact-safety": ("contact", {"preferred_contact": "email"}),
}
# Pages that depend on earlier answers in one journey only: every answer they need.
SHOWN_AFTER_IN = {
    ("young-person", "contact-safety"): [
        ("contact", {"contact_routes": ["text"], "mobile": "07700 900 982"})
    ],
    ("young-person", "advocate-consent"): [
        ("advocate", {"wants_advocate": "yes"}),
        ("contact", {"contact_routes": ["text"], "mobile": "07700 900 982"}),
    ],
}
ROLES = {
    "young-person": "young_person",
    "advocate": "advocate",
    "adult": "adult",
    "worry": "adult",
    "thank-you": "adult",
}
WORRY_ONLY = {"today", "your-worry"}


def open_step(forms: FormClient, journey: str, step: str) -> None:
    """Answer what is needed for ``step`` of ``journey`` to be shown."""
    intent = {"worry": "worry", "thank-you": "thanks"}.get(journey, "complain")
    if step in WORRY_ONLY:
        intent = "worry"
    forms.post("/start/what", {"intent": intent})
    forms.post("/start/who", {"role": ROLES[journey]})
    if (journey, step) in SHOWN_AFTER_IN:
        for earlier, answers in SHOWN_AFTER_IN[(journey, step)]:
            forms.post(f"/{journey}/{earlier}", answers)
    elif step in SHOWN_AFTER and not (journey == "young-person" and step == "age"):
        earlier, answers = SHOWN_AFTER[step]
        forms.post(f"/{journey}/{earlier}", answers)
