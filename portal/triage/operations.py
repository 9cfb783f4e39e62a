"""Every change to a representation's status goes through here.

Each operation checks the change is allowed from where the case is now, refuses a change made
from a page that is out of date (someone else acted first) with what changed, and writes the
audit event in the same transaction. Operations never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from portal.models import Event, Representation, Staff
from portal.triage import notices, stages, states
from portal.triage.guards import (
    Conflict,
    MissingDetail,
    NotAllowed,
    TriageProblem,
    check_version,
)


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
    # Not a column of its own: a refusal is stored with the route it was refused from.
    refused_route: str | None = None


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
        ("refused_route", "Select the procedure it was refused from"),
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
        if value is not None and attribute != "refused_route":
            setattr(rep, attribute, value)
    rep.classification = code
    rep.route = details.refused_route if code == "refused" else target.route
    rep.status = target.status
    if code in states.COMPLAINTS and before_status == states.PRE_COMPLAINT:
        rep.from_pre_complaint = True
    stages.start_first_stage(rep)
    stages.refresh(session, rep)
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
    rep.person_request = None
    notices.after_classify(session, rep, changed=code != before_code, now=now)
    return event


def details_from(data: dict[str, Any]) -> ClassificationDetails:
    fields = ClassificationDetails.__dataclass_fields__
    return ClassificationDetails(**{k: (data.get(k) or None) for k in fields})


__all__ = ["Conflict", "MissingDetail", "NotAllowed", "TriageProblem", "classify"]
