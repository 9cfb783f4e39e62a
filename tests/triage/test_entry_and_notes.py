"""Staff log what arrives by email, letter, phone or in person; add notes; managers read
the audit log of who did and opened what."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from portal.models import Event, Representation
from portal.models.types import utcnow
from tests.conftest import sign_in
from tests.helpers import FormClient, errors, page_text

PHONE_CALL = {
    "intent": "complain",
    "method": "telephone",
    "role": "grandparent",
    "first_name": "Gwen",
    "parental_responsibility": "no",
    "child_first_name": "Alfie",
    "contact_routes": ["phone"],
    "phone": "01632 960 123",
    "service": "fostering",
    "what_happened": "Called to say her grandson's placement moved without notice.",
    "wants_advocate": "not_sure",
    "needs_action_today": "no",
}


def _received(day) -> dict[str, str]:
    return {
        "received_on-day": str(day.day),
        "received_on-month": str(day.month),
        "received_on-year": str(day.year),
    }


def test_a_phone_complaint_is_logged_with_its_method_and_past_date(staff_client, session):
    last_week = utcnow().date() - timedelta(days=7)
    response = staff_client.post("/staff/log", {**PHONE_CALL, **_received(last_week)})
    assert response.status_code == 302, errors(response)
    rep = session.scalars(select(Representation)).one()
    assert (rep.method, rep.received_on, rep.submitter_role) == (
        "telephone",
        last_week,
        "grandparent",
    )
    assert rep.person("child").first_name == "Alfie"
    event = session.scalars(select(Event)).one()
    assert event.actor == f"staff:{staff_client.staff.id}" and event.action == "received"


def test_logging_twice_from_the_same_page_records_it_once(staff_client, session):
    page = staff_client.get("/staff/log").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)
    key = re.search(r'name="entry_key" type="hidden" value="([^"]+)"', page).group(1)
    data = {**PHONE_CALL, **_received(utcnow().date()), "csrf_token": token, "entry_key": key}
    first = staff_client.client.post("/staff/log", data=data)
    second = staff_client.client.post("/staff/log", data=data)
    assert first.location == second.location
    assert session.scalar(select(func.count(Representation.id))) == 1


def test_the_log_form_explains_what_is_missing_and_keeps_the_rest(staff_client):
    response = staff_client.post(
        "/staff/log", {"first_name": "Gwen", **_received(utcnow().date() + timedelta(3))}
    )
    messages = errors(response)
    assert "Select what it is" in messages and "Enter what they told us" in messages
    assert 'value="Gwen"' in response.get_data(as_text=True)


def test_notes_appear_on_the_timeline(staff_client, session):
    staff_client.post("/staff/log", {**PHONE_CALL, **_received(utcnow().date())})
    rep = session.scalars(select(Representation)).one()
    note = staff_client.post(
        f"/staff/case/{rep.reference}/note", {"text": "Rang back, left a message."}
    )
    assert note.status_code == 302
    assert "Rang back, left a message." in page_text(staff_client.get(note.location))


def test_managers_see_who_opened_a_case_in_the_audit_log(app, staff_client, session, make_staff):
    staff_client.post("/staff/log", {**PHONE_CALL, **_received(utcnow().date())})
    rep = session.scalars(select(Representation)).one()
    staff_client.get(f"/staff/case/{rep.reference}")
    manager = FormClient(app.test_client())
    sign_in(manager, make_staff("complaints_manager"))
    log = page_text(manager.get(f"/staff/audit?reference={rep.reference}"))
    assert "opened" in log and staff_client.staff.display_name in log
