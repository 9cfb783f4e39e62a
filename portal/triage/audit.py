"""Audit events for reads: who opened which case, and when.

Opening a case is a page view, not a change, so the view has nothing to commit; the event is
written in its own short write transaction so it is recorded even though the request only
reads (and on SQLite never turns a read transaction into a write midway).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import insert

from portal.models import Event


def record_opened(representation_id: int, staff_id: int, now: datetime) -> None:
    engine = current_app.extensions["portal.write_engine"]
    with engine.begin() as connection:
        connection.execute(
            insert(Event).values(
                representation_id=representation_id,
                at=now,
                actor=f"staff:{staff_id}",
                action="opened",
                detail={},
            )
        )
