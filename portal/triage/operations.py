"""Every change to a representation's status goes through here.

Each operation checks the change is allowed from where the case is now, refuses a change made
from a page that is out of date (someone else acted first) with what changed, and writes the
audit event in the same transaction. Operations never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.timescales import due_date
from portal.intake.queries import timescales
from portal.models import Event, Representation, Staff
from portal.triage import states
from portal.triage.priority import queue_rank


class TriageProblem(Exception):
    """A named reason a change was refused; ``field`` is the form field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAllowed(TriageProblem):
    pass


class Conflict(TriageProblem):
    pass


class MissingDetail(TriageProblem):
    pass


@dataclass(frozen=True)
class ClassificationDetails:
    nature_code: str | None = None
    service_code: str | None = None
    refusal_reason_code: str | None = None
    refusal_explanation: str | None = None
    missing_information: str | None = None
    deferred_until: date | None = None
    concern_team_code: str | None = None
    compliment_category_code: str | None = None


# The details each classification cannot do without: (attribute, field, message).
REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "statutory_complaint": (
        ("nature_code", "Select the nature of the complaint"),
        ("service_code", "Select the service the complaint is about"),
    ),
    "corporate_complaint": (
        ("nature_code", "Select the nature of the complaint"),
        ("service_code", "Select the service the complaint is about"),
    ),
    "refused": (
        ("refusal_reason_code", "Select the reason for refusing"),
        ("refusal_explanation", "Explain the refusal in words the person will understand"),
    ),
    "deferred": (("deferred_until", "Enter the date to invite the complaint again"),),
    "pre_complaint": (("missing_information", "Say what information is missing"),),
    "case_concern": (("concern_team_code", "Select the team it goes to today"),),
    "compliment": (
        ("compliment_category_code", "Select the compliment category"),
        ("service_code", "Select the team or service being thanked"),
    ),
}


def _describe(event: Event | None) -> str:
    if event is None:
        return "Someone else changed this case"
    who = (event.detail or {}).get("by") or event.actor
    return f"{who} {event.action} this case at {event.at.strftime('%H:%M')}"


def check_version(session: Session, rep: Representation, seen_version: int) -> None:
    """Refuse to act on a page that is out of date, saying what happened in between."""
    if rep.version == seen_version:
        return
    latest = session.scalars(
        select(Event)
        .where(Event.representation_id == rep.id, Event.action != "opened")
        .order_by(Event.id.desc())
    ).first()
    raise Conflict(
        f"{_describe(latest)} while you were looking. Nothing you entered was saved: "
        "check the case and try again."
    )


def classify(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    code: str,
    seen_version: int,
    details: ClassificationDetails,
    reason: str | None,
    today: date,
    now: datetime,
) -> Event:
    """Classify (or reclassify, with a reason) a representation."""
    check_version(session, rep, seen_version)
    target = states.CLASSIFICATIONS.get(code)
    if target is None:
        raise MissingDetail("Select what this is", "classification")
    if code not in states.ALLOWED[rep.status]:
        raise NotAllowed(f"A {rep.status.replace('_', ' ')} case cannot become {target.label}")
    reclassifying = rep.classification is not None
    if reclassifying and not (reason or "").strip():
        raise MissingDetail("Give the reason for changing the classification", "reason")
    for attribute, message in REQUIRED.get(code, ()):
        if not getattr(details, attribute):
            raise MissingDetail(message, attribute)
    if code == "deferred" and details.deferred_until and details.deferred_until <= today:
        raise MissingDetail(
            "The date to invite the complaint again must be in the future", "deferred_until"
        )

    before_status, before_code = rep.status, rep.classification
    for attribute, value in vars(details).items():
        if value is not None:
            setattr(rep, attribute, value)
    rep.classification = code
    rep.route = target.route
    rep.status = target.status
    if code in states.COMPLAINTS and before_status == states.PRE_COMPLAINT:
        rep.from_pre_complaint = True
    rep.queue_rank = queue_rank(rep)
    rep.next_due_on = _next_due(session, rep)
    event = Event(
        at=now,
        actor=f"staff:{staff.id}",
        action="reclassified" if reclassifying else "classified",
        from_status=before_status,
        to_status=rep.status,
        reason=(reason or "").strip() or None,
        detail={"from": before_code, "to": code, "by": staff.display_name},
    )
    rep.events.append(event)
    return event


def _next_due(session: Session, rep: Representation) -> date | None:
    """The deadline the queue shows next: paused while waiting on the person."""
    if rep.status == states.OPEN:
        return due_date(rep.received_on, timescales(session)["acknowledgement"])
    if rep.status == states.DEFERRED:
        return rep.deferred_until
    return None


def details_from(data: dict[str, Any]) -> ClassificationDetails:
    fields = ClassificationDetails.__dataclass_fields__
    return ClassificationDetails(**{k: (data.get(k) or None) for k in fields})
