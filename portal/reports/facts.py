"""The counting rules: what one representation adds to each table of the annual report.

Every rule lives here and nowhere else. The rollup (``rollup.py``) stores what this returns
and keeps the monthly tallies in step; a full recount calls the same function, so a report
and its recount cannot disagree about what is counted. ``docs/counting-rules.md`` says the
same in words, table by table, and ``tests/reports/test_counting_rules.py`` pins each rule.

The rules follow the seed reports (``../shared/seeds``): a representation is counted once, in
the period it was received (000 §3.1, 001 Table 1a); timescales, stage outcomes and actual
outcomes are counted when the stage was completed (001 Table 2: "responded to within the
reporting period"); Ombudsman referrals when the Ombudsman told us, decisions when made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from portal.core.timescales import Timescale
from portal.core.workdays import working_days_between

if TYPE_CHECKING:
    from portal.models import Representation, Stage

STATUTORY = "statutory"
CORPORATE = "corporate"
OTHER = "other"
NOT_RECORDED = "not_recorded"

# Table 1a's "other" rows, from the classification the complaints team chose.
OTHER_TYPES: dict[str | None, str] = {
    None: "awaiting_triage",
    "pre_complaint": "pre_complaint",
    "deferred": "deferred",
    "professional": "professional",
    "cp_conference": "lscb",
    "ombudsman_enquiry": "lgsco",
    "case_concern": "case_concern",
    "outside_remit": "miscellaneous",
    "compliment": "compliment",
    "handoff": "handoff",
    "foi_sar": "foi_sar",
    "advice_only": "ad_hoc",
    "member_enquiry": "member_enquiry",
}
COMPLAINT_TYPES = ("complaint", "pre_complaint_to_complaint", "area_initiated", "refused")

TIMESCALE_BUCKETS = ("within_target", "within_extension", "over")


@dataclass(frozen=True, order=True)
class Fact:
    """One number a representation adds to a table: a cell, the day it counts on, whether the
    young people's subset includes it, and (for timescales) the working days taken."""

    table: str
    section: str
    row: str
    col: str
    day: date
    young_person: bool
    value: int = 0

    @property
    def month(self) -> int:
        return self.day.year * 100 + self.day.month


def representation_type(rep: Representation) -> tuple[str, str]:
    """The (section, row) of Table 1a: statutory or corporate with four kinds, or "other"."""
    code = rep.classification
    if code in ("statutory_complaint", "corporate_complaint"):
        section = STATUTORY if code == "statutory_complaint" else CORPORATE
        if rep.area_initiated:
            return section, "area_initiated"
        if rep.from_pre_complaint:
            return section, "pre_complaint_to_complaint"
        return section, "complaint"
    if code == "refused":
        # A refusal is counted under the procedure it was refused from (001 Table 1b).
        return (rep.route if rep.route in (STATUTORY, CORPORATE) else OTHER), "refused"
    return OTHER, OTHER_TYPES.get(code, code or "awaiting_triage")


def stage_days(stage: Stage) -> int:
    """Working days a completed stage took: stage 1 from acknowledgement (or receipt when
    none was recorded), later stages from the request; days spent waiting on the person are
    not counted against the council, as on the deadline itself."""
    if stage.responded_on is None:
        raise ValueError("stage_days needs a stage that has been responded to")
    start = stage.acknowledged_on if stage.number == 1 and stage.acknowledged_on else None
    start = start or stage.requested_on
    return max(0, working_days_between(start, stage.responded_on) - (stage.paused_days or 0))


def stage_limits(route: str, number: int, timescales: Mapping[str, Timescale]) -> tuple[int, int]:
    """(target, extended limit) in working days; without an extension both are the target.

    Statutory stage 3 has three clocks (panel, report, response); its whole target is their
    sum, 50 working days by default, as 001 Table 2 counts it.
    """
    if route == STATUTORY and number == 3:
        total = sum(
            timescales[key].target_days
            for key in (
                "statutory_stage3_panel",
                "statutory_stage3_report",
                "statutory_stage3_response",
            )
        )
        return total, total
    timescale = timescales[f"{route}_stage{number}"]
    return timescale.target_days, timescale.extended_days or timescale.target_days


