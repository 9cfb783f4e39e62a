"""A complaint through its stages, page by page: acknowledge, statement, assign, respond
(partially upheld, two actions), escalate to stage 2, respond, and close once the person's
time to escalate has passed. The timeline shows every step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.models import Event, Representation
from portal.models.types import utcnow
from tests import helpers
from tests.helpers import date_fields as _date
from tests.helpers import errors, page_text

STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": "children_in_care",
}


@pytest.fixture
def rep(forms, session) -> Representation:
    """A young person's complaint that arrived 90 days ago (so its windows can pass)."""
    forms.walk("young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    forms.post("/young-person/check-answers")
    received = utcnow() - timedelta(days=90)
    session.execute(
        update(Representation).values(received_at=received, received_on=received.date())
    )
    session.commit()
    return session.scalars(select(Representation)).one()


def _act(browser, rep, action, data):
    response = browser.post(f"/staff/case/{rep.reference}/{action}", data)
    assert response.status_code == 302, (action, errors(response))
    return response


def test_a_complaint_goes_through_its_stages_to_closure(staff_client, session, rep, make_staff):
    today = utcnow().date()
    start = rep.received_on
    responder = make_staff("responding_manager", team_code="children_in_care")
    _act(staff_client, rep, "classify", STATUTORY)
    _act(staff_client, rep, "acknowledge", _date("on", start + timedelta(days=2)))
    _act(staff_client, rep, "statement", {"points": "Social worker keeps changing\nNot told why"})
    _act(
        staff_client,
        rep,
        "assign",
        {"team_code": "children_in_care", "assignee_id": str(responder.id)},
    )
    response = {
        **_date("on", start + timedelta(days=14)),
        "point_1": "upheld",
        "point_2": "not_upheld",
        "actual_outcomes": ["apology", "change_of_worker"],
        "learning": "Tell young people when their worker changes.",
        "action1_text": "Write to the young person when a worker changes",
        "action1_owner": "Team manager",
        **_date("action1_due", today + timedelta(days=30)),
        "action2_text": "Add worker changes to the team briefing",
        "action2_owner": "Service manager",
    }
    _act(staff_client, rep, "respond", response)
    _act(
        staff_client,
        rep,
        "escalate",
        {
            **_date("requested_on", start + timedelta(days=20)),
            "investigating_officer": "I. Officer",
            "independent_person": "N. Dependent",
        },
    )
    _act(
        staff_client,
        rep,
        "respond",
        {
            **_date("on", start + timedelta(days=40)),
            "point_1": "upheld",
            "point_2": "upheld",
        },
    )
    _act(staff_client, rep, "close", {})

    session.rollback()
    session.expire_all()
    rep = session.get(Representation, rep.id)
    assert rep.status == "closed" and rep.closed_on == today
    first, second = rep.stages
    assert first.outcome == "partially_upheld" and len(first.actions) == 2
    assert sorted(c.code for c in first.actual_outcomes) == ["apology", "change_of_worker"]
    assert second.outcome == "upheld" and second.investigating_officer == "I. Officer"
    assert rep.assigned_staff_id == responder.id
    actions = [
        e.action for e in session.scalars(select(Event).order_by(Event.id)) if e.action != "opened"
    ]
    assert actions == [
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
    timeline = page_text(staff_client.get(f"/staff/case/{rep.reference}"))
    for action in actions:
        assert action in timeline
    assert "Stage 1: answered" in timeline and "partially upheld" in timeline
    assert "opened" not in timeline, "page views belong in the audit log"
    done = staff_client.post(
        f"/staff/case/{rep.reference}/actions/{first.actions[0].id}/done",
        from_page=f"/staff/case/{rep.reference}",
    )
    assert done.status_code == 302
    session.rollback()
    session.expire_all()
    assert session.get(Representation, rep.id).stages[0].actions[0].done_on == today
    assert "action done" in page_text(staff_client.get(f"/staff/case/{rep.reference}"))


def test_closing_waits_for_the_window_to_ask_for_the_next_stage(staff_client, session, rep):
    today = utcnow().date()
    _act(staff_client, rep, "classify", STATUTORY)
    _act(staff_client, rep, "acknowledge", _date("on", rep.received_on))
    _act(staff_client, rep, "statement", {"points": "One point"})
    _act(staff_client, rep, "respond", {**_date("on", today), "point_1": "not_upheld"})
    refused = staff_client.post(f"/staff/case/{rep.reference}/close", {})
    assert refused.status_code == 200
    assert "can ask for the next stage until" in errors(refused)[0]


def test_steps_that_do_not_fit_are_refused_with_a_reason(staff_client, session, rep):
    _act(staff_client, rep, "classify", STATUTORY)
    early = staff_client.post(
        f"/staff/case/{rep.reference}/escalate", _date("requested_on", rep.received_on)
    )
    assert "must be answered before the next stage" in errors(early)[0]
    future = staff_client.post(
        f"/staff/case/{rep.reference}/acknowledge", _date("on", utcnow().date() + timedelta(days=3))
    )
    assert "must be today or in the past" in errors(future)[0]


def test_extending_needs_a_reason_and_stops_at_the_extended_limit(staff_client, session, rep):
    _act(staff_client, rep, "classify", STATUTORY)
    _act(staff_client, rep, "acknowledge", _date("on", rep.received_on))
    assert (
        "Give the reason"
        in errors(staff_client.post(f"/staff/case/{rep.reference}/extend", {"reason": ""}))[0]
    )
    _act(staff_client, rep, "extend", {"reason": "Waiting for the foster carer's account"})
    session.rollback()
    session.expire_all()
    stage = session.get(Representation, rep.id).current_stage
    assert stage.extended_to is not None and stage.extension_reason.startswith("Waiting")
    again = staff_client.post(f"/staff/case/{rep.reference}/extend", {"reason": "More"})
    assert again.status_code == 200


def test_pausing_stops_the_clock_and_the_queue_says_so(staff_client, session, rep):
    _act(staff_client, rep, "classify", STATUTORY)
    _act(staff_client, rep, "acknowledge", _date("on", rep.received_on))
    _act(staff_client, rep, "pause", {"reason": "Asked which meeting they mean"})
    session.rollback()
    session.expire_all()
    assert session.get(Representation, rep.id).next_due_on is None
    page = page_text(staff_client.get(f"/staff/case/{rep.reference}"))
    assert "waiting on the person" in page
    _act(staff_client, rep, "resume", {})
    session.rollback()
    session.expire_all()
    assert session.get(Representation, rep.id).next_due_on is not None
