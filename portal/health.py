"""``/healthz``: whether the portal can do its job, for a load balancer or monitoring.

Healthy means the database answers and the outbox sender is keeping up: a message that has
waited longer than ``HEALTH_OUTBOX_LAG_SECONDS`` means a receipt or a safeguarding alert is
not going out, which matters as much as the pages being up. The answer holds counts and
ages only, never anything about a person, so it needs no sign-in.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from portal.db import get_session
from portal.models.outbox import FAILED, QUEUED
from portal.models.types import utcnow
from portal.notify import outbox

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> tuple[Response, int]:
    report: dict[str, Any] = {"database": "ok"}
    session = get_session()
    try:
        session.execute(select(1))
        found = outbox.summary(session, utcnow())
    except SQLAlchemyError:
        session.rollback()
        report["database"] = "unavailable"
        report["status"] = "unhealthy"
        return jsonify(report), 503
    limit = int(current_app.config["HEALTH_OUTBOX_LAG_SECONDS"])
    report["outbox"] = {
        "waiting": int(found["counts"].get(QUEUED, 0)),
        "failed": int(found["counts"].get(FAILED, 0)),
        "lag_seconds": round(found["lag_seconds"]),
        "lag_limit_seconds": limit,
    }
    healthy = found["lag_seconds"] <= limit
    report["status"] = "ok" if healthy else "unhealthy"
    return jsonify(report), 200 if healthy else 503
