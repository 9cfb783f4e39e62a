"""The queue puts what needs attention first, filters, finds by reference and pages by key."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from portal.models import Event, Representation
from portal.models.types import utcnow
from tests import helpers


def _submit(forms, journey, intent, role, pages):
    forms.walk(journey, intent, role, pages)
    forms.post(f"/{journey}/check-answers")
    forms.get("/start-again")


def _references_in_order(html: str, references: list[str]) -> list[str]:
    return sorted(references, key=html.index)


def test_queue_orders_by_urgency_then_age(app, forms, session, staff_client):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "thank-you", "thanks", "adult", helpers.COMPLIMENT)
    young = dict(helpers.YOUNG_PERSON)
    _submit(forms, "young-person", "complain", "young_person", young)
    unsafe = dict(helpers.ADULT)
    unsafe["what-happened"] = {"what_happened": "Her stepfather hits her and she is scared"}
    _submit(forms, "adult", "complain", "adult", unsafe)
    rows = session.scalars(select(Representation).order_by(Representation.id)).all()
    adult, compliment, young_rep, flagged = rows
    html = staff_client.get("/staff/queue").get_data(as_text=True)
    order = _references_in_order(html, [r.reference for r in rows])
    assert order[:2] == [flagged.reference, young_rep.reference]
    assert order[2:] == [adult.reference, compliment.reference], "then oldest first"


def test_queue_filters_and_reference_search(forms, session, staff_client):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "thank-you", "thanks", "adult", helpers.COMPLIMENT)
    complaint, compliment = session.scalars(select(Representation).order_by(Representation.id))
    only_compliments = staff_client.get("/staff/queue?kind=compliment").get_data(as_text=True)
    assert compliment.reference in only_compliments
    assert complaint.reference not in only_compliments
    typed = complaint.reference.lower().replace("-", " ")
    found = staff_client.get(f"/staff/queue?reference={typed}").get_data(as_text=True)
    assert complaint.reference in found and compliment.reference not in found


def test_overdue_and_due_soon_are_marked(forms, session, staff_client):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "thank-you", "thanks", "adult", helpers.COMPLIMENT)
    late, soon = session.scalars(select(Representation).order_by(Representation.id))
    today = utcnow().date()
    session.execute(
        update(Representation)
        .where(Representation.id == late.id)
        .values(next_due_on=today - timedelta(days=3))
    )
    session.execute(
        update(Representation).where(Representation.id == soon.id).values(next_due_on=today)
    )
    session.commit()
    html = staff_client.get("/staff/queue").get_data(as_text=True)
    assert "Overdue" in html and "Due soon" in html
    overdue = staff_client.get("/staff/queue?overdue=1").get_data(as_text=True)
    assert late.reference in overdue and soon.reference not in overdue


def test_pages_follow_on_without_repeats_or_gaps(app, forms, session, staff_client, monkeypatch):
    from portal.triage import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    for _ in range(5):
        _submit(forms, "thank-you", "thanks", "adult", helpers.COMPLIMENT)
    expected = [r.reference for r in session.scalars(select(Representation).order_by("id"))]
    seen: list[str] = []
    url = "/staff/queue"
    while url:
        html = staff_client.get(url).get_data(as_text=True)
        seen += [ref for ref in expected if ref in html]
        next_link = html.split('rel="next"')[0].rsplit('href="', 1)[-1].split('"')[0]
        url = next_link.replace("&amp;", "&") if 'rel="next"' in html else ""
    assert seen == expected


def test_opening_a_case_is_audited_with_who_and_when(forms, session, staff_client):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    rep = session.scalars(select(Representation)).one()
    page = staff_client.get(f"/staff/case/{rep.reference}")
    assert page.status_code == 200
    assert "Nobody returned my calls" in page.get_data(as_text=True)
    session.rollback()  # end this session's read snapshot to see the new event
    opened = session.scalars(select(Event).where(Event.action == "opened")).one()
    assert opened.actor == f"staff:{staff_client.staff.id}"


def test_queue_filters_by_route_and_by_who_it_is_assigned_to(
    forms, session, staff_client, make_staff
):
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    _submit(forms, "adult", "complain", "adult", helpers.ADULT)
    first, second = session.scalars(select(Representation).order_by(Representation.id))
    responder = make_staff("responding_manager", team_code="fostering")
    staff_client.post(
        f"/staff/case/{first.reference}/classify",
        {"classification": "corporate_complaint", "nature_code": "delay", "service_code": "send"},
    )
    staff_client.post(
        f"/staff/case/{first.reference}/assign",
        {"team_code": "fostering", "assignee_id": str(responder.id)},
    )
    corporate = staff_client.get("/staff/queue?route=corporate").get_data(as_text=True)
    assert first.reference in corporate and second.reference not in corporate
    mine = staff_client.get(f"/staff/queue?assigned_to={responder.id}").get_data(as_text=True)
    assert first.reference in mine and second.reference not in mine
