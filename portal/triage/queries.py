"""Reads for the staff workspace. The queue pages by keyset on its index, so the 500th page
costs what the first does."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, literal, select, tuple_
from sqlalchemy.orm import Session

from portal.core.references import normalise_reference
from portal.core.workdays import add_working_days
from portal.intake.queries import timescales
from portal.models import Event, OutboxMessage, Representation, Staff, Stage
from portal.models.staff import RESPONDER
from portal.triage.deadlines import Deadline, escalation_window_ends, stage_deadline

PAGE_SIZE = 50
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    kind: str | None = None
    journey: str | None = None
    route: str | None = None
    service: str | None = None
    assigned_to: int | None = None
    young_person: bool = False
    overdue: bool = False
    due_this_week: bool = False
    reference: str | None = None

    @classmethod
    def from_args(cls, args: Any) -> QueueFilters:
        def text(name: str) -> str | None:
            value = (args.get(name) or "").strip()
            return value[:60] or None

        return cls(
            status=text("status"),
            kind=text("kind"),
            journey=text("journey"),
            route=text("route"),
            service=text("service"),
            assigned_to=int(args["assigned_to"])
            if str(args.get("assigned_to", "")).isdigit()
            else None,
            young_person=args.get("young_person") == "1",
            overdue=args.get("overdue") == "1",
            due_this_week=args.get("due_this_week") == "1",
            reference=text("reference"),
        )


@dataclass
class QueuePage:
    rows: list[Representation]
    next_cursor: str | None
    filters: QueueFilters
    today: date
    due_soon_by: date


def _cursor(rep: Representation) -> str:
    raw = f"{rep.queue_rank}|{rep.received_at.isoformat()}|{rep.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _after(cursor: str | None) -> Any:
    """The keyset condition for rows after ``cursor`` in the queue's ascending order."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        priority, received, row_id = base64.urlsafe_b64decode(padded).decode().split("|")
        p, r, i = int(priority), datetime.fromisoformat(received), int(row_id)
    except (ValueError, UnicodeDecodeError):
        return None
    q = Representation
    return tuple_(q.queue_rank, q.received_at, q.id) > tuple_(literal(p), literal(r), literal(i))


def visible_to(query: Select[Any], staff: Staff) -> Select[Any]:
    """Responding managers see only cases assigned to them or their team."""
    if staff.role == RESPONDER:
        team = staff.team_code or ""
        return query.where(
            (Representation.assigned_staff_id == staff.id)
            | (Representation.assigned_team_code == team)
            | (Representation.assigned_team_code.is_(None) & (Representation.service_code == team))
        )
    return query


def queue(
    session: Session, staff: Staff, filters: QueueFilters, cursor: str | None, today: date
) -> QueuePage:
    query = visible_to(select(Representation), staff)
    if filters.reference:
        wanted = normalise_reference(filters.reference) or filters.reference.upper()
        query = query.where(Representation.reference == wanted)
    if filters.status:
        query = query.where(Representation.status == filters.status)
    if filters.kind:
        query = query.where(Representation.kind == filters.kind)
    if filters.journey:
        query = query.where(Representation.journey == filters.journey)
    if filters.route:
        query = query.where(Representation.route == filters.route)
    if filters.service:
        query = query.where(
            (Representation.service_code == filters.service)
            | (Representation.assigned_team_code == filters.service)
        )
    if filters.assigned_to:
        query = query.where(Representation.assigned_staff_id == filters.assigned_to)
    if filters.young_person:
        query = query.where(Representation.young_person.is_(True))
    if filters.overdue:
        query = query.where(Representation.next_due_on < today)
    if filters.due_this_week:
        end_of_week = today + timedelta(days=6 - today.weekday())
        query = query.where(
            Representation.next_due_on >= today, Representation.next_due_on <= end_of_week
        )
    after = _after(cursor)
    if after is not None:
        query = query.where(after)
    query = query.order_by(
        Representation.queue_rank.asc(),
        Representation.received_at.asc(),
        Representation.id.asc(),
    ).limit(PAGE_SIZE + 1)
    rows = list(session.scalars(query))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return QueuePage(
        rows=rows,
        next_cursor=_cursor(rows[-1]) if more and rows else None,
        filters=filters,
        today=today,
        due_soon_by=add_working_days(today, DUE_SOON_WORKING_DAYS),
    )


def representation_for(session: Session, staff: Staff, reference: str) -> Representation | None:
    query = visible_to(select(Representation), staff).where(Representation.reference == reference)
    return session.scalars(query).first()


def responders(session: Session) -> list[tuple[str, str]]:
    """Staff who can be assigned a complaint to answer."""
    rows = session.scalars(
        select(Staff)
        .where(Staff.active.is_(True), Staff.role.in_(("responding_manager", "complaints_manager")))
        .order_by(Staff.display_name)
    )
    return [(str(s.id), s.display_name) for s in rows]


@dataclass(frozen=True)
class StageView:
    stage: Stage | None
    deadline: Deadline | None
    window_ends: date | None


def stage_view(session: Session, rep: Representation) -> StageView:
    stage = rep.current_stage
    if stage is None:
        return StageView(None, None, None)
    ts = timescales(session)
    return StageView(stage, stage_deadline(stage, ts), escalation_window_ends(stage, ts))


AUDIT_PAGE_SIZE = 100


def audit_log(
    session: Session, before_id: int | None, reference: str | None
) -> tuple[list[tuple[Event, str]], int | None]:
    """Every event, newest first, with its case reference; keyset-paged by event id."""
    query = select(Event, Representation.reference).join(Representation)
    if reference:
        wanted = normalise_reference(reference) or reference.upper()
        query = query.where(Representation.reference == wanted)
    if before_id:
        query = query.where(Event.id < before_id)
    rows = [
        (event, ref)
        for event, ref in session.execute(
            query.order_by(Event.id.desc()).limit(AUDIT_PAGE_SIZE + 1)
        )
    ]
    more = len(rows) > AUDIT_PAGE_SIZE
    rows = rows[:AUDIT_PAGE_SIZE]
    return rows, (rows[-1][0].id if more and rows else None)


def messages_for(session: Session, rep: Representation) -> list[OutboxMessage]:
    """Every message about this case, newest first, for the case page."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.representation_id == rep.id)
            .order_by(OutboxMessage.id.desc())
        )
    )
