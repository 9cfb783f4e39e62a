"""Representations that arrived by email, letter, phone or in person, logged by staff.

They are built by the same code as online submissions (``intake.operations``), so a phone
complaint carries the same information and flags; only the method, the date received (often
in the past) and who logged it differ.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.intake.journeys import Journey
from portal.intake.operations import build_representation, next_step
from portal.intake.queries import timescales
from portal.models import Event, Representation, Staff
from portal.triage.guards import MissingDetail
from portal.triage.priority import queue_rank


def log_representation(
    session: Session,
    staff: Staff,
    answers: dict[str, Any],
    *,
    method: str,
    received_on: date,
    entry_key: str,
    today: date,
    now: datetime,
) -> Representation:
    """Record it once: the form's one-time key makes a double click harmless."""
    existing = session.scalars(
        select(Representation).where(Representation.idempotency_key == entry_key)
    ).first()
    if existing is not None:
        return existing
    if received_on > today:
        raise MissingDetail("The date received must be today or in the past", "received_on")
    young = answers.get("role") in ("young_person", "advocate")
    journey = Journey(name="staff-entry", title="", steps=(), method=method, young_person=young)
    rep = build_representation(session, journey, answers, now=now, language="en")
    if answers.get("role") not in ("young_person", "advocate", "professional"):
        rep.submitter_role = str(answers.get("role") or "unknown")
    rep.received_on = received_on
    rep.idempotency_key = entry_key
    rep.queue_rank = queue_rank(rep)
    rep.next_due_on = next_step(rep, timescales(session)).due
    rep.events.append(
        Event(
            at=now,
            actor=f"staff:{staff.id}",
            action="received",
            to_status=rep.status,
            detail={"method": method, "logged_by": staff.display_name, "flags": rep.flags},
        )
    )
    session.add(rep)
    return rep
