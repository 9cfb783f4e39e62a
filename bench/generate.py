"""A seeded, realistic mix of representations over ten financial years, for the benchmark.

Each representation is drawn once, as plain values, and then used twice: as the rows the
portal stores (representation, person, stage, action and the two association tables) and as
a plain object with exactly the attributes ``facts_for`` reads. The report entries and
monthly tallies the benchmark stores are therefore what the portal's own rollup would store
for those rows, without a million trips through the ORM; ``report_bench.check_sample`` reads
a sample back through the ORM and compares, and ``--recount`` compares every tally.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table

from portal.core.timescales import Timescale
from portal.core.vocab import VOCABULARIES
from portal.core.workdays import add_working_days
from portal.models import (
    Action,
    Person,
    ReportEntry,
    Representation,
    Stage,
    representation_outcomes_sought,
)
from portal.models.stage import stage_actual_outcomes

# Private helpers, used on purpose: the stored entries and tally keys must have exactly the
# shape the rollup gives them, or the benchmark would time a database the portal never makes.
from portal.reports.facts import facts_for, stage_limits
from portal.reports.rollup import _KEY, _entry, _fact_key

SEED = 5
FIRST_YEAR = 2016  # 2016/17, the first of ten financial years
YEARS = 10  # to 2025/26
# The data stands as it did on this day: nothing later has happened yet (a response due
# after it is still awaited), so the set is the same whatever day the benchmark runs.
AS_OF = date(FIRST_YEAR + YEARS, 10, 31)

# Share of all representations (per cent) by the classification the complaints team chose;
# None is "not yet classified". About 30% are statutory or corporate complaints, refusals
# included, roughly as in the seed reports' Table 1a.
CLASSIFICATION_MIX: tuple[tuple[str | None, float], ...] = (
    ("statutory_complaint", 15.0),
    ("corporate_complaint", 12.0),
    ("refused", 3.0),
    ("case_concern", 30.0),
    ("compliment", 12.0),
    ("advice_only", 8.0),
    ("pre_complaint", 5.0),
    ("handoff", 4.0),
    ("outside_remit", 3.0),
    ("professional", 2.0),
    ("member_enquiry", 2.0),
    ("foi_sar", 1.5),
    ("deferred", 1.0),
    ("cp_conference", 1.0),
    ("ombudsman_enquiry", 0.3),
    (None, 0.2),
)
COMPLAINTS = {"statutory_complaint": "statutory", "corporate_complaint": "corporate"}
YOUNG_PEOPLE = 0.03
FROM_PRE_COMPLAINT = 0.10
AREA_INITIATED = 0.06
OMBUDSMAN_AFTER_RESPONSE = 0.035  # of answered complaints: about 1% of everything
ESCALATED = {2: 0.12, 3: 0.25}  # answered stage 1 -> stage 2, stage 2 -> stage 3 (statutory)
EQUALITY_ANSWERED = 0.4

# Weights where the vocabulary's order is not the order of frequency; other lists fall off
# down the list (see ``_skewed``). Zero: never drawn for an adult (young people's own form).
WEIGHTS: dict[str, dict[str, float]] = {
    "method": {
        "email": 34,
        "letter": 8,
        "complaint_form": 4,
        "e_form": 26,
        "telephone": 15,
        "in_person": 3,
        "via_ombudsman": 1,
        "text_message": 2,
        "young_persons_form": 0,
        "other": 4,
    },
    "role": {
        "parent": 46,
        "grandparent": 9,
        "foster_carer": 8,
        "professional": 7,
        "other_relative": 5,
        "special_guardian": 3,
        "other": 3,
        "adopter": 2,
        "ex_partner": 2,
        "step_parent": 2,
        "adult_service_user": 2,
        "unknown": 2,
        "young_person": 0,
        "advocate": 0,
    },
    "ethnicity": {
        "white_british": 68,
        "prefer_not_to_say": 8,
        "white_other": 5,
        "asian_indian": 3,
        "black_african": 2.5,
        "asian_pakistani": 2,
    },
    "stage_outcome": {
        "upheld": 20,
        "partially_upheld": 30,
        "not_upheld": 40,
        "withdrawn": 5,
        "no_finding": 5,
    },
}
# What is recorded as the actual outcome of a response that was not withdrawn.
NOT_ACTUAL = {"complaint_withdrawn", "complaint_refused"}
# Working days to acknowledge stage 1, and how often: the Code's target is 5.
ACKNOWLEDGED_IN = (1, 2, 3, 4, 5, 7, 10)
ACKNOWLEDGED_WEIGHTS = (30, 25, 15, 10, 10, 6, 4)


def _skewed(count: int) -> list[float]:
    """Weights falling off down a list, so the tables have the long tail real reports have."""
    return [1 / (rank + 1) ** 0.9 for rank in range(count)]


@dataclass
class Rows:
    """The rows one batch of representations adds, by table, in foreign-key order."""

    representation: list[dict[str, Any]] = field(default_factory=list)
    person: list[dict[str, Any]] = field(default_factory=list)
    outcome_sought: list[dict[str, Any]] = field(default_factory=list)
    stage: list[dict[str, Any]] = field(default_factory=list)
    actual_outcome: list[dict[str, Any]] = field(default_factory=list)
    action: list[dict[str, Any]] = field(default_factory=list)
    report_entry: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (Representation.__table__, self.representation),  # type: ignore[list-item]
            (Person.__table__, self.person),  # type: ignore[list-item]
            (representation_outcomes_sought, self.outcome_sought),
            (Stage.__table__, self.stage),  # type: ignore[list-item]
            (stage_actual_outcomes, self.actual_outcome),
            (Action.__table__, self.action),  # type: ignore[list-item]
            (ReportEntry.__table__, self.report_entry),  # type: ignore[list-item]
        ]


class Generator:
    """Draws representations 0..total-1 in order from one ``random.Random(seed)``, so the
    same total always gives the same data however it is batched."""

    def __init__(
        self,
        total: int,
        category_ids: Mapping[tuple[str, str], int],
        limits: Mapping[str, Timescale],
        *,
        with_entries: bool = True,
        seed: int = SEED,
    ) -> None:
        self.rng = random.Random(seed)
        self.total = total
        self.category_ids = category_ids
        self.limits = limits
        self.with_entries = with_entries
        self.first_day = date(FIRST_YEAR, 4, 1)
        self.data_ends = date(FIRST_YEAR + YEARS, 4, 1)
        self.span = (self.data_ends - self.first_day).days
        self.next_stage_id = 1
        # (month, table, section, row, col, young person) -> [count, value], as the rollup.
        self.tallies: dict[tuple[Any, ...], list[int]] = {}
        self._kinds = [code for code, _share in CLASSIFICATION_MIX]
        self._kind_weights = list(accumulate(share for _code, share in CLASSIFICATION_MIX))
        self._codes: dict[str, list[str]] = {}
        self._cumulative: dict[str, list[float]] = {}
        for vocabulary, terms in VOCABULARIES.items():
            codes = [term.code for term in terms]
            if vocabulary == "actual_outcome":
                codes = [code for code in codes if code not in NOT_ACTUAL]
            override = WEIGHTS.get(vocabulary, {})
            default = _skewed(len(codes))
            weights = [override.get(code, d) for code, d in zip(codes, default, strict=True)]
            self._codes[vocabulary] = codes
            self._cumulative[vocabulary] = list(accumulate(weights))
        self._categories: dict[str, SimpleNamespace] = {}

    # --- drawing ---------------------------------------------------------------------------

    def pick(self, vocabulary: str) -> str:
        codes, weights = self._codes[vocabulary], self._cumulative[vocabulary]
        return self.rng.choices(codes, cum_weights=weights)[0]

    def pick_some(self, vocabulary: str, most: int) -> list[str]:
        """One to ``most`` different codes, fewer more likely."""
        wanted = self.rng.choices(range(1, most + 1), weights=_skewed(most))[0]
        chosen: list[str] = []
        while len(chosen) < wanted:
            code = self.pick(vocabulary)
            if code not in chosen:
                chosen.append(code)
        return chosen

    def maybe(self, share: float, vocabulary: str) -> str | None:
        return self.pick(vocabulary) if self.rng.random() < share else None

    def category(self, code: str) -> SimpleNamespace:
        """What ``facts_for`` reads of a Category: only its code."""
        found = self._categories.get(code)
        if found is None:
            found = self._categories[code] = SimpleNamespace(code=code)
        return found

    # --- one batch -------------------------------------------------------------------------

    def batch(self, start: int, stop: int) -> Rows:
        rows = Rows()
        for number in range(start, stop):
            self._representation(number, rows)
        return rows

    def _representation(self, number: int, rows: Rows) -> None:
        rng = self.rng
        rep_id = number + 1
        # Spread evenly over the ten years: every financial year gets a tenth.
        received = self.first_day + timedelta(days=number * self.span // self.total)
        classification = rng.choices(self._kinds, cum_weights=self._kind_weights)[0]
        route = COMPLAINTS.get(classification or "")
        is_complaint = route is not None
        if classification == "refused":
            route = rng.choices(("statutory", "corporate", None), weights=(45, 50, 5))[0]
        from_pre = is_complaint and rng.random() < FROM_PRE_COMPLAINT
        area = is_complaint and not from_pre and rng.random() < AREA_INITIATED
        young = rng.random() < YOUNG_PEOPLE
        if young:
            role = "advocate" if rng.random() < 0.3 else "young_person"
            journey = "advocate" if role == "advocate" else "young-person"
            method = "young_persons_form" if rng.random() < 0.6 else self.pick("method")
        else:
            role = self.pick("role")
            method = self.pick("method")
            journey = {"compliment": "compliment", "case_concern": "concern"}.get(
                classification or "", "adult"
            )
        counted_as_complaint = is_complaint or classification == "refused"
        sought = (
            self.pick_some("outcome_sought", 3)
            if counted_as_complaint and rng.random() < 0.9
            else []
        )
        equality: dict[str, str | None] = dict.fromkeys(
            ("age_band", "gender", "ethnicity", "disability")
        )
        if not young and rng.random() < EQUALITY_ANSWERED:
            equality = {question: self.maybe(0.85, question) for question in equality}

        stages = self._stages(rep_id, route, received, area, rows) if route and is_complaint else []
        answered = [s.responded_on for s in stages if s.responded_on is not None]
        still_open = any(s.responded_on is None for s in stages)

        referred = decision = decided = None
        if classification == "ombudsman_enquiry":
            referred = received
        elif answered and not still_open and rng.random() < OMBUDSMAN_AFTER_RESPONSE:
            referred = answered[-1] + timedelta(days=rng.randint(20, 200))
        if referred is not None and referred > AS_OF:
            referred = None
        if referred is not None and rng.random() < 0.85:
            decided = referred + timedelta(days=rng.randint(20, 150))
            decision = self.pick("ombudsman_decision") if decided <= AS_OF else None
            decided = decided if decision else None

        status = {
            None: "new",
            "pre_complaint": "pre_complaint",
            "deferred": "deferred",
            "ombudsman_enquiry": "open",
        }.get(classification, "open" if still_open else "closed")
        rep: dict[str, Any] = {
            "id": rep_id,
            "reference": f"B{number:09d}",
            "idempotency_key": f"bench-{number:09d}",
            "kind": {"compliment": "compliment", "case_concern": "concern"}.get(
                classification or "", "complaint"
            ),
            "journey": journey,
            "submitter_role": role,
            "method": method,
            "status": status,
            "received_at": datetime.combine(
                received, time(8 + rng.randrange(10), rng.randrange(60)), tzinfo=UTC
            ),
            "received_on": received,
            "language": "en",
            "service_code": self.maybe(0.95, "service"),
            "young_person": young,
            "safeguarding": False,
            "safeguarding_phrases": [],
            "possible_case_concern": classification == "case_concern",
            "out_of_time": False,
            "classification": classification,
            "route": route,
            "nature_code": self.maybe(
                0.95 if counted_as_complaint else 0.5 if classification == "case_concern" else 0,
                "nature",
            ),
            "refusal_reason_code": (
                self.maybe(0.9, "refusal_reason") if classification == "refused" else None
            ),
            "compliment_category_code": (
                self.maybe(0.95, "compliment_category") if classification == "compliment" else None
            ),
            "from_pre_complaint": from_pre,
            "area_initiated": area,
            "ombudsman_referred_on": referred,
            "ombudsman_decision": decision,
            "ombudsman_decided_on": decided,
            "closed_on": (answered[-1] if answered else received) if status == "closed" else None,
            "queue_rank": 15,
            "version": 1,
        }
        rows.representation.append(rep)
        rows.person.append(
            {
                "representation_id": rep_id,
                "part": "submitter",
                "contact_routes": [],
                "unsafe_routes": {},
                **equality,
            }
        )
        rows.outcome_sought.extend(
            {"representation_id": rep_id, "category_id": self.category_ids[("outcome_sought", c)]}
            for c in sought
        )

        # The same values as ``facts_for`` sees them on a Representation loaded by the ORM.
        plain: Any = SimpleNamespace(
            **rep,
            people=[SimpleNamespace(part="submitter", **equality)],
            outcomes_sought=[self.category(code) for code in sought],
            stages=stages,
        )
        self._count(rep_id, facts_for(plain, self.limits), rows)

    def _stages(
        self, rep_id: int, route: str, received: date, area: bool, rows: Rows
    ) -> list[SimpleNamespace]:
        """Stage 1 for every complaint (answered unless it arrived in the last weeks), and
        now and then stage 2 and (statutory) stage 3, with outcomes, learning and actions."""
        rng = self.rng
        made: list[SimpleNamespace] = []
        requested = received
        for number in (1, 2, 3):
            if number > 1:
                previous = made[-1]
                if number == 3 and route != "statutory":
                    break
                if previous.responded_on is None or previous.outcome == "withdrawn" or area:
                    break
                if rng.random() >= ESCALATED[number]:
                    break
                requested = previous.responded_on + timedelta(days=rng.randint(1, 20))
                if requested > AS_OF:
                    break
            acknowledged = None
            if number == 1 and rng.random() < 0.9:
                days = rng.choices(ACKNOWLEDGED_IN, ACKNOWLEDGED_WEIGHTS)[0]
                acknowledged = add_working_days(requested, days)
            target, extended = stage_limits(route, number, self.limits)
            paused = rng.randint(1, 10) if rng.random() < 0.1 else 0
            responded = outcome = learning = None
            waiting = requested >= self.data_ends - timedelta(days=45) and rng.random() < 0.5
            if not waiting:
                taken = self._working_days_taken(target, extended)
                responded = add_working_days(acknowledged or requested, taken + paused)
                if responded > AS_OF:
                    responded = None
            actual: list[str] = []
            actions: list[SimpleNamespace] = []
            if responded is not None:
                outcome = self.pick("stage_outcome")
                if outcome == "withdrawn":
                    actual = ["complaint_withdrawn"] if rng.random() < 0.4 else []
                elif rng.random() < 0.95:
                    actual = self.pick_some("actual_outcome", 2)
                if outcome != "withdrawn" and rng.random() < 0.3:
                    learning = "Tell the family sooner when their social worker changes."
                    for _action in range(rng.randint(0, 2)):
                        done = responded + timedelta(days=rng.randint(10, 90))
                        done_on = done if rng.random() < 0.7 and done <= AS_OF else None
                        actions.append(SimpleNamespace(done_on=done_on))
            stage_id = self.next_stage_id
            self.next_stage_id += 1
            rows.stage.append(
                {
                    "id": stage_id,
                    "representation_id": rep_id,
                    "route": route,
                    "number": number,
                    "requested_on": requested,
                    "acknowledged_on": acknowledged,
                    "due_on": add_working_days(acknowledged or requested, target),
                    "paused_days": paused,
                    "responded_on": responded,
                    "outcome": outcome,
                    "learning": learning,
                }
            )
            rows.actual_outcome.extend(
                {"stage_id": stage_id, "category_id": self.category_ids[("actual_outcome", c)]}
                for c in actual
            )
            rows.action.extend(
                {
                    "stage_id": stage_id,
                    "text": "Write to the family with the new worker's name.",
                    "owner": "Team manager",
                    "due_on": responded + timedelta(days=30) if responded else None,
                    "done_on": action.done_on,
                }
                for action in actions
            )
            made.append(
                SimpleNamespace(
                    number=number,
                    route=route,
                    requested_on=requested,
                    acknowledged_on=acknowledged,
                    responded_on=responded,
                    paused_days=paused,
                    outcome=outcome,
                    learning=learning,
                    actual_outcomes=[self.category(code) for code in actual],
                    actions=actions,
                )
            )
        return made

    def _working_days_taken(self, target: int, extended: int) -> int:
        """Most responses within the target, a quarter within the extension, some late."""
        roll = self.rng.random()
        if roll < 0.6 or (extended == target and roll < 0.85):
            return self.rng.randint(1, target)
        if roll < 0.85:
            return self.rng.randint(target + 1, extended)
        return self.rng.randint(extended + 1, extended + 30)

    def _count(self, rep_id: int, facts: Sequence[Any], rows: Rows) -> None:
        tallies = self.tallies
        for fact in facts:
            key = _fact_key(fact)
            found = tallies.get(key)
            if found is None:
                tallies[key] = [1, fact.value]
            else:
                found[0] += 1
                found[1] += fact.value
        if self.with_entries:
            rows.report_entry.extend(_entry(rep_id, fact) for fact in facts)

    def tally_rows(self) -> list[dict[str, Any]]:
        """The monthly tallies, as ``rollup.rebuild`` inserts them."""
        return [
            {**dict(zip(_KEY, key, strict=True)), "count": count, "value": value}
            for key, (count, value) in sorted(self.tallies.items())
        ]
