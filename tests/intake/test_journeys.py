"""Every public journey reaches its confirmation and stores what the person told us."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.references import normalise_reference
from portal.models import Event, Representation
from tests import helpers
from tests.helpers import FormClient


def _submit(forms: FormClient, journey: str) -> str:
    """Send the draft from check-answers; return the confirmation page's HTML."""
    response = forms.post(f"/{journey}/check-answers")
    assert response.status_code == 302
    assert response.location == f"/{journey}/confirmation"
    page = forms.get(response.location)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _reference(html: str) -> str:
    found = re.search(r'class="app-reference">([^<]+)<', html)
    assert found
    return found.group(1)


def _only(session: Session) -> Representation:
    rows = session.scalars(select(Representation)).all()
    assert len(rows) == 1
    return rows[0]


def test_young_person_complaint_is_stored_with_a_private_reference(forms, session):
    forms.walk("young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    html = _submit(forms, "young-person")
    rep = _only(session)
    assert _reference(html) == rep.reference
    assert normalise_reference(rep.reference) == rep.reference
    assert (rep.kind, rep.journey, rep.method) == (
        "complaint",
        "young-person",
        "young_persons_form",
    )
    assert rep.submitter_role == "young_person" and rep.young_person
    assert rep.wants_advocate is True
    person = rep.person("submitter")
    assert person is not None and person.first_name == "Sam"
    assert person.contact_routes == ["text"] and person.mobile == "07700 900 982"
    assert "We will look at what you told us and get in touch by" in html
    assert "advocate" in html


def test_advocate_complaint_records_both_people_and_the_instruction(forms, session):
    forms.walk("advocate", "complain", "advocate", helpers.ADVOCATE)
    _submit(forms, "advocate")
    rep = _only(session)
    assert rep.submitter_role == "advocate" and rep.young_person
    assert rep.young_person_asked_advocate is True
    assert rep.may_contact_child_directly is False
    advocate, child = rep.person("advocate"), rep.person("child")
    assert advocate is not None and advocate.organisation == "Voices Advocacy"
    assert child is not None and str(child.date_of_birth) == "2011-05-04"


def test_adult_complaint_keeps_relationship_outcomes_and_contact(forms, session):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "adult")
    rep = _only(session)
    assert rep.submitter_role == "grandparent"
    assert [c.code for c in rep.outcomes_sought] == ["something_else"]
    assert rep.outcome_wanted == "A call back."
    submitter = rep.person("submitter")
    assert submitter is not None
    assert submitter.parental_responsibility == "no"
    assert submitter.email == "pat@example.com" and submitter.phone is None
    assert str(rep.happened_on) == "2026-03-03" and rep.service_code == "not_sure"


def test_concern_needing_action_today_is_a_possible_case_concern(forms, session):
    forms.walk("worry", "worry", "adult", helpers.CONCERN)
    html = _submit(forms, "worry")
    rep = _only(session)
    assert rep.kind == "concern" and rep.possible_case_concern
    assert "needs sorting out today" in html


def test_compliment_is_stored_with_consent_to_share(forms, session):
    forms.walk("thank-you", "thanks", "adult", helpers.COMPLIMENT)
    html = _submit(forms, "thank-you")
    rep = _only(session)
    assert rep.kind == "compliment" and rep.may_share_with_team is True
    assert rep.what_happened.endswith("🙏")
    assert "We will pass on your message by" in html


def test_submission_writes_the_first_audit_event(forms, session):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "adult")
    events = session.scalars(select(Event)).all()
    assert [(e.action, e.actor, e.to_status) for e in events] == [("received", "public", "new")]


def test_young_person_worry_asks_whether_it_needs_sorting_today(forms, session):
    pages = dict(helpers.YOUNG_PERSON)
    pages.pop("what-happened")
    pages = {
        **{k: pages[k] for k in ("before-you-start", "name", "age")},
        "your-worry": {"what_happened": "I have no money for the bus to school."},
        "today": {"needs_action_today": "yes"},
        **{
            k: pages[k]
            for k in (
                "when",
                "who",
                "make-it-better",
                "advocate",
                "contact",
                "contact-safety",
                "advocate-consent",
            )
        },
    }
    forms.walk("young-person", "worry", "young_person", pages)
    _submit(forms, "young-person")
    rep = _only(session)
    assert rep.kind == "concern" and rep.possible_case_concern and rep.young_person
