"""Every staff route, with the roles allowed to open it. A new staff route must be added to
this table (the first test fails until it is), and each role is refused where it should be."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import OutboxMessage, Representation
from portal.models.staff import ADMIN, MANAGER, OFFICER, RESPONDER, ROLES
from tests import helpers
from tests.conftest import sign_in
from tests.helpers import FormClient

PUBLIC = "anyone"
CASEWORKERS = {OFFICER, MANAGER, RESPONDER}

# (endpoint, URL to request, roles allowed). One endpoint serves every stage action, each
# naming its roles (triage/actions.py), so it is listed with two of its actions.
ROUTE_TABLE = [
    ("accounts.sign_in", "/staff/sign-in", PUBLIC),
    ("accounts.second_factor", "/staff/sign-in/code", PUBLIC),
    ("accounts.sign_out", None, PUBLIC),  # POST only, ends whatever session it finds
    ("accounts.accounts", "/staff/accounts", {ADMIN, MANAGER}),
    ("accounts.new_account", "/staff/accounts/new", {ADMIN}),
    ("accounts.edit_account", "/staff/accounts/{staff_id}", {ADMIN}),
    ("triage.home", "/staff/", CASEWORKERS),
    ("triage.queue", "/staff/queue", CASEWORKERS),
    ("triage.case", "/staff/case/{reference}", CASEWORKERS),
    ("triage.classify", "/staff/case/{reference}/classify", {OFFICER, MANAGER}),
    ("triage.log_entry", "/staff/log", {OFFICER, MANAGER}),
    ("triage.action_done", None, CASEWORKERS),  # POST only
    ("triage.letter", "/staff/case/{reference}/messages/{message_id}/letter", CASEWORKERS),
    ("triage.letter_posted", None, {OFFICER, MANAGER}),  # POST only
    ("triage.audit_log", "/staff/audit", {MANAGER}),
    ("admin.timescales_page", "/staff/settings/timescales", {MANAGER}),
    ("admin.categories", "/staff/settings/categories", {ADMIN, MANAGER}),
    ("admin.change_category", None, {ADMIN, MANAGER}),  # POST only
    ("admin.council_page", "/staff/settings/council", {ADMIN}),
    ("reports.annual", "/staff/reports", {OFFICER, MANAGER}),
    (
        "reports.complaint_handling_code",
        "/staff/reports/complaint-handling-code",
        {OFFICER, MANAGER},
    ),
    ("reports.table_csv", "/staff/reports/methods.csv", {OFFICER, MANAGER}),
    ("reports.workbook", "/staff/reports/annual.xlsx", {OFFICER, MANAGER}),
    (
        "reports.entries",
        "/staff/reports/list?table=methods&first=202004&last=202103",
        {OFFICER, MANAGER},
    ),
    ("reports.counting_rules", "/staff/reports/counting-rules", {OFFICER, MANAGER}),
    ("reports.dashboard_page", "/staff/dashboard", {OFFICER, MANAGER}),
    ("triage.stage_action", "/staff/case/{reference}/acknowledge", {OFFICER, MANAGER}),
    ("triage.stage_action", "/staff/case/{reference}/restrict-contact", {MANAGER}),
]


def test_every_staff_route_is_in_the_table(app):
    staff_endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")
    }
    assert staff_endpoints == {endpoint for endpoint, _url, _roles in ROUTE_TABLE}


@pytest.fixture
def reference(forms, session) -> str:
    pages = dict(helpers.ADULT)
    pages["service"] = {"service": "fostering"}
    forms.walk("adult", "complain", "adult", pages)
    forms.post("/adult/check-answers")
    return session.scalars(select(Representation.reference)).one()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_only_what_it_may(app, make_staff, reference, role, session):
    message_id = session.scalars(select(OutboxMessage.id)).first()
    browser = FormClient(app.test_client())
    staff = make_staff(role, team_code="fostering")
    sign_in(browser, staff)
    for endpoint, url, allowed in ROUTE_TABLE:
        if url is None or allowed == PUBLIC:
            continue
        address = url.format(reference=reference, staff_id=staff.id, message_id=message_id)
        status = browser.get(address).status_code
        expected = {200, 302} if role in allowed else {403}
        assert status in expected, (endpoint, role, status)


def test_signed_out_people_are_sent_to_sign_in(client, reference):
    for _endpoint, url, allowed in ROUTE_TABLE:
        if url and allowed != PUBLIC:
            response = client.get(url.format(reference=reference, staff_id=1, message_id=1))
            assert response.status_code == 302
            assert response.location.startswith("/staff/sign-in")


def test_a_responding_manager_sees_only_their_teams_cases(app, make_staff, reference):
    browser = FormClient(app.test_client())
    sign_in(browser, make_staff(RESPONDER, team_code="adoption"))
    assert browser.get(f"/staff/case/{reference}").status_code == 404
    assert reference not in browser.get("/staff/queue").get_data(as_text=True)


def test_a_responding_manager_may_record_a_response_but_not_acknowledge(app, make_staff, reference):
    browser = FormClient(app.test_client())
    sign_in(browser, make_staff(RESPONDER, team_code="fostering"))
    assert browser.get(f"/staff/case/{reference}/respond").status_code == 200
    assert browser.get(f"/staff/case/{reference}/acknowledge").status_code == 403