def timescale_bucket(days: int, limits: tuple[int, int]) -> str:
    target, extended = limits
    if days <= target:
        return "within_target"
    if days <= extended:
        return "within_extension"
    return "over"


def facts_for(rep: Representation, timescales: Mapping[str, Timescale]) -> list[Fact]:
    """Everything ``rep`` adds to the report, as a sorted list (a stable order makes the
    rollup's writes take row locks in the same order in every transaction)."""
    yp = bool(rep.young_person)
    received = rep.received_on
    facts: list[Fact] = []

    def add(table: str, section: str, row: str, col: str = "", *, day: date = received,
            young_person: bool = yp, value: int = 0) -> None:  # fmt: skip
        facts.append(Fact(table, section, row, col, day, young_person, value))

    section, kind = representation_type(rep)
    add("representations_by_type", section, kind)
    is_complaint = section in (STATUTORY, CORPORATE)

    if kind == "refused":
        add("refusal_reasons", section, rep.refusal_reason_code or NOT_RECORDED)

    if is_complaint:
        # Tables 3 to 7 and 10 count the statutory and corporate representations of Table 1a
        # (001: 308 = 192 statutory + 116 non-statutory), refusals included.
        add("methods", "", rep.method or NOT_RECORDED)
        add("roles", "", rep.submitter_role or "unknown")
        add("natures", section, rep.nature_code or NOT_RECORDED)
        add("services", section, rep.service_code or NOT_RECORDED)
        sought = sorted({c.code for c in rep.outcomes_sought}) or [NOT_RECORDED]
        for code in sought:
            add("outcomes_sought", "", code, section)
        submitter = next((p for p in rep.people if p.part == "submitter"), None)
        for question in ("age_band", "gender", "ethnicity", "disability"):
            answer = getattr(submitter, question, None) if submitter else None
            add("equality", question, answer or NOT_RECORDED)

    for stage in rep.stages:
        if stage.number == 1 and stage.acknowledged_on is not None:
            # The Complaint Handling Code asks for acknowledgement within 5 working days.
            days = working_days_between(stage.requested_on, stage.acknowledged_on)
            target = timescales["acknowledgement"].target_days
            bucket = "within_target" if days <= target else "over"
            add("acknowledgements", stage.route, bucket, day=stage.acknowledged_on, value=days)
        if stage.responded_on is None:
            continue
        done = stage.responded_on
        col = f"{stage.route}_{stage.number}"
        add("stage_outcomes", "", stage.outcome or NOT_RECORDED, col, day=done)
        actual = sorted({c.code for c in stage.actual_outcomes})
        if stage.outcome == "withdrawn":
            # Withdrawn before a response: nothing to time; counted as an actual outcome of
            # its own, as 001 Table 8a does.
            for code in actual or ["complaint_withdrawn"]:
                add("actual_outcomes", "", code, col, day=done)
            continue
        if not rep.area_initiated:
            # Area-initiated complaints are answered by the team, outside the complaints
            # team's timescales, and 001 §4.4.1 leaves them out of Table 2.
            days = stage_days(stage)
            limits = stage_limits(stage.route, stage.number, timescales)
            add("timescales", col, timescale_bucket(days, limits), day=done, value=days)
        for code in actual or [NOT_RECORDED]:
            add("actual_outcomes", "", code, col, day=done)
        if (stage.learning or "").strip():
            add("learning", "", "stages_with_learning", col, day=done)
        for action in stage.actions:
            add("learning", "", "actions_agreed", col, day=done)
            if action.done_on is not None:
                add("learning", "", "actions_done", col, day=done)

    referred = rep.ombudsman_referred_on
    if referred is None and rep.classification == "ombudsman_enquiry":
        referred = received
    if referred is not None:
        add("ombudsman", "referrals", rep.route or OTHER, day=referred)
        if rep.ombudsman_decision is None:
            add("ombudsman", "decisions", "awaiting", day=referred)
        else:
            add("ombudsman", "decisions", rep.ombudsman_decision,
                day=rep.ombudsman_decided_on or referred)  # fmt: skip

    if rep.classification == "compliment":
        add("compliments", "category", rep.compliment_category_code or NOT_RECORDED)
        add("compliments", "service", rep.service_code or NOT_RECORDED)

    facts.sort()
    return facts
