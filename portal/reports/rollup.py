"""Keep the report entries and monthly tallies in step with every change, in the same
transaction as the change.

A flush that touches a representation (or its stages, people, outcomes or actions) makes the
session recompute that representation's facts, compare them with the entries stored last
time, and apply only the difference to the tallies. Because the facts come from one function
(``facts.facts_for``) and the tallies only ever move by the difference of two of its answers,
``recount`` (the same function over every representation) must always agree: the rollup test
checks exactly that on random data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from portal.core.timescales import DEFAULT_TIMESCALES, Timescale
from portal.intake.queries import timescales
from portal.models import (
    Action,
    Person,
    PointOutcome,
    ReportEntry,
    ReportTally,
    Representation,
    Setting,
    Stage,
)
from portal.reports.facts import Fact, facts_for

_KEY = ("month", "table_id", "section", "row", "col", "young_person")
# Tally key -> (change in count, change in working days) for one flush.
Deltas = dict[tuple[Any, ...], tuple[int, int]]


def _fact_key(fact: Fact) -> tuple[Any, ...]:
    return (fact.month, fact.table, fact.section, fact.row, fact.col, fact.young_person)


def _touched(session: Session, objects: Iterable[object]) -> Iterator[Representation]:
    for obj in objects:
        if isinstance(obj, Representation):
            yield obj
            continue
        if isinstance(obj, PointOutcome | Action):
            obj = obj.stage
        if isinstance(obj, Stage | Person) and obj.representation_id is not None:
            rep = session.get(Representation, obj.representation_id)
            if rep is not None:
                yield rep


def _stored(connection: Connection, rep_id: int) -> list[Fact]:
    rows = connection.execute(
        select(
            ReportEntry.table_id,
            ReportEntry.section,
            ReportEntry.row,
            ReportEntry.col,
            ReportEntry.day,
            ReportEntry.young_person,
            ReportEntry.value,
        ).where(ReportEntry.representation_id == rep_id)
    )
    return [Fact(*row) for row in rows]


def _entry(rep_id: int, fact: Fact) -> dict[str, Any]:
    return {
        "representation_id": rep_id,
        "table_id": fact.table,
        "section": fact.section,
        "row": fact.row,
        "col": fact.col,
        "day": fact.day,
        "month": fact.month,
        "young_person": fact.young_person,
        "value": fact.value,
    }


def apply_deltas(connection: Connection, deltas: Deltas) -> None:
    """Add (count, value) to each tally, creating it when new, in key order so concurrent
    transactions take row locks in the same order and cannot deadlock each other."""
    if not deltas:
        return
    dialect = connection.dialect.name
    builder: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [
        {**dict(zip(_KEY, key, strict=True)), "count": count, "value": value}
        for key, (count, value) in sorted(deltas.items())
        if count or value
    ]
    if not rows:
        return
    statement = builder(ReportTally)
    statement = statement.on_conflict_do_update(
        index_elements=list(_KEY),
        set_={
            "count": ReportTally.count + statement.excluded.count,
            "value": ReportTally.value + statement.excluded.value,
        },
    )
    connection.execute(statement, rows)


def _move(deltas: Deltas, facts: Iterable[Fact], sign: int) -> None:
    """Add (``sign`` +1) or take away (-1) each fact's count and value. A fact both taken
    away and added nets to nothing, and ``apply_deltas`` skips a tally that does not move."""
    for fact in facts:
        count, value = deltas.get(_fact_key(fact), (0, 0))
        deltas[_fact_key(fact)] = (count + sign, value + sign * fact.value)


def _refresh_entries(session: Session, reps: Iterable[Representation]) -> None:
    connection = session.connection()
    limits = timescales(session)
    deltas: Deltas = {}
    for rep in reps:
        old = _stored(connection, rep.id)
        new = facts_for(rep, limits)
        if sorted(old) == new:
            continue
        _move(deltas, old, -1)
        _move(deltas, new, +1)
        connection.execute(delete(ReportEntry).where(ReportEntry.representation_id == rep.id))
        if new:
            connection.execute(insert(ReportEntry), [_entry(rep.id, fact) for fact in new])
    apply_deltas(connection, deltas)


@event.listens_for(Session, "before_flush")
def _forget_deleted(session: Session, _context: Any, _instances: Any) -> None:
    """Take a deleted representation's numbers out of the tallies while its entries exist."""
    deleted = [obj for obj in session.deleted if isinstance(obj, Representation)]
    if not deleted:
        return
    connection = session.connection()
    deltas: Deltas = {}
    for rep in deleted:
        _move(deltas, _stored(connection, rep.id), -1)
        connection.execute(delete(ReportEntry).where(ReportEntry.representation_id == rep.id))
    apply_deltas(connection, deltas)


