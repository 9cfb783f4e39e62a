"""Operations on the stages of a complaint: acknowledge, agree the statement, assign,
extend, pause while waiting on the person, respond, escalate, stage 3 dates, Ombudsman,
withdraw and close. Each checks the page was current, that the step makes sense now, and
writes its audit event in the same transaction. Operations never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.workdays import working_days_between
from portal.intake.queries import timescales
from portal.models import (
    Action,
    Category,
    ComplaintPoint,
    Event,
    PointOutcome,
    Representation,
    Staff,
    Stage,
)
from portal.triage import deadlines, notices, states
from portal.triage.guards import MissingDetail, NotAllowed, check_version
from portal.triage.priority import queue_rank

POINT_OUTCOMES = ("upheld", "partially_upheld", "not_upheld", "no_finding")


@dataclass(frozen=True)
class ActionInput:
    text: str
    owner: str
    due_on: date | None


def derive_outcome(outcomes: Sequence[str]) -> str:
    """The stage's overall outcome from the outcome of each point."""
    found = set(outcomes)
    if found == {"upheld"}:
        return "upheld"
    if found == {"no_finding"}:
        return "no_finding"
    if found & {"upheld", "partially_upheld"}:
        return "partially_upheld"
    return "not_upheld"


def refresh(session: Session, rep: Representation) -> None:
    """Recompute what the queue orders and warns by after any change.

    Reading the settings must not flush the half-made change (that would bump the case's
    version twice for one action), hence ``no_autoflush``.
    """
    with session.no_autoflush:
        rep.queue_rank = queue_rank(rep)
        rep.next_due_on = deadlines.next_due_on(rep, timescales(session))


def _event(
    rep: Representation,
    staff: Staff,
    action: str,
    now: datetime,
    reason: str | None = None,
    **detail: Any,
) -> Event:
    event = Event(
        at=now,
        actor=f"staff:{staff.id}",
        action=action,
        from_status=rep.status,
        to_status=rep.status,
        reason=reason,
        detail={"by": staff.display_name, **{k: _plain(v) for k, v in detail.items()}},
    )
    rep.events.append(event)
    return event


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _open_stage(rep: Representation) -> Stage:
    if rep.status != states.OPEN or rep.route is None:
        raise NotAllowed("Only an open statutory or corporate complaint has stages")
    stage = rep.current_stage
    if stage is None:
        raise NotAllowed("This complaint has no stage yet")
    return stage


def _unanswered(rep: Representation) -> Stage:
    stage = _open_stage(rep)
    if stage.responded_on is not None or stage.outcome is not None:
        raise NotAllowed(f"Stage {stage.number} has already been answered")
    return stage


def _not_future(day: date | None, today: date, field: str, what: str) -> date:
    if day is None:
        raise MissingDetail(f"Enter the date {what}", field)
    if day > today:
        raise MissingDetail(f"The date {what} must be today or in the past", field)
    return day


def start_first_stage(rep: Representation) -> None:
    """Called when a representation is classified as a complaint."""
    if rep.route is None:
        return
    stage = rep.current_stage
    if stage is None:
        rep.stages.append(Stage(route=rep.route, number=1, requested_on=rep.received_on))
    elif stage.number == 1 and stage.responded_on is None:
        stage.route = rep.route


