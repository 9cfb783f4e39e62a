"""A contact restriction shows on every case of the person it applies to; a young person's
case warns when they will soon be too old for the service."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.models import Person, Representation
from portal.models.types import utcnow
from portal.triage.ages import age_warning
from tests import helpers
from tests.conftest import sign_in
from tests.helpers import FormClient, errors, page_text


def _send_adult(forms, email: str) -> None:
    pages = dict(helpers.ADULT)
    pages["contact-email"] = {"email": email}
    forms.walk("adult", "complain", "adult", pages)
    forms.post("/adult/check-answers")
    forms.get("/start-again")


def test_a_restriction_shows_on_all_the_persons_cases_until_lifted(app, forms, session, make_staff):
    _send_adult(forms, "pat@example.com")
    _send_adult(forms, "PAT@example.com")
    _send_adult(forms, "someone.else@example.com")
    first, second, other = session.scalars(select(Representation).order_by("id"))
    manager = FormClient(app.test_client())
    sign_in(manager, make_staff("complaints_manager"))
    review = utcnow().date() + timedelta(days=90)
    url = f"/staff/case/{first.reference}/restrict-contact"
    missing = manager.post(url, {"reason": ""})
    assert "Give the reason" in errors(missing)[0]
    saved = manager.post(
        url,
        {
            "reason": "Forty calls a day; decision of 1 Nov.",
            "review_on-day": str(review.day),
            "review_on-month": str(review.month),
            "review_on-year": str(review.year),
        },
    )
    assert saved.status_code == 302, errors(saved)
    warning = "restricted under the unreasonable contact policy"
    assert warning in page_text(manager.get(f"/staff/case/{second.reference}"))
    assert warning not in page_text(manager.get(f"/staff/case/{other.reference}"))
    manager.post(f"/staff/case/{second.reference}/lift-restriction", {})
    assert warning not in page_text(manager.get(f"/staff/case/{first.reference}"))
    assert "contact restriction lifted" in page_text(manager.get(f"/staff/case/{second.reference}"))


def test_only_managers_restrict_contact(staff_client, forms, session):
    _send_adult(forms, "pat@example.com")
    rep = session.scalars(select(Representation)).one()
    assert staff_client.get(f"/staff/case/{rep.reference}/restrict-contact").status_code == 403


def _young(received: date, born: date | None = None, age: int | None = None) -> Representation:
    rep = Representation(young_person=True, received_on=received, service_code="fostering")
    rep.people = [Person(part="submitter", date_of_birth=born, age_given=age)]
    return rep


def test_a_young_person_soon_eighteen_is_flagged():
    today = date(2026, 11, 24)
    warning = age_warning(_young(today, born=date(2009, 3, 1)), today)
    assert warning is not None and (warning.turns, warning.on) == (18, date(2027, 3, 1))
    assert age_warning(_young(today, born=date(2012, 3, 1)), today) is None


def test_an_age_given_instead_of_a_birth_date_gives_an_estimated_warning():
    today = date(2026, 11, 24)
    warning = age_warning(_young(today, age=17), today)
    assert warning is not None and warning.estimated
    assert age_warning(_young(today, age=12), today) is None


def test_leaving_care_support_runs_to_twenty_five():
    today = date(2026, 11, 24)
    rep = _young(today, born=date(2002, 1, 10))
    rep.service_code = "leaving_care"
    warning = age_warning(rep, today)
    assert warning is not None and warning.turns == 25