@event.listens_for(Session, "after_flush")
def _follow_changes(session: Session, _context: Any) -> None:
    # A stage, person or action deleted on its own changes its representation's figures.
    parts_deleted = [obj for obj in session.deleted if not isinstance(obj, Representation)]
    changed = {
        rep.id: rep
        for rep in _touched(session, [*session.new, *session.dirty, *parts_deleted])
        if rep.id is not None and rep not in session.deleted
    }
    if changed:
        _refresh_entries(session, [changed[key] for key in sorted(changed)])


def recount(session: Session, batch: int = 2000) -> Counter[tuple[Any, ...]]:
    """Every tally worked out again from scratch: (key) -> count, and value under
    ``key + ("value",)``. Used to prove the rollup exact and by ``rebuild``."""
    limits = timescales(session)
    totals: Counter[tuple[Any, ...]] = Counter()
    for rep in _all_representations(session, batch):
        for fact in facts_for(rep, limits):
            totals[_fact_key(fact)] += 1
            totals[(*_fact_key(fact), "value")] += fact.value
    return totals


def stored_tallies(session: Session) -> Counter[tuple[Any, ...]]:
    """The tallies as kept, in the same shape as ``recount`` (zero tallies left out)."""
    totals: Counter[tuple[Any, ...]] = Counter()
    columns = [getattr(ReportTally, name) for name in _KEY]
    for row in session.execute(select(*columns, ReportTally.count, ReportTally.value)):
        key, count, value = tuple(row[: len(_KEY)]), row[len(_KEY)], row[len(_KEY) + 1]
        if count:
            totals[key] = count
        if value:
            totals[(*key, "value")] = value
    return totals


def _all_representations(session: Session, batch: int) -> Iterator[Representation]:
    last = 0
    while True:
        reps = list(
            session.scalars(
                select(Representation)
                .where(Representation.id > last)
                .order_by(Representation.id)
                .limit(batch)
                .options(
                    selectinload(Representation.people),
                    selectinload(Representation.outcomes_sought),
                    selectinload(Representation.stages).selectinload(Stage.actual_outcomes),
                    selectinload(Representation.stages).selectinload(Stage.actions),
                )
            )
        )
        if not reps:
            return
        yield from reps
        last = reps[-1].id


def rebuild(session: Session, batch: int = 2000) -> int:
    """Throw the entries and tallies away and work them out again from every representation:
    after an import from an older version, or after the council changes its timescales and
    wants earlier years judged by the new ones. Returns how many representations were read."""
    connection = session.connection()
    connection.execute(delete(ReportTally))
    connection.execute(delete(ReportEntry))
    limits = timescales(session)
    deltas: Deltas = {}
    read = 0
    for rep in _all_representations(session, batch):
        read += 1
        new = facts_for(rep, limits)
        if new:
            connection.execute(insert(ReportEntry), [_entry(rep.id, fact) for fact in new])
        _move(deltas, new, +1)
    snapshot = _limits_snapshot(limits)
    setting = session.get(Setting, JUDGED_BY_KEY)
    if setting is None:
        session.add(Setting(key=JUDGED_BY_KEY, value=snapshot))
    else:
        setting.value = snapshot
    if deltas:
        connection.execute(
            insert(ReportTally),
            [
                {**dict(zip(_KEY, key, strict=True)), "count": count, "value": value}
                for key, (count, value) in sorted(deltas.items())
            ],
        )
    return read


# The timescales the figures were last worked out with, so the report can say when the
# council has changed them since (earlier stages are judged again only by a rebuild).
JUDGED_BY_KEY = "report_timescales"


def _limits_snapshot(limits: Mapping[str, Timescale]) -> dict[str, list[int | None]]:
    return {key: [t.target_days, t.extended_days] for key, t in sorted(limits.items())}


def timescales_changed_since_rebuild(session: Session) -> bool:
    """True when the council's timescales differ from those the figures were judged by
    (the defaults, until the first rebuild)."""
    stored = session.get(Setting, JUDGED_BY_KEY)
    judged_by = stored.value if stored else _limits_snapshot(DEFAULT_TIMESCALES)
    return bool(judged_by != _limits_snapshot(timescales(session)))


def needs_rebuild(session: Session) -> bool:
    """True when there are representations but no entries: a database from before reports."""
    has_reps = session.scalar(select(Representation.id).limit(1))
    has_entries = session.scalar(select(ReportEntry.id).limit(1))
    return has_reps is not None and has_entries is None
