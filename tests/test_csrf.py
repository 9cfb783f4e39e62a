"""Every route that changes anything refuses a form without a valid CSRF token.

The routes are read from the app's own URL map, so a route added later is covered without
anyone remembering to list it. Each is posted by a signed-in administrator (so that, but for
the token, the post would be allowed), once with no token and once with a token from another
browser's session; each must give the friendly "timed out" page and change nothing.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from portal.models import Event, OutboxMessage, Representation, Staff
from portal.triage.actions import ACTIONS
from tests import helpers
from tests.conftest import sign_in
from tests.helpers import FormClient, page_text

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _changing_rules(app: Flask) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if rule.methods & CHANGING]


def _paths(rule: Rule, reference: str, staff_id: int) -> list[str]:
    """Real addresses for ``rule``: the case that exists, every stage action, and so on."""
    values: dict[str, list[str]] = {
        "journey_name": ["adult"],
        "step_name": [next(iter(helpers.ADULT))],
        "what": ["add", "withdraw", "next-stage"],
        "reference": [reference],
        "action": sorted(ACTIONS),
        "staff_id": [str(staff_id)],
        "action_id": ["1"],
        "message_id": ["1"],
    }
    paths = [rule.rule]
    for argument in rule.arguments:
        assert argument in values, f"no test value for <{argument}> in {rule.rule}"
        placeholder = re.compile(r"<(?:[^<>]*:)?" + re.escape(argument) + ">")
        expanded = [placeholder.sub(value, path) for path in paths for value in values[argument]]
        paths = expanded
    return paths


def _state(session: Session) -> tuple[object, ...]:
    """What a post could have changed: how many events, cases, accounts and messages there
    are, and every case's status."""
    session.rollback()
    counts = [
        session.scalar(select(func.count()).select_from(model))
        for model in (Event, Representation, Staff, OutboxMessage)
    ]
    statuses = tuple(session.scalars(select(Representation.status).order_by(Representation.id)))
    return (*counts, statuses)


@pytest.mark.parametrize("token", ["missing", "from another session"])
def test_every_state_changing_route_refuses_a_post_without_its_csrf_token(
    app, forms, make_staff, session, token
):
    forms.walk("adult", "complain", "adult", helpers.ADULT)
    assert forms.post("/adult/check-answers").status_code == 302
    reference = session.scalars(select(Representation.reference)).one()
    admin = FormClient(app.test_client())
    admin.staff = make_staff("administrator")
    sign_in(admin, admin.staff)
    stranger = FormClient(app.test_client()).csrf_token("/start/what")
    form = {} if token == "missing" else {"csrf_token": stranger}
    before = _state(session)
    rules = _changing_rules(app)
    assert len(rules) >= 17, [rule.rule for rule in rules]
    tried = 0
    for rule in rules:
        for path in _paths(rule, reference, admin.staff.id):
            for method in sorted(rule.methods & CHANGING):
                response = admin.client.open(path, method=method, data=form)
                assert response.status_code == 400, (method, path, response.status_code)
                assert "Sorry, this page timed out" in page_text(response), path
                tried += 1
    assert tried > len(rules)
    assert _state(session) == before
