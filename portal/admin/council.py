"""The council's details shown on every page: configuration, with whatever an administrator
saved on top. Read once per request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy.exc import SQLAlchemyError

from portal.db import get_session
from portal.models import Setting

COUNCIL_KEY = "council"
FIELDS = (
    "name",
    "phone",
    "out_of_hours",
    "advocacy_name",
    "advocacy_phone",
    "advocacy_email",
    "duty_email",
)
# Each field's configuration key, used when the administrator leaves it blank.
CONFIG_KEYS = {
    "name": "COUNCIL_NAME",
    "phone": "COUNCIL_PHONE",
    "out_of_hours": "OUT_OF_HOURS_PHONE",
    "advocacy_name": "ADVOCACY_NAME",
    "advocacy_phone": "ADVOCACY_PHONE",
    "advocacy_email": "ADVOCACY_EMAIL",
    "duty_email": "DUTY_EMAIL",
}


@dataclass(frozen=True)
class Council:
    name: str
    phone: str
    out_of_hours: str
    # The advocacy service young people are told about and referred to.
    advocacy_name: str
    advocacy_phone: str
    advocacy_email: str
    # The inbox that hears at once about safeguarding-flagged arrivals.
    duty_email: str


def council() -> Council:
    if "council" not in g:
        config = current_app.config
        saved: dict[str, Any] = {}
        try:
            row = get_session().get(Setting, COUNCIL_KEY)
            saved = dict(row.value) if row and isinstance(row.value, dict) else {}
        except SQLAlchemyError:
            # An error page must still render when the database is the problem.
            get_session().rollback()
        g.council = Council(
            **{f: str(saved.get(f) or config.get(CONFIG_KEYS[f]) or "") for f in FIELDS}
        )
    result: Council = g.council
    return result


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"council": council()})
