"""Unreasonable-contact restrictions: set with a reason and a review date, shown on every
case of the person they apply to, lifted with an event. Operations never commit."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Event, Person, Representation, Restriction, Staff
from portal.triage.guards import MissingDetail, NotAllowed


def contact_keys(people: Iterable[Person]) -> list[str]:
    """Hashes of each person's normalised email address and phone numbers."""
    keys = []
    for person in people:
        if person.email:
            keys.append("email:" + person.email.strip().lower())
        for number in (person.phone, person.mobile):
            digits = re.sub(r"\D", "", number or "")
            if len(digits) >= 7:
                keys.append("phone:" + digits[-10:])
    return [hashlib.sha256(k.encode()).hexdigest() for k in dict.fromkeys(keys)]


def active_for(session: Session, rep: Representation) -> list[Restriction]:
    keys = set(contact_keys(rep.people))
    if not keys:
        return []
    rows = session.scalars(select(Restriction).where(Restriction.ended_at.is_(None)))
    return [r for r in rows if keys & set(r.contact_keys)]


def restrict(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    reason: str | None,
    review_on: date | None,
    today: date,
    now: datetime,
) -> Restriction:
    submitter = rep.person("submitter") or rep.person("advocate")
    keys = contact_keys([submitter]) if submitter else []
    if submitter is None or not keys:
        raise NotAllowed("There is no email address or phone number to recognise them by")
    if not (reason or "").strip():
        raise MissingDetail("Give the reason, with the decision that was made", "reason")
    if review_on is None or review_on <= today:
        raise MissingDetail("Enter a review date in the future", "review_on")
    restriction = Restriction(
        contact_keys=keys,
        who=submitter.display_name or "the person who wrote in",
        reason=(reason or "").strip(),
        review_on=review_on,
        set_by_id=staff.id,
        set_at=now,
    )
    session.add(restriction)
    rep.events.append(
        Event(
            at=now,
            actor=f"staff:{staff.id}",
            action="contact restricted",
            reason=restriction.reason,
            detail={"by": staff.display_name, "review_on": review_on.isoformat()},
        )
    )
    return restriction


def lift(session: Session, rep: Representation, staff: Staff, *, now: datetime) -> None:
    found = active_for(session, rep)
    if not found:
        raise NotAllowed("No contact restriction applies to this person")
    for restriction in found:
        restriction.ended_at = now
    rep.events.append(
        Event(
            at=now,
            actor=f"staff:{staff.id}",
            action="contact restriction lifted",
            detail={"by": staff.display_name},
        )
    )
