"""The report's running tallies stay exactly what a full recount gives: on random history
changed at random through the ORM as the app changes it, for a complaint worked through the
real staff pages, and after someone has damaged the tally table (``flask report rebuild``).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.core.workdays import working_days_between
from portal.intake.operations import council_date
from portal.models import Action, Category, ReportTally, Representation, Staff, Stage
from portal.models.types import utcnow
from portal.reports import rollup
from portal.triage import operations, stages, states
from portal.triage.operations import ClassificationDetails
from tests import helpers
from tests.helpers import date_fields, errors
from tests.reports.conftest import nonzero
from tests.reports.test_import import random_history


def _differences(kept: Counter, counted: Counter) -> list[str]:
    keys = sorted(set(kept) | set(counted), key=str)
    return [f"{k}: kept {kept[k]}, recount {counted[k]}" for k in keys if kept[k] != counted[k]]


def assert_tallies_exact(app, cli) -> None:
    """The tallies as kept equal a recount from every representation, read afresh, and
    ``flask report verify`` agrees."""
    with Session(app.extensions["portal.engine"]) as fresh:
        kept, counted = rollup.stored_tallies(fresh), rollup.recount(fresh)
    assert kept == counted, _differences(kept, counted)[:20]
    verify = cli("report", "verify")
    assert verify.exit_code == 0, verify.output
    assert "Report figures match a full recount" in verify.output


# --- Random changes, made the way the app makes them -------------------------------------


CLASSIFY_AS = (
    "statutory_complaint",
    "corporate_complaint",
    "refused",
    "compliment",
    "professional",
    "advice_only",
    "case_concern",
    "member_enquiry",
)


class Changes:
    """One random change to one representation; each returns False when it does not apply."""

    def __init__(self, session: Session, rng: random.Random, staff: Staff) -> None:
        self.s, self.rng, self.staff = session, rng, staff
        self.now = utcnow()
        self.today = council_date(self.now)
        self.lists: dict[str, list[Category]] = {}
        for category in session.scalars(select(Category).order_by(Category.id)):
            self.lists.setdefault(category.vocabulary, []).append(category)

    def codes(self, vocabulary: str) -> list[str]:
        return [c.code for c in self.lists[vocabulary]]

    def day_after(self, day: date, most: int) -> date:
        return min(self.today, day + timedelta(days=self.rng.randrange(most)))

    def method(self, rep: Representation) -> bool:
        rep.method = self.rng.choice([*self.codes("method"), ""])
        return True

    def service(self, rep: Representation) -> bool:
        rep.service_code = self.rng.choice([*self.codes("service"), None])
        return True

    def nature(self, rep: Representation) -> bool:
        rep.nature_code = self.rng.choice([*self.codes("nature"), None])
        return True

    def received(self, rep: Representation) -> bool:
        rep.received_on = rep.received_on + timedelta(days=self.rng.randint(-120, 120))
        return True

    def young_person(self, rep: Representation) -> bool:
        rep.young_person = not rep.young_person
        return True

    def outcomes_sought(self, rep: Representation) -> bool:
        if rep.outcomes_sought and self.rng.random() < 0.5:
            rep.outcomes_sought.remove(self.rng.choice(rep.outcomes_sought))
        else:
            choice = self.rng.choice(self.lists["outcome_sought"])
            if choice in rep.outcomes_sought:
                return False
            rep.outcomes_sought.append(choice)
        return True

    def equality(self, rep: Representation) -> bool:
        submitter = rep.person("submitter")
        if submitter is None:
            return False
        submitter.age_band = self.rng.choice([*self.codes("age_band"), None])
        return True

    def ombudsman(self, rep: Representation) -> bool:
        rep.ombudsman_referred_on = self.day_after(rep.received_on, 200)
        rep.ombudsman_decision = self.rng.choice([None, *self.codes("ombudsman_decision")])
        rep.ombudsman_decided_on = rep.ombudsman_referred_on if rep.ombudsman_decision else None
        return True

    def answer_stage(self, rep: Representation) -> bool:
        """Record the response to an open stage, with outcomes, learning and actions."""
        stage = rep.current_stage
        if stage is None or stage.responded_on is not None:
            return False
        stage.responded_on = self.day_after(stage.acknowledged_on or stage.requested_on, 80)
        stage.outcome = self.rng.choice(["upheld", "partially_upheld", "not_upheld", None])
        stage.actual_outcomes = self.rng.sample(self.lists["actual_outcome"], 2)
        stage.learning = self.rng.choice([None, "Tell families sooner."])
        stage.actions.append(
            Action(text="Write to the family", owner="Team manager", done_on=self.today)
        )
        return True

    def next_stage(self, rep: Representation) -> bool:
        """A later stage asked for and (sometimes) answered, as escalating records it."""
        stage = rep.current_stage
        if stage is None or stage.responded_on is None:
            return False
        if stage.number >= (3 if stage.route == "statutory" else 2):
            return False
        requested = self.day_after(stage.responded_on, 20)
        rep.stages.append(
            Stage(
                route=stage.route,
                number=stage.number + 1,
                requested_on=requested,
                responded_on=self.day_after(requested, 90) if self.rng.random() < 0.7 else None,
                outcome=self.rng.choice(["upheld", "not_upheld"]),
            )
        )
        return True

    def drop_stage(self, rep: Representation) -> bool:
        if not rep.stages:
            return False
        rep.stages.pop()
        return True

    def withdraw(self, rep: Representation) -> bool:
        stage = rep.current_stage
        if rep.status != states.OPEN or rep.route is None or stage is None:
            return False
        if stage.responded_on is not None or stage.outcome is not None:
            return False
        stages.withdraw(
            self.s,
            rep,
            self.staff,
            seen_version=rep.version,
            on=self.day_after(stage.requested_on, 40),
            today=self.today,
            now=self.now,
        )
        return True

    def classify(self, rep: Representation) -> bool:
        code = self.rng.choice(CLASSIFY_AS)
        if code not in states.ALLOWED[rep.status]:
            return False
        details = ClassificationDetails(
            nature_code=self.rng.choice(self.codes("nature")),
            service_code=self.rng.choice(self.codes("service")),
            refusal_reason_code=self.rng.choice(self.codes("refusal_reason")),
            refusal_explanation="Court proceedings are under way.",
            concern_team_code="fostering",
            compliment_category_code=self.rng.choice(self.codes("compliment_category")),
            refused_route=self.rng.choice(["statutory", "corporate"]),
        )
        operations.classify(
            self.s,
            rep,
            self.staff,
            code=code,
            seen_version=rep.version,
            details=details,
            reason="Looked at again" if rep.classification else None,
            today=self.today,
            now=self.now,
        )
        return True


CHANGES = (
    "method",
    "service",
    "nature",
    "received",
    "young_person",
    "outcomes_sought",
    "equality",
    "ombudsman",
    "answer_stage",
    "next_stage",
    "drop_stage",
    "withdraw",
    "classify",
)


def test_the_tallies_equal_a_recount_after_every_random_change(app, cli, import_rows, make_staff):
    rng = random.Random(1989)
    import_rows(random_history(rng, 120))
    assert_tallies_exact(app, cli)
    staff = make_staff("complaints_officer")
    engine = app.extensions["portal.engine"]
    applied: Counter[str] = Counter()
    for round_ in range(12):
        # The app context is for the messages a refusal queues (they read the app's settings).
        with app.app_context(), Session(engine, expire_on_commit=False) as s:
            changes = Changes(s, rng, staff)
            reps = list(s.scalars(select(Representation).order_by(Representation.id)))
            for rep in rng.sample(reps, 15):
                for name in rng.sample(CHANGES, rng.randint(1, 3)):
                    change: Callable[[Representation], bool] = getattr(changes, name)
                    if change(rep):
                        applied[name] += 1
                if rng.random() < 0.3:
                    s.flush()  # several flushes in one transaction, as a long request has
            for rep in rng.sample(reps, 2):
                s.delete(rep)
                applied["delete"] += 1
            if round_ == 4:
                s.rollback()  # a request that fails half way leaves the tallies as they were
            else:
                s.commit()
        assert_tallies_exact(app, cli)
    # Every kind of change was made at least once, so the check above covered each of them.
    assert set(applied) == {*CHANGES, "delete"}, applied


# --- A complaint worked through the real pages ---------------------------------------------

STATUTORY = {
    "classification": "statutory_complaint",
    "nature_code": "poor_communication",
    "service_code": "children_in_care",
}


def _act(staff_client, reference: str, action: str, data: dict[str, Any]) -> None:
    response = staff_client.post(f"/staff/case/{reference}/{action}", data)
    assert response.status_code == 302, (action, errors(response))


def _financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def test_a_complaint_worked_through_the_staff_pages_is_in_the_report(
    app, cli, forms, staff_client, session, annual
):
    forms.walk("young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    forms.post("/young-person/check-answers")
    today = council_date(utcnow())
    received = today - timedelta(days=21)
    # The complaint arrived three weeks ago. This bulk update goes round the ORM, so the
    # rollup does not see it: ``flask report rebuild`` counts the representation again.
    session.execute(
        update(Representation).values(
            received_on=received, received_at=utcnow() - timedelta(days=21)
        )
    )
    session.commit()
    assert cli("report", "rebuild").exit_code == 0
    reference = session.scalars(select(Representation.reference)).one()
    session.rollback()

    _act(staff_client, reference, "classify", STATUTORY)
    _act(staff_client, reference, "acknowledge", date_fields("on", received + timedelta(days=1)))
    _act(staff_client, reference, "statement", {"points": "Worker keeps changing\nNot told why"})
    _act(
        staff_client,
        reference,
        "respond",
        {
            **date_fields("on", today),
            "point_1": "upheld",
            "point_2": "not_upheld",
            "actual_outcomes": ["apology"],
        },
    )

    # Counted by type in the year it was received, by timescale and finding in the year it
    # was answered (the same year, unless the three weeks straddle 1 April).
    year = _financial_year(today)
    tables = annual(year, "--earlier", "1")
    header = ["Row", f"{year}/{(year + 1) % 100:02d}", f"{year - 1}/{year % 100:02d}"]
    assert tables["representations_by_type"][0] == header
    one = ["1", "0"] if _financial_year(received) == year else ["0", "1"]
    assert nonzero(tables["representations_by_type"]) == {
        "Statutory / Complaint": one,
        "Statutory / Total": one,
        "All representations / Total": one,
    }
    days = working_days_between(received + timedelta(days=1), today)
    assert 11 <= days <= 20, "three weeks less a day is between 11 and 20 working days"
    assert nonzero(tables["timescales"]) == {
        "Statutory stage 1 / Between 11 and 20 working days": ["1", "0"],
        "Statutory stage 1 / Total": ["1", "0"],
        "Statutory stage 1 / Average working days to respond": [f"{days}.0", ""],
    }
    assert nonzero(tables["stage_outcomes"]) == {
        "Statutory stage 1 / Partially upheld": ["1", "0"],
        "Statutory stage 1 / Total": ["1", "0"],
        "Total / Partially upheld": ["1", "0"],
        "Total / Total": ["1", "0"],
    }
    assert nonzero(tables["actual_outcomes"])["Statutory stage 1 / Apology"] == ["1", "0"]
    assert_tallies_exact(app, cli)


# --- Damage to the tally table is found and repaired --------------------------------------


def test_rebuild_repairs_damaged_tallies_and_verify_says_so(app, cli, import_rows, annual, session):
    import_rows(random_history(random.Random(5), 80))
    assert_tallies_exact(app, cli)
    before = annual(2021)

    session.execute(update(ReportTally).values(count=99))
    session.commit()
    damaged = cli("report", "verify")
    assert damaged.exit_code == 1, damaged.output
    assert "kept 99, recount" in damaged.output
    assert annual(2021) != before, "the report reads the damaged tallies"

    rebuilt = cli("report", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Report figures rebuilt from 80 representations." in rebuilt.output
    assert_tallies_exact(app, cli)
    assert annual(2021) == before


def test_deleting_a_stage_on_its_own_takes_it_out_of_the_figures(app, cli, import_rows, annual):
    import_rows(
        [
            {
                "external_ref": "D",
                "received_on": "2020-06-01",
                "route": "statutory",
                "type": "complaint",
                "stage1_acknowledged_on": "2020-06-02",
                "stage1_responded_on": "2020-06-16",
                "stage1_outcome": "upheld",
            }
        ]
    )
    with Session(app.extensions["portal.write_engine"]) as own:
        stage = own.scalars(select(Stage)).one()
        own.delete(stage)
        own.commit()
    assert_tallies_exact(app, cli)
    assert nonzero(annual(2020, "--earlier", "0")["stage_outcomes"]) == {}
