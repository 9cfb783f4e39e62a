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
FIELDS = ("name", "phone", "out_of_hours")


@dataclass(frozen=True)
class Council:
    name: str
    phone: str
    out_of_hours: str


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
            name=str(saved.get("name") or config["COUNCIL_NAME"]),
            phone=str(saved.get("phone") or config["COUNCIL_PHONE"]),
            out_of_hours=str(saved.get("out_of_hours") or config["OUT_OF_HOURS_PHONE"]),
        )
    result: Council = g.council
    return result


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"council": council()})
