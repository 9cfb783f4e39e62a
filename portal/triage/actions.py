"""The stage actions as data: each names its form, who may use it, when it is offered and
the operation it runs. One view (``views.stage_action``) serves them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from portal.accounts.roles import CASEWORKERS, MANAGERS, TEAM
from portal.core.markers import N_
from portal.models import Representation, Staff
from portal.triage import deadlines, restrictions, stage_forms, stages, states
from portal.triage.stage_forms import ACTION_SLOTS, StageForm

Run = Callable[[Session, Representation, Staff, Any, date, datetime], None]


@dataclass(frozen=True)
class StageAction:
    slug: str
    title: str
    form: Callable[[Representation], type[StageForm]]
    run: Run
    offered: Callable[[Representation], bool]
    roles: tuple[str, ...] = TEAM
    button: str = N_("Save")


def _fixed(form: type[StageForm]) -> Callable[[Representation], type[StageForm]]:
    return lambda _rep: form


def _stage(rep: Representation) -> Any:
    return rep.current_stage if rep.status == states.OPEN and rep.route else None


def _unanswered(rep: Representation) -> bool:
    stage = _stage(rep)
    return stage is not None and stage.responded_on is None and stage.outcome is None


def _answered(rep: Representation) -> bool:
    stage = _stage(rep)
    return stage is not None and stage.responded_on is not None


def _actions_from(form: Any) -> list[stages.ActionInput]:
    found = []
    for slot in range(1, ACTION_SLOTS + 1):
        text = form[f"action{slot}_text"].data or ""
        if text.strip():
            found.append(
                stages.ActionInput(
                    text=text,
                    owner=form[f"action{slot}_owner"].data or "",
                    due_on=form[f"action{slot}_due"].data,
                )
            )
    return found


def _respond(
    s: Session, rep: Representation, staff: Staff, form: Any, today: date, now: datetime
) -> None:
    outcomes = {p.id: form[f"point_{p.number}"].data for p in rep.points}
    stages.respond(
        s,
        rep,
        staff,
        seen_version=int(form.version.data or 0),
        on=form.on.data,
        point_outcomes=outcomes,
        actual_outcome_codes=form.actual_outcomes.data or [],
        learning=form.learning.data,
        actions=_actions_from(form),
        today=today,
        now=now,
    )


def _restrict(s: Session, r: Representation, st: Staff, f: Any, t: date, n: datetime) -> None:
    restrictions.restrict(
        s, r, st, reason=f.reason.data, review_on=f.review_on.data, today=t, now=n
    )


def _v(form: Any) -> int:
    return int(form.version.data or 0)


ACTIONS: dict[str, StageAction] = {
    a.slug: a
    for a in (
        StageAction(
            "acknowledge",
            N_("Acknowledge"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.acknowledge(
                s, r, st, seen_version=_v(f), on=f.on.data, today=t, now=n
            ),
            lambda r: (
                _unanswered(r) and _stage(r).number == 1 and _stage(r).acknowledged_on is None
            ),
        ),
        StageAction(
            "statement",
            N_("Agree the statement of complaint"),
            _fixed(stage_forms.StatementForm),
            lambda s, r, st, f, t, n: stages.agree_statement(
                s, r, st, seen_version=_v(f), points=(f.points.data or "").splitlines(), now=n
            ),
            _unanswered,
        ),
        StageAction(
            "confirm-statement",
            N_("The person confirmed the statement"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.confirm_statement(
                s, r, st, seen_version=_v(f), on=f.on.data, today=t, now=n
            ),
            lambda r: _unanswered(r) and bool(r.points),
        ),
        StageAction(
            "assign",
            N_("Assign"),
            _fixed(stage_forms.AssignForm),
            lambda s, r, st, f, t, n: stages.assign(
                s,
                r,
                st,
                seen_version=_v(f),
                team_code=f.team_code.data,
                assignee_id=int(f.assignee_id.data) if f.assignee_id.data else None,
                now=n,
            ),
            lambda r: r.status == states.OPEN,
        ),
        StageAction(
            "extend",
            N_("Extend the timescale"),
            _fixed(stage_forms.ReasonForm),
            lambda s, r, st, f, t, n: stages.extend(
                s, r, st, seen_version=_v(f), reason=f.reason.data, now=n
            ),
            lambda r: (
                _unanswered(r)
                and _stage(r).extended_to is None
                and _stage(r).acknowledged_on is not None
            ),
        ),
        StageAction(
            "pause",
            N_("Pause the clock: waiting on the person"),
            _fixed(stage_forms.ReasonForm),
            lambda s, r, st, f, t, n: stages.pause(
                s, r, st, seen_version=_v(f), reason=f.reason.data, today=t, now=n
            ),
            lambda r: _unanswered(r) and _stage(r).paused_since is None,
        ),
        StageAction(
            "resume",
            N_("Restart the clock"),
            _fixed(stage_forms.ConfirmForm),
            lambda s, r, st, f, t, n: stages.resume(s, r, st, seen_version=_v(f), today=t, now=n),
            lambda r: _unanswered(r) and _stage(r).paused_since is not None,
        ),
        StageAction(
            "respond",
            N_("Record the response"),
            stage_forms.response_form,
            _respond,
            lambda r: _unanswered(r) and bool(r.points),
            roles=CASEWORKERS,
        ),
        StageAction(
            "escalate",
            N_("Escalate to the next stage"),
            _fixed(stage_forms.EscalateForm),
            lambda s, r, st, f, t, n: stages.escalate(
                s,
                r,
                st,
                seen_version=_v(f),
                requested_on=f.requested_on.data,
                investigating_officer=f.investigating_officer.data,
                independent_person=f.independent_person.data,
                today=t,
                now=n,
            ),
            lambda r: _answered(r) and _stage(r).number < deadlines.last_stage(r.route),
        ),
        StageAction(
            "panel",
            N_("Record the review panel meeting"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.record_stage3_date(
                s, r, st, seen_version=_v(f), which="panel", on=f.on.data, today=t, now=n
            ),
            lambda r: _unanswered(r) and _stage(r).number == 3 and _stage(r).panel_on is None,
        ),
        StageAction(
            "panel-report",
            N_("Record the panel's report"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.record_stage3_date(
                s, r, st, seen_version=_v(f), which="report", on=f.on.data, today=t, now=n
            ),
            lambda r: (
                _unanswered(r)
                and _stage(r).number == 3
                and _stage(r).panel_on is not None
                and _stage(r).report_on is None
            ),
        ),
        StageAction(
            "ombudsman",
            N_("Record an Ombudsman enquiry"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.refer_to_ombudsman(
                s, r, st, seen_version=_v(f), on=f.on.data, today=t, now=n
            ),
            lambda r: r.ombudsman_referred_on is None and r.route is not None,
        ),
        StageAction(
            "ombudsman-decision",
            N_("Record the Ombudsman's decision"),
            _fixed(stage_forms.OmbudsmanDecisionForm),
            lambda s, r, st, f, t, n: stages.record_ombudsman_decision(
                s, r, st, seen_version=_v(f), decision=f.decision.data, on=f.on.data, today=t, now=n
            ),
            lambda r: r.ombudsman_referred_on is not None and r.ombudsman_decision is None,
        ),
        StageAction(
            "withdraw",
            N_("The person withdrew the complaint"),
            _fixed(stage_forms.DateForm),
            lambda s, r, st, f, t, n: stages.withdraw(
                s, r, st, seen_version=_v(f), on=f.on.data, today=t, now=n
            ),
            _unanswered,
        ),
        StageAction(
            "note",
            N_("Add a note"),
            _fixed(stage_forms.NoteForm),
            lambda s, r, st, f, t, n: stages.add_note(s, r, st, text=f.text.data, now=n),
            lambda r: True,
            roles=CASEWORKERS,
        ),
        StageAction(
            "restrict-contact",
            N_("Restrict contact (unreasonable contact policy)"),
            _fixed(stage_forms.RestrictForm),
            lambda s, r, st, f, t, n: _restrict(s, r, st, f, t, n),
            lambda r: True,
            roles=MANAGERS,
        ),
        StageAction(
            "lift-restriction",
            N_("Lift the contact restriction"),
            _fixed(stage_forms.ConfirmForm),
            lambda s, r, st, f, t, n: restrictions.lift(s, r, st, now=n),
            lambda r: True,
            roles=MANAGERS,
        ),
        StageAction(
            "close",
            N_("Close the case"),
            _fixed(stage_forms.ConfirmForm),
            lambda s, r, st, f, t, n: stages.close(s, r, st, seen_version=_v(f), today=t, now=n),
            _answered,
            button=N_("Close the case"),
        ),
    )
}


def offered(rep: Representation, role: str) -> list[StageAction]:
    return [a for a in ACTIONS.values() if role in a.roles and a.offered(rep)]
