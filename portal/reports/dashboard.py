"""The complaints manager's dashboard: what is open where, what is late, and the trend.

Open and late cases are read live from the representations (a few hundred rows at most,
through the status and due-date indexes); the monthly trend and the young people's share come
from the report tallies, so the page stays fast with years of history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from portal.models import ReportTally, Representation, Stage
from portal.reports.periods import Period, financial_year_of
from portal.triage import states

LIVE = (states.NEW, states.PRE_COMPLAINT, states.OPEN, states.DEFERRED)


@dataclass(frozen=True)
class MonthFigures:
    key: int  # YYYYMM
    label: str
    complaints: int
    compliments: int
    all: int


@dataclass
class Figures:
    today: date
    by_stage: list[tuple[str, int]]  # ("Statutory stage 1", 4)
    by_team: list[tuple[str | None, int]]  # (team code or None, count)
    untriaged: int
    waiting: int  # pre-complaints waiting for the person, and deferrals
    overdue: int
    due_this_week: int
    year: Period
    received_this_year: int
    from_young_people: int
    complaints_this_year: int
    complaints_from_young_people: int
    trend: list[MonthFigures]

    @property
    def young_people_share(self) -> int | None:
        if not self.complaints_this_year:
            return None
        return (200 * self.complaints_from_young_people + self.complaints_this_year) // (
            2 * self.complaints_this_year
        )


def _last_twelve_months(today: date) -> list[int]:
    keys = []
    year, month = today.year, today.month
    for _ in range(12):
        keys.append(year * 100 + month)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(keys))


def figures(session: Session, today: date) -> Figures:
    open_reps = select(Representation.id).where(Representation.status == states.OPEN)
    current_stage = (
        select(Stage.representation_id, func.max(Stage.number).label("number"))
        .where(Stage.representation_id.in_(open_reps))
        .group_by(Stage.representation_id)
        .subquery()
    )
    by_stage = Counter[str]()
    rows = session.execute(
        select(Representation.route, current_stage.c.number).join(
            current_stage, current_stage.c.representation_id == Representation.id
        )
    )
    for route, number in rows:
        by_stage[f"{(route or '').capitalize()} stage {number}"] += 1
    by_team = session.execute(
        select(Representation.assigned_team_code, func.count())
        .where(Representation.status == states.OPEN)
        .group_by(Representation.assigned_team_code)
        .order_by(func.count().desc())
    ).all()
    live = Representation.status.in_(LIVE)
    end_of_week = today + timedelta(days=6 - today.weekday())

    def count(*conditions: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(Representation).where(*conditions)
        return session.scalar(query) or 0

    year = Period(financial_year_of(today))
    tallies = session.execute(
        select(
            ReportTally.month,
            ReportTally.section,
            ReportTally.row,
            ReportTally.young_person,
            func.sum(ReportTally.count),
        )
        .where(
            ReportTally.table_id == "representations_by_type",
            ReportTally.month >= min(_last_twelve_months(today)[0], year.first_month),
        )
        .group_by(ReportTally.month, ReportTally.section, ReportTally.row, ReportTally.young_person)
    ).all()
    months = _last_twelve_months(today)
    complaints, compliments, everything = Counter[int](), Counter[int](), Counter[int]()
    year_all = year_yp = year_complaints = year_complaints_yp = 0
    for month, section, row, young_person, n in tallies:
        n = int(n or 0)
        is_complaint = section in ("statutory", "corporate")
        everything[month] += n
        if is_complaint:
            complaints[month] += n
        if row == "compliment":
            compliments[month] += n
        if year.first_month <= month <= year.last_month:
            year_all += n
            year_yp += n if young_person else 0
            if is_complaint:
                year_complaints += n
                year_complaints_yp += n if young_person else 0
    trend = [
        MonthFigures(
            key,
            date(key // 100, key % 100, 1).strftime("%b %Y"),
            complaints[key],
            compliments[key],
            everything[key],
        )
        for key in months
    ]
    return Figures(
        today=today,
        by_stage=sorted(by_stage.items()),
        by_team=[(team, n) for team, n in by_team],
        untriaged=count(Representation.status == states.NEW),
        waiting=count(Representation.status.in_((states.PRE_COMPLAINT, states.DEFERRED))),
        overdue=count(live, Representation.next_due_on < today),
        due_this_week=count(
            live, Representation.next_due_on >= today, Representation.next_due_on <= end_of_week
        ),
        year=year,
        received_this_year=year_all,
        from_young_people=year_yp,
        complaints_this_year=year_complaints,
        complaints_from_young_people=year_complaints_yp,
        trend=trend,
    )