def acknowledge(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if stage.number != 1 or stage.acknowledged_on is not None:
        raise NotAllowed("This complaint has already been acknowledged")
    stage.acknowledged_on = _not_future(on, today, "on", "it was acknowledged")
    if stage.acknowledged_on < rep.received_on:
        raise MissingDetail("It cannot be acknowledged before it was received", "on")
    _event(rep, staff, "acknowledged", now, on=stage.acknowledged_on)
    refresh(session, rep)
    notices.after_acknowledge(session, rep, now=now)


def agree_statement(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    points: Sequence[str],
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    _unanswered(rep)
    cleaned = [p.strip() for p in points if p.strip()]
    if not cleaned:
        raise MissingDetail("Enter at least one point of complaint", "points")
    answered = {o.point_id for s in rep.stages for o in s.point_outcomes}
    if answered:
        raise NotAllowed("The statement cannot change after a stage has answered its points")
    rep.points.clear()
    session.flush()
    rep.points.extend(ComplaintPoint(number=i, text=t) for i, t in enumerate(cleaned, 1))
    _event(rep, staff, "statement agreed", now, points=len(cleaned))


def confirm_statement(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    if not rep.points:
        raise NotAllowed("Agree the statement of complaint first")
    day = _not_future(on, today, "on", "the person confirmed it")
    for point in rep.points:
        point.confirmed_on = day
    _event(rep, staff, "statement confirmed by the person", now, on=day)


def assign(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    team_code: str | None,
    assignee_id: int | None,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    if not team_code:
        raise MissingDetail("Select the team", "team_code")
    assignee = session.get(Staff, assignee_id) if assignee_id else None
    if assignee_id and (assignee is None or not assignee.active):
        raise MissingDetail("Select a responding manager", "assignee_id")
    rep.assigned_team_code = team_code
    rep.assigned_staff_id = assignee.id if assignee else None
    _event(
        rep, staff, "assigned", now, team=team_code, to=assignee.display_name if assignee else None
    )


def extend(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    reason: str | None,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if not (reason or "").strip():
        raise MissingDetail("Give the reason for the extension", "reason")
    with session.no_autoflush:
        deadline = deadlines.stage_deadline(stage, timescales(session))
    if deadline is None or deadline.extended_limit is None:
        raise NotAllowed("This stage has no extended timescale")
    if stage.extended_to is not None:
        raise NotAllowed("This stage has already been extended to its limit")
    stage.extended_to = deadline.extended_limit
    stage.extension_reason = (reason or "").strip()
    _event(rep, staff, "extended", now, reason=stage.extension_reason, to=stage.extended_to)
    refresh(session, rep)
    notices.after_extend(session, rep, now=now)


def pause(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    reason: str | None,
    today: date,
    now: datetime,
) -> None:
    """Stop the clock while we wait on the person (for example, missing information)."""
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if stage.paused_since is not None:
        raise NotAllowed("The clock is already paused")
    if not (reason or "").strip():
        raise MissingDetail("Say what we are waiting for", "reason")
    stage.paused_since = today
    _event(rep, staff, "clock paused", now, reason=(reason or "").strip())
    refresh(session, rep)


def resume(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if stage.paused_since is None:
        raise NotAllowed("The clock is not paused")
    waited = working_days_between(stage.paused_since, today)
    stage.paused_days = (stage.paused_days or 0) + waited
    stage.paused_since = None
    _event(rep, staff, "clock restarted", now, paused_working_days=waited)
    refresh(session, rep)


def respond(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    on: date | None,
    point_outcomes: dict[int, str],
    actual_outcome_codes: Sequence[str],
    learning: str | None,
    actions: Sequence[ActionInput],
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if not rep.points:
        raise NotAllowed("Agree the statement of complaint before recording the response")
    day = _not_future(on, today, "on", "of the response")
    missing = [p.number for p in rep.points if point_outcomes.get(p.id) not in POINT_OUTCOMES]
    if missing:
        raise MissingDetail(f"Select an outcome for point {missing[0]}", f"point_{missing[0]}")
    stage.responded_on = day
    stage.point_outcomes = [
        PointOutcome(point_id=p.id, outcome=point_outcomes[p.id]) for p in rep.points
    ]
    stage.outcome = derive_outcome([point_outcomes[p.id] for p in rep.points])
    stage.actual_outcomes = list(
        session.scalars(
            select(Category).where(
                Category.vocabulary == "actual_outcome", Category.code.in_(actual_outcome_codes)
            )
        )
    )
    stage.learning = (learning or "").strip() or None
    stage.actions = [
        Action(text=a.text, owner=a.owner, due_on=a.due_on) for a in actions if a.text.strip()
    ]
    stage.paused_since = None
    _event(
        rep,
        staff,
        f"stage {stage.number} response",
        now,
        outcome=stage.outcome,
        on=day,
        actions=len(stage.actions),
    )
    refresh(session, rep)


def escalate(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    requested_on: date | None,
    investigating_officer: str | None,
    independent_person: str | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _open_stage(rep)
    if stage.responded_on is None:
        raise NotAllowed(f"Stage {stage.number} must be answered before the next stage")
    if stage.number >= deadlines.last_stage(rep.route):
        raise NotAllowed(f"Stage {stage.number} is the last stage of this procedure")
    day = _not_future(requested_on, today, "requested_on", "the person asked")
    if day < stage.responded_on:
        raise MissingDetail("The request cannot be before the response", "requested_on")
    number = stage.number + 1
    if rep.route == states.STATUTORY and number == 2:
        if not (investigating_officer or "").strip():
            raise MissingDetail("Enter the investigating officer", "investigating_officer")
        if not (independent_person or "").strip():
            raise MissingDetail("Enter the independent person", "independent_person")
    rep.stages.append(
        Stage(
            route=stage.route,
            number=number,
            requested_on=day,
            investigating_officer=(investigating_officer or "").strip() or None,
            independent_person=(independent_person or "").strip() or None,
        )
    )
    window = deadlines.escalation_window_ends(stage, timescales(session))
    late = window is not None and day > window
    _event(rep, staff, f"escalated to stage {number}", now, requested_on=day, late=late)
    rep.person_request = None
    refresh(session, rep)
    notices.after_escalate(session, rep, now=now)


def record_stage3_date(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    which: str,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    """Stage 3 has two dates that restart its clock: the panel meeting and its report."""
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    if stage.number != 3:
        raise NotAllowed("Only stage 3 has a review panel")
    day = _not_future(on, today, "on", "of the " + which)
    if which == "panel":
        stage.panel_on = day
    else:
        if stage.panel_on is None:
            raise NotAllowed("Record the panel meeting first")
        stage.report_on = day
    _event(rep, staff, f"stage 3 {which}", now, on=day)
    refresh(session, rep)


def refer_to_ombudsman(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    rep.ombudsman_referred_on = _not_future(on, today, "on", "the Ombudsman told us")
    _event(rep, staff, "Ombudsman enquiry", now, on=rep.ombudsman_referred_on)
    refresh(session, rep)


def record_ombudsman_decision(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    decision: str | None,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    if rep.ombudsman_referred_on is None:
        raise NotAllowed("Record the Ombudsman's enquiry first")
    if not decision:
        raise MissingDetail("Select the Ombudsman's decision", "decision")
    rep.ombudsman_decision = decision
    rep.ombudsman_decided_on = _not_future(on, today, "on", "of the decision")
    _event(rep, staff, "Ombudsman decision", now, decision=decision)


def withdraw(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    on: date | None,
    today: date,
    now: datetime,
) -> None:
    check_version(session, rep, seen_version)
    stage = _unanswered(rep)
    day = _not_future(on, today, "on", "it was withdrawn")
    stage.outcome = "withdrawn"
    stage.responded_on = day
    before = rep.status
    rep.status = states.CLOSED
    rep.closed_on = day
    event = _event(rep, staff, "withdrawn", now, on=day)
    event.from_status = before
    rep.person_request = None
    refresh(session, rep)


def close(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    seen_version: int,
    today: date,
    now: datetime,
) -> None:
    """Close once the last response is given and the person's time to escalate has passed."""
    check_version(session, rep, seen_version)
    stage = _open_stage(rep)
    if stage.responded_on is None:
        raise NotAllowed(f"Stage {stage.number} has not been answered yet")
    window = deadlines.escalation_window_ends(stage, timescales(session))
    final = stage.number >= deadlines.last_stage(rep.route)
    if not final and window is not None and today <= window:
        day = window.strftime("%-d %B %Y")
        raise NotAllowed(f"The person can ask for the next stage until {day}: close after that")
    rep.status = states.CLOSED
    rep.closed_on = today
    event = _event(rep, staff, "closed", now)
    event.from_status = states.OPEN
    refresh(session, rep)


def add_note(
    session: Session, rep: Representation, staff: Staff, *, text: str | None, now: datetime
) -> None:
    """A note on the timeline. Notes only add, so they do not need the page to be current."""
    if not (text or "").strip():
        raise MissingDetail("Enter the note", "text")
    _event(rep, staff, "note", now, reason=(text or "").strip())


def complete_action(
    session: Session,
    rep: Representation,
    staff: Staff,
    *,
    action_id: int,
    today: date,
    now: datetime,
) -> None:
    """Record that an action from a response has been done (today)."""
    action = session.get(Action, action_id)
    if action is None or action.stage.representation_id != rep.id:
        raise NotAllowed("That action is not part of this case")
    if action.done_on is not None:
        raise NotAllowed("That action is already done")
    action.done_on = today
    _event(rep, staff, "action done", now, reason=action.text, owner=action.owner)
