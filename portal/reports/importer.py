"""Import earlier years from another system, so a council that switches keeps its history.

One CSV row is one representation. A row with any problem is refused whole and reported by
row number, column and problem; the others are imported. Importing the same file again
changes nothing (rows are matched on ``external_ref`` and compared by a digest of the row), and
a corrected row replaces what the earlier import stored. The rollup counts each imported
representation in the same transaction, so the annual report shows it straight away.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.core.references import new_reference
from portal.core.timescales import due_date
from portal.intake.queries import timescales
from portal.models import Category, Event, Person, Representation, Stage
from portal.models.person import ADVOCATE, SUBMITTER
from portal.models.representation import COMPLAINT, COMPLIMENT, CONCERN
from portal.triage import states
from portal.triage.stages import refresh

COLUMNS = (
    "external_ref",
    "received_on",
    "route",
    "type",
    "method",
    "submitter_role",
    "young_person",
    "via_advocate",
    "service",
    "nature",
    "refusal_reason",
    "outcome_sought",
    "stage1_acknowledged_on",
    "stage1_extended",
    "stage1_responded_on",
    "stage1_outcome",
    "actual_outcome",
    "stage2_requested_on",
    "stage2_responded_on",
    "stage2_outcome",
    "stage3_requested_on",
    "stage3_responded_on",
    "stage3_outcome",
    "lgsco_received_on",
    "lgsco_decision",
    "compliment_category",
    "age_band",
    "gender",
    "ethnicity",
    "disability",
)
REQUIRED = ("external_ref", "received_on", "type")

# The file's type column -> (classification, how the representation counts).
TYPES: dict[str, str] = {
    "complaint": "complaint",
    "pre_complaint_to_complaint": "complaint",
    "area_initiated": "complaint",
    "refused": "refused",
    "pre_complaint": "pre_complaint",
    "professional": "professional",
    "lscb": "cp_conference",
    "lgsco": "ombudsman_enquiry",
    "case_concern": "case_concern",
    "miscellaneous": "outside_remit",
    "compliment": "compliment",
    "handoff": "handoff",
    "foi_sar": "foi_sar",
    "ad_hoc": "advice_only",
    "member_enquiry": "member_enquiry",
}
# The file's words for methods and roles where ours differ.
METHODS = {
    "email": "email",
    "letter": "letter",
    "complaint_form": "complaint_form",
    "e_form": "e_form",
    "telephone": "telephone",
    "in_person": "in_person",
    "via_lgsco": "via_ombudsman",
    "text_message": "text_message",
    "yp_form": "young_persons_form",
}
ROLES = {
    **{
        role: role
        for role in (
            "parent",
            "step_parent",
            "partner",
            "ex_partner",
            "adopter",
            "grandparent",
            "sibling",
            "other_relative",
            "foster_carer",
            "private_foster_carer",
            "prospective_adopter",
            "prospective_foster_carer",
            "adult_service_user",
            "young_person",
            "professional",
            "advocate",
            "other",
            "unknown",
        )
    },
    "friend_neighbour": "friend_or_neighbour",
}
STAGE_OUTCOMES = ("upheld", "partially_upheld", "not_upheld", "withdrawn", "no_finding")
# Columns matched against the council's editable lists, by label (or code), any case.
LISTED = {
    "service": "service",
    "nature": "nature",
    "refusal_reason": "refusal_reason",
    "outcome_sought": "outcome_sought",
    "actual_outcome": "actual_outcome",
    "lgsco_decision": "ombudsman_decision",
    "compliment_category": "compliment_category",
}
# Several outcomes can be given in one cell, separated by semicolons.
MANY = ("outcome_sought", "actual_outcome")
EQUALITY = ("age_band", "gender", "ethnicity", "disability")


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file; the header is line 1
    column: str
    problem: str


@dataclass
class Result:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    # (list, label) pairs added with --create-missing (or that would be, on a dry run).
    new_terms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems})


class _Row:
    """One row's values with the problems found while reading them."""

    def __init__(self, line: int, values: Mapping[str, str | None]) -> None:
        self.line = line
        self.values = {k: (v or "").strip() for k, v in values.items() if k in COLUMNS}
        self.problems: list[Problem] = []
        self.new_terms: dict[tuple[str, str], str] = {}

    def text(self, column: str) -> str:
        return self.values.get(column, "")

    def fail(self, column: str, problem: str) -> None:
        self.problems.append(Problem(self.line, column, problem))

    def date(self, column: str, *, today: date) -> date | None:
        raw = self.text(column)
        if not raw:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            self.fail(column, f"'{raw}' is not a date written YYYY-MM-DD")
            return None
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            self.fail(column, f"'{raw}' is not a real date")
            return None
        if day > today:
            self.fail(column, f"{raw} is in the future")
            return None
        return day

    def choice(self, column: str, allowed: Mapping[str, str] | Iterable[str]) -> str | None:
        raw = self.text(column).lower()
        if not raw:
            return None
        options = allowed if isinstance(allowed, Mapping) else {a: a for a in allowed}
        if raw not in options:
            self.fail(column, f"'{self.text(column)}' is not one of: {', '.join(options)}")
            return None
        return options[raw]

    def yes_no(self, column: str) -> bool | None:
        answer = self.choice(column, ("yes", "no"))
        return None if answer is None else answer == "yes"


