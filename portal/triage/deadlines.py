"""Every stage deadline, computed from the council's timescales and the working-day calendar.

Stage 1 runs from acknowledgement; stage 2 from the request; stage 3 has three clocks (panel
within 30 working days of the request, report within 5 of the panel, response within 15 of
the report). Time the case spent waiting on the person is added back on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.core.timescales import Timescale, due_date
from portal.core.workdays import add_working_days
from portal.models import Representation, Stage
from portal.triage import states


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    extended_limit: date | None = None


def stage_key(route: str, number: int) -> str:
    if route == states.STATUTORY:
        return {1: "statutory_stage1", 2: "statutory_stage2", 3: "statutory_stage3_panel"}[number]
    return {1: "corporate_stage1", 2: "corporate_stage2"}[number]


def last_stage(route: str | None) -> int:
    return 3 if route == states.STATUTORY else 2


def _shift(day: date, paused_days: int) -> date:
    return add_working_days(day, paused_days) if paused_days else day


def stage_deadline(stage: Stage, timescales: dict[str, Timescale]) -> Deadline | None:
    """What is due next in this stage, or None once it has been answered."""
    if stage.responded_on is not None or stage.outcome is not None:
        return None
    paused = stage.paused_days or 0
    if stage.number == 1 and stage.acknowledged_on is None:
        return Deadline(
            "acknowledgement", due_date(stage.requested_on, timescales["acknowledgement"])
        )
    if stage.number == 3 and stage.route == states.STATUTORY:
        if stage.report_on is not None:
            due = due_date(stage.report_on, timescales["statutory_stage3_response"])
            return Deadline("stage 3 response", _shift(due, paused))
        if stage.panel_on is not None:
            due = due_date(stage.panel_on, timescales["statutory_stage3_report"])
            return Deadline("stage 3 panel report", _shift(due, paused))
        due = due_date(stage.requested_on, timescales["statutory_stage3_panel"])
        return Deadline("stage 3 panel", _shift(due, paused))
    timescale = timescales[stage_key(stage.route, stage.number)]
    start = stage.acknowledged_on if stage.number == 1 else stage.requested_on
    if start is None:  # stage 1 before acknowledgement: the caller checks first
        raise ValueError("a stage 1 deadline counts from its acknowledgement")
    limit = None
    if timescale.extended_days is not None:
        limit = _shift(due_date(start, timescale, extended=True), paused)
    due = stage.extended_to or _shift(due_date(start, timescale), paused)
    return Deadline(f"stage {stage.number} response", due, limit)


def escalation_window_ends(stage: Stage, timescales: dict[str, Timescale]) -> date | None:
    """The last day the person can ask for the next stage after this one's response."""
    if stage.responded_on is None:
        return None
    return due_date(stage.responded_on, timescales["escalation_window"])


def next_due_on(rep: Representation, timescales: dict[str, Timescale]) -> date | None:
    """The date the queue shows: the open stage's deadline, the invite date of a deferral,
    the end of the escalation window, or nothing while the clock waits on the person."""
    if rep.status == states.DEFERRED:
        return rep.deferred_until
    if rep.status != states.OPEN:
        return None
    stage = rep.current_stage
    if stage is None:
        return due_date(rep.received_on, timescales["acknowledgement"])
    if stage.paused_since is not None:
        return None
    deadline = stage_deadline(stage, timescales)
    if deadline is not None:
        return deadline.due
    return escalation_window_ends(stage, timescales)
