"""The daily digest: each responding manager hears, once a working day, which of their
complaints are overdue or due within five working days. References and dates only."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.workdays import add_working_days, is_working_day
from portal.intake.operations import COUNCIL_TZ
from portal.models import Representation, Staff
from portal.models.staff import RESPONDER
from portal.notify import messages
from portal.triage import states

AHEAD_WORKING_DAYS = 5


def key_for(staff_id: int, day: date) -> str:
    return f"digest-{staff_id}-{day.isoformat()}"


def enqueue(db: Session, today: date, now: datetime) -> int:
    """Queue today's digest for every responding manager with something due; at most once
    each per day, however often this runs."""
    horizon = add_working_days(today, AHEAD_WORKING_DAYS)
    rows = db.execute(
        select(Representation, Staff)
        .join(Staff, Staff.id == Representation.assigned_staff_id)
        .where(
            Representation.status == states.OPEN,
            Representation.next_due_on.is_not(None),
            Representation.next_due_on <= horizon,
            Staff.role == RESPONDER,
            Staff.active.is_(True),
        )
        .order_by(Staff.id, Representation.next_due_on, Representation.reference)
    ).all()
    items: dict[int, tuple[Staff, list[dict[str, object]]]] = {}
    for rep, staff in rows:
        stage = rep.current_stage
        due = rep.next_due_on or today
        items.setdefault(staff.id, (staff, []))[1].append(
            {
                "reference": rep.reference,
                "stage": stage.number if stage is not None else 1,
                "due": due.isoformat(),
                "overdue": due < today,
            }
        )
    queued = 0
    for staff, listed in items.values():
        made = messages.tell_staff(
            db, staff, "digest", key=key_for(staff.id, today), now=now, day=today, items=listed
        )
        queued += made is not None
    return queued


def enqueue_due(db: Session, now: datetime, *, hour: int, done: set[date]) -> int:
    """Called by the sender on every pass: once the day's hour has come, queue the digests
    (``done`` remembers the days this process has already handled)."""
    local = now.astimezone(COUNCIL_TZ)
    today = local.date()
    if today in done or local.hour < hour or not is_working_day(today):
        return 0
    done.add(today)
    return enqueue(db, today, now)
