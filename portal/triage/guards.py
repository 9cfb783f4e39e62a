"""What every triage operation checks first, and the named refusals it raises."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Event, Representation


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