class _Lists:
    """The editable lists, matched by label or code in any case; can add missing terms."""

    def __init__(self, session: Session, create_missing: bool) -> None:
        self.session = session
        self.create_missing = create_missing
        self.terms: dict[str, dict[str, Category]] = {}
        for category in session.scalars(select(Category)):
            found = self.terms.setdefault(category.vocabulary, {})
            found.setdefault(category.label.strip().casefold(), category)
            found.setdefault(category.code.casefold(), category)
        self.pending: dict[tuple[str, str], str] = {}

    def find(self, vocabulary: str, label: str) -> Category | None:
        return self.terms.get(vocabulary, {}).get(label.strip().casefold())

    def code_for(self, row: _Row, column: str, label: str) -> str | None:
        vocabulary = LISTED[column]
        found = self.find(vocabulary, label)
        if found is not None:
            return found.code
        if not self.create_missing:
            row.fail(column, f"'{label}' is not in the {vocabulary.replace('_', ' ')} list")
            return None
        # Kept with the row: a refused row must add nothing to the lists.
        row.new_terms[(vocabulary, label.strip().casefold())] = label.strip()
        return None  # resolved by ``add_pending`` before the row is stored

    def add_pending(self, result: Result, dry_run: bool) -> None:
        for (vocabulary, folded), label in self.pending.items():
            if self.find(vocabulary, folded) is not None:
                continue
            result.new_terms.append((vocabulary, label))
            if dry_run:
                continue
            category = Category(
                vocabulary=vocabulary,
                code=self._free_code(vocabulary, label),
                label=label[:200],
                position=self._next_position(vocabulary),
            )
            self.session.add(category)
            self.session.flush()
            self.terms.setdefault(vocabulary, {})[folded] = category
            self.terms[vocabulary][category.code.casefold()] = category
        self.pending.clear()

    def _free_code(self, vocabulary: str, label: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:50] or "term"
        code, n = base, 2
        while code.casefold() in self.terms.get(vocabulary, {}):
            code, n = f"{base}_{n}", n + 1
        return code

    def _next_position(self, vocabulary: str) -> int:
        highest = self.session.scalar(
            select(func.max(Category.position)).where(Category.vocabulary == vocabulary)
        )
        return (highest or 0) + 1


