"""Writing the generated rows: SQLAlchemy Core ``insert()`` executemany, or PostgreSQL's COPY.

Both bypass the ORM on purpose. The rollup's flush hooks recompute a representation's facts
one at a time, which is right for a case worker's change and hours too slow for a million
rows; the benchmark computes the same facts itself (``generate.py``) and writes them here.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from sqlalchemy import JSON, Table, insert, text
from sqlalchemy.engine import Engine

Batch = Iterable[tuple[Table, list[dict[str, Any]]]]


class Loader(Protocol):
    counts: Counter[str]

    def write(self, tables: Batch) -> None: ...


class InsertLoader:
    """Core ``insert(table)`` with a list of parameter sets: one executemany per table, one
    transaction per batch. Works on both databases; SQLite has nothing faster."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.counts: Counter[str] = Counter()

    def write(self, tables: Batch) -> None:
        with self.engine.begin() as connection:
            for table, rows in tables:
                if rows:
                    connection.execute(insert(table), rows)
                    self.counts[table.name] += len(rows)


class CopyLoader:
    """PostgreSQL ``COPY ... FROM STDIN`` through psycopg, one transaction per batch: several
    times faster than executemany for the millions of report entries."""

    def __init__(self, engine: Engine) -> None:
        assert engine.dialect.name == "postgresql", "COPY is PostgreSQL's"
        self.engine = engine
        self.counts: Counter[str] = Counter()

    def write(self, tables: Batch) -> None:
        raw = self.engine.raw_connection()
        try:
            connection: Any = raw.driver_connection
            with connection.cursor() as cursor:
                for table, rows in tables:
                    if not rows:
                        continue
                    names = list(rows[0])
                    convert = [_converter(table, name) for name in names]
                    columns = ", ".join(f'"{name}"' for name in names)
                    with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(
                                [
                                    value if fn is None else fn(value)
                                    for fn, value in zip(convert, row.values(), strict=True)
                                ]
                            )
                    self.counts[table.name] += len(rows)
            raw.commit()
        finally:
            raw.close()


def _converter(table: Table, name: str) -> Callable[[Any], Any] | None:
    """JSON columns go as JSON text (psycopg would send a Python list as an array)."""
    return json.dumps if isinstance(table.c[name].type, JSON) else None


def make_loader(engine: Engine, name: str) -> Loader:
    if name == "copy":
        return CopyLoader(engine)
    return InsertLoader(engine)


def after_load(engine: Engine) -> None:
    """What a live database would have by the time anyone reads a report.

    PostgreSQL: the id sequences moved past the ids the benchmark chose, then VACUUM ANALYZE
    (autovacuum would have done both the visibility map and the statistics by then).
    SQLite: a checkpoint that empties the write-ahead log; SQLite has no automatic ANALYZE,
    and the portal runs none, so the planner works without statistics, as it would live.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for table in ("representation", "stage"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        return
    raw = engine.raw_connection()  # the driver's own connection: no BEGIN around the pragma
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
