"""Triage: one state machine classifies, refuses what is not allowed, needs a reason to
reclassify, counts pre-complaints that become complaints, and never lets two officers
overwrite each other."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from portal.models import Event, Representation
from tests import helpers
from tests.conftest import sign_in
from tests.helpers import FormClient, errors


@pytest.fixture
def rep(forms, session) -> Representation:
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    forms.post("/adult/check-answers")
    return session.scalars(select(Representation)).one()


def _classify(browser: FormClient, reference: str, data: dict) -> object:
    return browser.post(f"/staff/case/{reference}/classify", data)


def _fresh(session, rep) -> Representation:
    """Re-read the case as it is now (end any read snapshot; forget cached values)."""
    session.rollback()
    session.expire_all()
    return session.get(Representation, rep.id)


STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": "children_in_care",
}


def test_statutory_classification_opens_the_case_and_is_audited(staff_client, session, rep):
    response = _classify(staff_client, rep.reference, STATUTORY)
    assert response.status_code == 302
    rep = _fresh(session, rep)
    assert (rep.status, rep.route, rep.classification) == (
        "open",
        "statutory",
        STATUTORY["classification"],
    )
    assert rep.nature_code == "poor_communication" and rep.service_code == "children_in_care"
    assert rep.next_due_on is not None
    event = session.scalars(select(Event).where(Event.action == "classified")).one()
    assert (event.from_status, event.to_status) == ("new", "open")
    page = staff_client.get(response.location).get_data(as_text=True)
    assert "Classification saved." in page and "Statutory complaint" in page


def test_classified_cases_leave_the_top_of_the_queue(staff_client, session, rep):
    before = rep.queue_rank
    _classify(staff_client, rep.reference, STATUTORY)
    assert _fresh(session, rep).queue_rank > before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what this is"),
        ({"classification": "statutory_complaint"}, "Select the nature of the complaint"),
        ({"classification": "refused"}, "Select the procedure it was refused from"),
        (
            {"classification": "refused", "refused_route": "statutory"},
            "Select the reason for refusing",
        ),
        (
            {
                "classification": "refused",
                "refused_route": "statutory",
                "refusal_reason_code": "out_of_time",
            },
            "Explain the refusal",
        ),
        ({"classification": "pre_complaint"}, "Say what information is missing"),
        ({"classification": "case_concern"}, "Select the team it goes to today"),
        (
            {
                "classification": "deferred",
                "deferred_until-day": "1",
                "deferred_until-month": "1",
                "deferred_until-year": "2020",
            },
            "must be in the future",
        ),
    ],
)
def test_missing_details_are_explained_and_nothing_changes(
    staff_client, session, rep, data, message
):
    response = _classify(staff_client, rep.reference, data)
    assert response.status_code == 200
    assert any(message in m for m in errors(response)), errors(response)
    assert _fresh(session, rep).status == "new"


def test_refusal_records_the_reason_and_explanation(staff_client, session, rep):
    _classify(
        staff_client,
        rep.reference,
        {
            "classification": "refused",
            "refused_route": "corporate",
            "refusal_reason_code": "court_proceedings",
            "refusal_explanation": "The court is deciding this now.",
        },
    )
    rep = _fresh(session, rep)
    assert (rep.status, rep.refusal_reason_code) == ("closed", "court_proceedings")
    assert rep.route == "corporate"  # counted under the corporate refusals (001 Table 1b)


def test_reclassifying_needs_a_reason_and_is_audited(staff_client, session, rep):
    _classify(staff_client, rep.reference, STATUTORY)
    change = {**STATUTORY, "classification": "corporate_complaint"}
    refused = _classify(staff_client, rep.reference, change)
    assert "Give the reason for changing" in errors(refused)[0]
    accepted = _classify(
        staff_client, rep.reference, {**change, "reason": "It is about SEND transport."}
    )
    assert accepted.status_code == 302, errors(accepted)
    session.rollback()
    event = session.scalars(select(Event).where(Event.action == "reclassified")).one()
    assert event.reason == "It is about SEND transport."
    assert event.detail["from"] == "statutory_complaint"
    assert _fresh(session, rep).route == "corporate"


def test_a_pre_complaint_whose_information_arrives_counts_as_pre_complaint_to_stage_1(
    staff_client, session, rep
):
    _classify(
        staff_client,
        rep.reference,
        {"classification": "pre_complaint", "missing_information": "Which meeting?"},
    )
    rep = _fresh(session, rep)
    assert rep.status == "pre_complaint" and rep.next_due_on is None, "the clock is paused"
    _classify(staff_client, rep.reference, {**STATUTORY, "reason": "They told us the meeting."})
    rep = _fresh(session, rep)
    assert rep.status == "open" and rep.from_pre_complaint


def test_a_stale_page_is_refused_and_says_what_changed(app, make_staff, session, rep):
    first, second = FormClient(app.test_client()), FormClient(app.test_client())
    sign_in(first, make_staff())
    sign_in(second, make_staff())
    url = f"/staff/case/{rep.reference}/classify"
    stale_page = second.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', stale_page).group(1)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', stale_page).group(1)
    saved = first.post(url, STATUTORY)
    assert saved.location == f"/staff/case/{rep.reference}?done=classified"
    late = second.client.post(
        url,
        data={
            "csrf_token": token,
            "version": version,
            "classification": "refused",
            "refused_route": "statutory",
            "refusal_reason_code": "out_of_time",
            "refusal_explanation": "Too late.",
        },
    )
    assert late.status_code == 200
    assert "while you were looking" in errors(late)[0]
    assert "Staff Member" in errors(late)[0]
    assert _fresh(session, rep).classification == "statutory_complaint"


def test_two_officers_classifying_at_the_same_moment_leave_one_result(
    app, make_staff, session, rep
):
    url = f"/staff/case/{rep.reference}/classify"
    officers = []
    for _ in range(2):
        browser = FormClient(app.test_client())
        sign_in(browser, make_staff())
        page = browser.get(url).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)
        officers.append((browser, token))
    barrier = threading.Barrier(2)
    statuses: list[int] = []
    choices = [STATUTORY, {**STATUTORY, "classification": "corporate_complaint"}]

    def act(index: int) -> None:
        browser, token = officers[index]
        barrier.wait()
        response = browser.client.post(
            url, data={**choices[index], "csrf_token": token, "version": "1"}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=act, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]
    session.rollback()
    assert session.scalar(select(func.count(Event.id)).where(Event.action == "classified")) == 1
    assert _fresh(session, rep).version == 2