def _digest(values: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def read_rows(text: str) -> tuple[list[_Row], list[Problem]]:
    """The rows of the file, or the problems with its header that stop the whole import."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    problems = [Problem(1, name, "is a required column") for name in REQUIRED if name not in header]
    problems += [
        Problem(1, name, "is not a column this import knows (see the list in the docs)")
        for name in header
        if name not in COLUMNS
    ]
    if problems:
        return [], problems
    rows: list[_Row] = []
    while True:
        first_line = reader.line_num + 1  # a quoted cell may run over several lines
        try:
            values = next(reader)
        except StopIteration:
            return rows, []
        rows.append(_Row(first_line, values))


def import_representations(
    session: Session,
    text: str,
    *,
    today: date,
    now: datetime,
    dry_run: bool = False,
    create_missing: bool = False,
    source: str = "import",
) -> Result:
    """Check every row, then store the good ones (nothing is stored on a dry run).

    Never commits: the caller commits, or rolls back for a dry run.
    """
    result = Result()
    rows, header_problems = read_rows(text)
    if header_problems:
        result.problems = header_problems
        return result
    lists = _Lists(session, create_missing)
    limits = timescales(session)
    seen: dict[str, int] = {}
    checked: list[tuple[_Row, dict[str, Any]]] = []
    for row in rows:
        parsed = _check(row, lists, today)
        ref = row.text("external_ref")
        if ref and ref in seen:
            row.fail("external_ref", f"'{ref}' is already used on line {seen[ref]}")
        elif ref:
            seen[ref] = row.line
        if row.problems:
            result.problems.extend(row.problems)
        else:
            checked.append((row, parsed))
            for key, label in row.new_terms.items():
                lists.pending.setdefault(key, label)
    lists.add_pending(result, dry_run)
    for row, parsed in checked:
        for column in LISTED:
            labels = parsed["labels"].get(column, [])
            parsed["codes"][column] = [lists.find(LISTED[column], label) for label in labels]
        existing = session.scalar(
            select(Representation).where(Representation.external_ref == row.text("external_ref"))
        )
        digest = _digest(row.values)
        if existing is not None and existing.import_digest == digest:
            result.unchanged += 1
            continue
        if existing is not None:
            result.updated += 1
        else:
            result.added += 1
        if dry_run:
            continue
        _store(session, existing, row, parsed, digest, limits, now, source)
    return result


def _check(row: _Row, lists: _Lists, today: date) -> dict[str, Any]:
    """Read and check every column; problems are kept on the row."""
    for column in REQUIRED:
        if not row.text(column):
            row.fail(column, "is required")
    if len(row.text("external_ref")) > 100:
        row.fail("external_ref", "must be 100 characters or fewer")
    parsed: dict[str, Any] = {"labels": {}, "codes": {}}
    received = row.date("received_on", today=today)
    parsed["received_on"] = received
    kind = row.choice("type", TYPES)
    file_type = row.text("type").lower()
    route = row.choice("route", ("statutory", "corporate", "other"))
    parsed["type"], parsed["file_type"], parsed["route"] = kind, file_type, route
    is_complaint = kind in ("complaint", "refused")
    if kind == "complaint" and route not in ("statutory", "corporate"):
        row.fail("route", f"must be statutory or corporate for type {file_type}")
    parsed["method"] = row.choice("method", METHODS)
    parsed["submitter_role"] = row.choice("submitter_role", ROLES)
    parsed["young_person"] = row.yes_no("young_person")
    parsed["via_advocate"] = row.yes_no("via_advocate")
    for column in LISTED:
        raw = row.text(column)
        if not raw:
            continue
        labels = [part.strip() for part in raw.split(";")] if column in MANY else [raw]
        labels = [label for label in labels if label]
        for label in labels:
            lists.code_for(row, column, label)
        parsed["labels"][column] = labels
    for column in EQUALITY:
        raw = row.text(column)
        if raw:
            found = lists.terms.get(column, {}).get(raw.casefold())
            if found is None:
                row.fail(column, f"'{raw}' is not in the {column.replace('_', ' ')} list")
            else:
                parsed[column] = found.code
    parsed["stages"] = _check_stages(row, parsed, received, today, kind == "complaint")
    if not is_complaint and any(parsed["stages"]):
        row.fail("type", f"a {file_type or 'representation'} has no complaint stages")
    lgsco = row.date("lgsco_received_on", today=today)
    if row.text("lgsco_decision") and lgsco is None and not row.problems:
        row.fail("lgsco_decision", "needs lgsco_received_on")
    if lgsco and received and lgsco < received:
        row.fail("lgsco_received_on", "is before received_on")
    parsed["lgsco_received_on"] = lgsco
    return parsed


def _check_stages(
    row: _Row, parsed: dict[str, Any], received: date | None, today: date, complaint: bool
) -> list[dict[str, Any] | None]:
    stages: list[dict[str, Any] | None] = []
    previous_answer = received
    for number in (1, 2, 3):
        prefix = f"stage{number}_"
        start_column = "stage1_acknowledged_on" if number == 1 else f"{prefix}requested_on"
        start = row.date(start_column, today=today)
        responded = row.date(f"{prefix}responded_on", today=today)
        outcome = row.choice(f"{prefix}outcome", STAGE_OUTCOMES)
        extended = row.yes_no("stage1_extended") if number == 1 else None
        given = start or responded or outcome or extended
        if number > 1 and not given:
            stages.append(None)
            continue
        if number == 1 and not given and not complaint:
            stages.append(None)
            continue
        if number == 3 and parsed.get("route") == "corporate":
            row.fail(start_column, "a corporate complaint has no stage 3")
        if number > 1 and start is None:
            row.fail(start_column, f"is needed when stage {number} has other details")
        previous = stages[-1] if number > 1 else None
        if number > 1 and (previous is None or previous["responded_on"] is None):
            # As on the staff pages: a stage is asked for once the one before was answered.
            row.fail(start_column, f"stage {number} needs stage {number - 1} first")
        if start and previous_answer and start < previous_answer:
            later = "received_on" if number == 1 else f"stage{number - 1}_responded_on"
            row.fail(start_column, f"is before {later}")
        if responded and start and responded < start:
            row.fail(f"{prefix}responded_on", f"is before {start_column}")
        if outcome and responded is None:
            row.fail(f"{prefix}outcome", f"needs {prefix}responded_on")
        stages.append(
            {
                "start": start,
                "responded_on": responded,
                "outcome": outcome,
                "extended": extended,
            }
        )
        previous_answer = responded
    return stages


def _store(
    session: Session,
    rep: Representation | None,
    row: _Row,
    parsed: dict[str, Any],
    digest: str,
    limits: Mapping[str, Any],
    now: datetime,
    source: str,
) -> None:
    received: date = parsed["received_on"]
    replacing = rep is not None
    if rep is None:
        rep = Representation(
            reference=_free_reference(session),
            idempotency_key="import-"
            + hashlib.sha256(row.text("external_ref").encode()).hexdigest()[:48],
            external_ref=row.text("external_ref"),
        )
        session.add(rep)
    else:
        rep.stages.clear()
        rep.people.clear()
        rep.outcomes_sought.clear()
        session.flush()
    codes = parsed["codes"]

    def first(column: str) -> str | None:
        found = codes.get(column) or []
        return found[0].code if found and found[0] is not None else None

    kind, route = parsed["type"], parsed["route"]
    file_type = parsed["file_type"]
    young_person = bool(parsed["young_person"]) or bool(parsed["via_advocate"])
    young_person = young_person or parsed["submitter_role"] == "young_person"
    rep.import_digest = digest
    rep.kind = {"compliment": COMPLIMENT, "case_concern": CONCERN}.get(kind, COMPLAINT)
    rep.journey = "import"
    rep.method = parsed["method"] or ""
    rep.submitter_role = parsed["submitter_role"] or "unknown"
    rep.received_at = datetime.combine(received, time(12), tzinfo=UTC)
    rep.received_on = received
    rep.young_person = young_person
    rep.service_code = first("service")
    rep.nature_code = first("nature")
    rep.refusal_reason_code = first("refusal_reason")
    rep.compliment_category_code = first("compliment_category")
    rep.from_pre_complaint = file_type == "pre_complaint_to_complaint"
    rep.area_initiated = file_type == "area_initiated"
    rep.outcomes_sought = [c for c in codes.get("outcome_sought", []) if c is not None]
    rep.ombudsman_referred_on = parsed["lgsco_received_on"]
    rep.ombudsman_decision = first("lgsco_decision")
    rep.ombudsman_decided_on = rep.ombudsman_referred_on if rep.ombudsman_decision else None
    if kind == "complaint":
        rep.classification = f"{route}_complaint"
        rep.route = route
    else:
        rep.classification = kind
        rep.route = route if route in ("statutory", "corporate") else None
    actual = [c for c in codes.get("actual_outcome", []) if c is not None]
    last_answered: date | None = None
    open_stage = False
    for number, stage_data in enumerate(parsed["stages"], start=1):
        if stage_data is None or rep.route is None or kind != "complaint":
            continue
        stage = Stage(
            route=rep.route,
            number=number,
            requested_on=received if number == 1 else stage_data["start"],
            acknowledged_on=stage_data["start"] if number == 1 else None,
            responded_on=stage_data["responded_on"],
            outcome=stage_data["outcome"],
        )
        if stage_data["extended"] and stage.acknowledged_on:
            key = f"{rep.route}_stage1"
            stage.extended_to = due_date(stage.acknowledged_on, limits[key], extended=True)
        if number == 1:
            # The actual outcome in the file is the first response's (001 Table 8a).
            stage.actual_outcomes = actual
        rep.stages.append(stage)
        open_stage = stage.responded_on is None
        last_answered = stage.responded_on or last_answered
    submitter = Person(part=SUBMITTER, **{q: parsed.get(q) for q in EQUALITY})
    rep.people.append(submitter)
    if parsed["via_advocate"]:
        rep.people.append(Person(part=ADVOCATE))
    if open_stage:
        rep.status = states.OPEN
        rep.closed_on = None
    else:
        # Earlier years arrive finished; a complaint whose stage is still unanswered arrives
        # open, to be worked in the portal from here on.
        rep.status = states.CLOSED
        rep.closed_on = last_answered or received
    refresh(session, rep)
    rep.events.append(
        Event(
            at=now,
            actor="system:import",
            action="re-imported" if replacing else "imported",
            to_status=rep.status,
            detail={"source": source, "line": row.line, "type": file_type},
        )
    )
    session.flush()


def _free_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        if (
            session.scalar(select(Representation.id).where(Representation.reference == reference))
            is None
        ):
            return reference


def problems_csv(problems: list[Problem]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "column", "problem"])
    writer.writerows((p.row, p.column, p.problem) for p in problems)
    return buffer.getvalue()
