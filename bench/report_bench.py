"""How long the whole annual report takes over ten years of history (issue 5, point 8).

    .venv/bin/python -m bench.report_bench --db sqlite --rows 1000000
    .venv/bin/python -m bench.report_bench --db postgresql --rows 1000000 --runs 5

Makes a fresh database (a SQLite file in a temporary folder, or a new PostgreSQL database,
dropped afterwards), migrates it as ``flask db upgrade`` does, loads ``--rows``
representations spread evenly over 2016/17 to 2025/26 with the report entries and monthly
tallies the rollup keeps, checks the figures against plain counts, and then times the annual
report as the page builds it. The target is under 0.5 s for the full report on either
database. ``make bench-report`` runs both; it is not part of ``make test``.

With ``--db postgresql`` the database in ``PORTAL_TEST_DATABASE_URL`` is used when set (as
``scripts/with-fresh-postgres.sh`` sets it), otherwise one is made on ``PGHOST`` (default
127.0.0.1) as user postgres. Either way it must be empty: the benchmark refuses to load into
a database that already has tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import sqlalchemy
from alembic import command
from flask import Flask
from sqlalchemy import Date, TextClause, bindparam, create_engine, func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload

from bench.generate import FIRST_YEAR, YEARS, Generator
from bench.load import after_load, make_loader
from portal import create_app
from portal.accounts import operations, sessions
from portal.cli import alembic_config
from portal.db import get_session
from portal.intake.queries import timescales
from portal.models import Category, ReportEntry, ReportTally, Representation, Staff, Stage
from portal.models.staff import MANAGER
from portal.models.types import utcnow
from portal.reports import rollup
from portal.reports.facts import facts_for
from portal.reports.periods import Period, comparison
from portal.reports.published import publish
from portal.reports.tables import REPORT_IDS, build_report, read_tallies
from portal.seed import DEMO_PASSWORD, ensure_categories

TARGET_SECONDS = 0.5
REPORT_YEAR = FIRST_YEAR + YEARS - 1  # 2025/26, with four earlier years beside it
EARLIER_YEARS = 4


# --- results -------------------------------------------------------------------------------


@dataclass
class Timing:
    """Wall times of repeated runs of one thing; the warm-up run is kept apart (it pays for
    first-use costs: SQLAlchemy's statement cache, templates, the catalog)."""

    name: str
    seconds: list[float]
    warmup: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def row(self) -> str:
        flag = ""
        if self.name.startswith("report"):
            flag = " yes" if self.median < TARGET_SECONDS else " **no**"
        return (
            f"| {self.name} | {_ms(self.median)} | {_ms(min(self.seconds))} | "
            f"{_ms(max(self.seconds))} | {len(self.seconds)} | {_ms(self.warmup)} |{flag} |"
        )


@dataclass
class Results:
    database: str
    rows: int
    environment: dict[str, Any] = field(default_factory=dict)
    load: dict[str, Any] = field(default_factory=dict)
    totals: list[tuple[str, int, int]] = field(default_factory=list)
    sample: dict[str, Any] = field(default_factory=dict)
    timings: list[Timing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the database --------------------------------------------------------------------------


@contextmanager
def fresh_database(kind: str, url: str | None, keep: bool) -> Iterator[str]:
    """A URL for an empty database, removed afterwards unless it was given or ``keep``."""
    if url:
        yield url
        return
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="speakup-bench-"))
        try:
            yield f"sqlite:///{folder / 'bench.db'}"
        finally:
            if keep:
                say(f"Kept {folder / 'bench.db'}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
        return
    host = os.environ.get("PGHOST", "127.0.0.1")
    name = f"speakup_bench_{int(time.time())}_{os.getpid()}"
    admin = create_engine(
        f"postgresql+psycopg://postgres@{host}:5432/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    say(f"PostgreSQL database {name} created")
    try:
        yield f"postgresql+psycopg://postgres@{host}:5432/{name}"
    finally:
        if keep:
            say(f"Kept PostgreSQL database {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            say(f"PostgreSQL database {name} dropped")
        admin.dispose()


def migrate(app: Flask) -> None:
    """What ``flask db upgrade`` does on an empty database: migrations, then category lists."""
    engine: Engine = app.extensions["portal.engine"]
    if inspect(engine).get_table_names():
        raise SystemExit(f"{engine.url!r} already has tables: give the benchmark an empty one")
    with app.app_context():
        command.upgrade(alembic_config(app), "head")
        session = get_session(write=True)
        ensure_categories(session)
        session.commit()


def environment(engine: Engine) -> dict[str, Any]:
    """The machine and versions, for RESULTS.md."""
    found: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text().split("model name")[1].split(":")[1]
        found["cpu"] = cpu.splitlines()[0].strip()
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        found["ram_mib"] = kib // 1024
    except (OSError, IndexError, ValueError):
        pass
    if engine.dialect.name == "postgresql":
        import psycopg

        found["psycopg"] = psycopg.__version__
        with engine.connect() as connection:
            found["postgresql"] = connection.scalar(text("SHOW server_version"))
    return found


def database_size(engine: Engine) -> int:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT pg_database_size(current_database())")))
    path = Path(str(engine.url.database))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


# --- loading -------------------------------------------------------------------------------


def load(app: Flask, rows: int, batch: int, loader_name: str, with_entries: bool) -> dict:
    """Generate and write ``rows`` representations in batches, then the monthly tallies."""
    engine: Engine = app.extensions["portal.engine"]
    with app.app_context():
        session = get_session()
        category_ids = {
            (vocabulary, code): id_
            for id_, vocabulary, code in session.execute(
                select(Category.id, Category.vocabulary, Category.code)
            )
        }
        limits = timescales(session)
    generator = Generator(rows, category_ids, limits, with_entries=with_entries)
    loader = make_loader(engine, loader_name)
    generating = writing = 0.0
    started = perf_counter()
    reported = 0
    for start in range(0, rows, batch):
        before = perf_counter()
        made = generator.batch(start, min(rows, start + batch))
        middle = perf_counter()
        loader.write(made.tables())
        generating += middle - before
        writing += perf_counter() - middle
        done = min(rows, start + batch)
        if done - reported >= 100_000 or done == rows:
            reported = done
            elapsed = perf_counter() - started
            say(f"  {done:>9,} representations in {elapsed:6.1f} s ({done / elapsed:,.0f}/s)")
    before = perf_counter()
    loader.write([(ReportTally.__table__, generator.tally_rows())])  # type: ignore[list-item]
    writing += perf_counter() - before
    loaded = perf_counter() - started
    before = perf_counter()
    after_load(engine)
    maintenance = perf_counter() - before
    return {
        "loader": loader_name,
        "report_entry": "loaded" if with_entries else "skipped",
        "seconds_total": round(loaded, 1),
        "seconds_generating_and_counting": round(generating, 1),
        "seconds_writing": round(writing, 1),
        "seconds_after_load": round(maintenance, 1),
        "rows": dict(sorted(loader.counts.items())),
        "database_bytes": database_size(engine),
    }


# --- checks --------------------------------------------------------------------------------

_PLAIN_COUNT = text(
    "SELECT count(*) FROM representation WHERE received_on BETWEEN :first AND :last"
).bindparams(bindparam("first", type_=Date), bindparam("last", type_=Date))


def check_totals(app: Flask, years: range) -> list[tuple[str, int, int]]:
    """Table 1a's grand total from the tallies beside a plain count of the representations
    received in each financial year: they must be equal, year by year."""
    found = []
    with app.app_context():
        session = get_session()
        for year in years:
            period = Period(year)
            report = build_report(session, [period], ("representations_by_type",))
            grand = next(s for s in report.tables[0].parts[0].sections if s.code == "all")
            counted = session.scalar(_PLAIN_COUNT, {"first": period.starts, "last": period.ends})
            found.append((period.label, grand.rows[0].cells[0].count, int(counted or 0)))
    return found


def check_sample(app: Flask, size: int) -> dict[str, Any]:
    """``facts_for`` on representations read back through the ORM, as the rollup reads them,
    equals the entries the benchmark stored: so the plain objects it counted from carried
    the same values as the rows it wrote."""
    with app.app_context():
        session = get_session()
        if session.scalar(select(ReportEntry.id).limit(1)) is None:
            return {"checked": 0, "differ": [], "note": "report_entry not loaded"}
        top = int(session.scalar(select(func.max(Representation.id))) or 0)
        ids = sorted(random.Random(8).sample(range(1, top + 1), min(size, top)))
        reps = session.scalars(
            select(Representation)
            .where(Representation.id.in_(ids))
            .options(
                selectinload(Representation.people),
                selectinload(Representation.outcomes_sought),
                selectinload(Representation.stages).selectinload(Stage.actual_outcomes),
                selectinload(Representation.stages).selectinload(Stage.actions),
            )
        ).all()
        limits = timescales(session)
        connection = session.connection()
        differ = [
            rep.id
            for rep in reps
            if facts_for(rep, limits) != sorted(rollup._stored(connection, rep.id))
        ]
        facts = sum(len(facts_for(rep, limits)) for rep in reps)
    return {"checked": len(reps), "facts": facts, "differ": differ}


def check_recount(app: Flask) -> dict[str, Any]:
    """Every tally against ``rollup.recount`` (every representation through the ORM). Slow:
    minutes per hundred thousand rows, so only on request."""
    with app.app_context():
        session = get_session()
        kept, counted = rollup.stored_tallies(session), rollup.recount(session)
    wrong = sorted(k for k in set(kept) | set(counted) if kept[k] != counted[k])
    return {"tallies": len(kept), "differ": [str(k) for k in wrong[:10]], "wrong": len(wrong)}


# --- timing --------------------------------------------------------------------------------


def repeat(runs: int, once: Callable[[], dict[str, float]]) -> dict[str, list[float]]:
    """``once`` returns named durations; each list starts with the warm-up run's, then the
    ``runs`` recorded ones."""
    found: dict[str, list[float]] = {}
    for _number in range(runs + 1):
        for name, seconds in once().items():
            found.setdefault(name, []).append(seconds)
    return found


def time_report(app: Flask, runs: int) -> dict[str, list[float]]:
    """The annual page's report: every table for 2025/26 and four earlier years, then the
    published version, each run in a fresh app context (so a fresh session)."""
    periods = comparison(Period(REPORT_YEAR), EARLIER_YEARS)

    def once() -> dict[str, float]:
        with app.app_context():
            session = get_session()
            started = perf_counter()
            report = build_report(session, periods, REPORT_IDS)
            built = perf_counter()
            publish(report)
            done = perf_counter()
        return {
            "report: build_report + publish (5 years, all tables)": done - started,
            "build_report alone (internal version)": built - started,
            "publish alone (small numbers hidden)": done - built,
        }

    return repeat(runs, once)


def time_read_tallies(app: Flask, runs: int) -> dict[str, list[float]]:
    def once() -> dict[str, float]:
        with app.app_context():
            session = get_session()
            started = perf_counter()
            read_tallies(session, Period(REPORT_YEAR))
            return {"read_tallies, one year": perf_counter() - started}

    return repeat(runs, once)


_DATES = (bindparam("first", type_=Date), bindparam("last", type_=Date))
# Name -> the query; those with :first and :last are given the year's first and last days.
GROUP_BYS: dict[str, TextClause] = {
    # The simplest table (001 Table 3a), for the year and over every row.
    "plain GROUP BY method, one year": text(
        "SELECT method, count(*) FROM representation "
        "WHERE received_on BETWEEN :first AND :last GROUP BY method"
    ).bindparams(*_DATES),
    "plain GROUP BY method, all ten years": text(
        "SELECT method, count(*) FROM representation GROUP BY method"
    ),
    # A table with a join, as outcomes sought by procedure would need without the rollup.
    "plain GROUP BY outcome sought and route (2 joins), one year": text(
        "SELECT c.code, r.route, count(*) FROM representation_outcome_sought o "
        "JOIN representation r ON r.id = o.representation_id "
        "JOIN category c ON c.id = o.category_id "
        "WHERE r.received_on BETWEEN :first AND :last GROUP BY c.code, r.route"
    ).bindparams(*_DATES),
}


def time_group_by(app: Flask, runs: int) -> dict[str, list[float]]:
    """What a report without the rollup would run per table: GROUP BY over the rows."""
    period = Period(REPORT_YEAR)
    dates = {"first": period.starts, "last": period.ends}

    def once() -> dict[str, float]:
        found = {}
        with app.app_context():
            session = get_session()
            for name, query in GROUP_BYS.items():
                started = perf_counter()
                session.execute(query, dates if ":first" in query.text else {}).all()
                found[name] = perf_counter() - started
        return found

    return repeat(runs, once)


def time_page(app: Flask, runs: int) -> dict[str, list[float]]:
    """The page itself through Flask's test client, signed in as a manager: the report plus
    sign-in checks, charts and the HTML (no network, no browser)."""
    email = "bench-manager@example.org"
    with app.app_context():
        session = get_session(write=True)
        staff = session.scalars(select(Staff).where(Staff.email == email)).first()
        staff = staff or operations.create_staff(
            session, email=email, display_name="Bench Manager", role=MANAGER, password=DEMO_PASSWORD
        )
        token = sessions.begin(session, staff, utcnow(), second_factor_done=True)
        session.commit()
    client = app.test_client()
    client.set_cookie(sessions.cookie_name(app), token)

    def once() -> dict[str, float]:
        found = {}
        for name, query in (("internal", ""), ("published", "&version=published")):
            started = perf_counter()
            response = client.get(f"/staff/reports?year={REPORT_YEAR}{query}")
            found[f"page GET /staff/reports, {name} (HTML)"] = perf_counter() - started
            assert response.status_code == 200, response.status_code
        return found

    return repeat(runs, once)


# --- the summary ---------------------------------------------------------------------------


def markdown(results: Results) -> str:
    env, load_info = results.environment, results.load
    lines = [
        f"## {results.database}: {results.rows:,} representations",
        "",
        f"- {env.get('date')}; {env.get('cpus')} CPUs ({env.get('cpu', '?')}), "
        f"{env.get('ram_mib', '?')} MiB RAM; {env.get('platform')}",
        f"- Python {env.get('python')}, SQLAlchemy {env.get('sqlalchemy')}, "
        f"SQLite {env.get('sqlite')}"
        + (
            f", PostgreSQL {env['postgresql']} (psycopg {env['psycopg']})"
            if "postgresql" in env
            else ""
        ),
    ]
    if load_info:
        lines += [
            f"- Load ({load_info['loader']}; report_entry {load_info['report_entry']}): "
            f"{load_info['seconds_total']} s in all, of which "
            f"{load_info['seconds_generating_and_counting']} s generating rows and "
            f"counting facts in Python and {load_info['seconds_writing']} s writing; then "
            f"{load_info['seconds_after_load']} s after-load maintenance; database "
            f"{load_info['database_bytes'] / 2**20:,.0f} MiB",
            "- Rows: " + ", ".join(f"{t} {n:,}" for t, n in load_info["rows"].items()),
        ]
    lines += ["", "| Year | Table 1a grand total | plain count(*) | equal |", "|---|--:|--:|---|"]
    lines += [
        f"| {label} | {report:,} | {plain:,} | {'yes' if report == plain else '**NO**'} |"
        for label, report, plain in results.totals
    ]
    sample = results.sample
    if sample.get("checked"):
        lines += [
            "",
            f"Sample: facts_for on {sample['checked']} representations read back through the "
            f"ORM ({sample['facts']} facts) equal their stored report entries: "
            + ("yes." if not sample["differ"] else f"**no**, {sample['differ'][:10]}."),
        ]
    if "recount" in sample:
        recount = sample["recount"]
        lines.append(
            f"Full recount: {recount['tallies']:,} tallies, {recount['wrong']} differ from "
            "rollup.recount."
        )
    lines += [
        "",
        f"| Measure | median | min | max | runs | warm-up run | under {TARGET_SECONDS} s |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    lines += [timing.row() for timing in results.timings]
    lines += [f"- {note}" for note in results.notes]
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="recorded runs after one warm-up")
    parser.add_argument("--batch", type=int, default=20_000, help="representations per batch")
    parser.add_argument("--url", help="an empty database to use instead of a fresh one")
    parser.add_argument(
        "--loader",
        choices=("insert", "copy"),
        help="Core executemany or PostgreSQL COPY (default: copy on PostgreSQL)",
    )
    parser.add_argument(
        "--skip-entries", action="store_true", help="leave report_entry empty (tallies only)"
    )
    parser.add_argument("--no-load", action="store_true", help="time an already loaded --url")
    parser.add_argument("--sample", type=int, default=500, help="representations to re-check")
    parser.add_argument("--recount", action="store_true", help="recount every tally (slow)")
    parser.add_argument("--no-page", action="store_true", help="skip the HTML page timing")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    if args.db == "postgresql" and not args.url:
        args.url = os.environ.get("PORTAL_TEST_DATABASE_URL") or None
    if args.no_load and not args.url:
        parser.error("--no-load needs --url")
    if args.loader == "copy" and args.db != "postgresql":
        parser.error("COPY is PostgreSQL's; SQLite loads with --loader insert")
    args.loader = args.loader or ("copy" if args.db == "postgresql" else "insert")
    return args


def run(args: argparse.Namespace, url: str) -> Results:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    engine: Engine = app.extensions["portal.engine"]
    if engine.dialect.name != args.db:
        raise SystemExit(f"--db {args.db} but the URL is for {engine.dialect.name}")
    results = Results("SQLite" if args.db == "sqlite" else "PostgreSQL", args.rows)
    results.environment = environment(engine)
    try:
        if not args.no_load:
            migrate(app)
            say(f"Loading {args.rows:,} representations ({args.loader})...")
            results.load = load(app, args.rows, args.batch, args.loader, not args.skip_entries)
        with app.app_context():
            results.rows = int(get_session().scalar(select(func.count(Representation.id))) or 0)
        say("Checking the figures...")
        results.totals = check_totals(app, range(FIRST_YEAR, FIRST_YEAR + YEARS))
        for label, report, plain in results.totals:
            say(f"  {label}: report {report:,}, SELECT count(*) {plain:,}")
        results.sample = check_sample(app, args.sample)
        if args.recount:
            results.sample["recount"] = check_recount(app)
        say("Timing...")
        found: dict[str, list[float]] = {}
        found |= time_report(app, args.runs)
        found |= time_read_tallies(app, args.runs)
        found |= time_group_by(app, args.runs)
        if not args.no_page:
            found |= time_page(app, args.runs)
        results.timings = [Timing(name, times[1:], times[0]) for name, times in found.items()]
    finally:
        engine.dispose()
        app.extensions["portal.write_engine"].dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with fresh_database(args.db, args.url, args.keep) as url:
        results = run(args, url)
    print(markdown(results))
    if args.json:
        payload = asdict(results)
        payload["timings"] = [
            {"name": t.name, "median": t.median, "seconds": t.seconds, "warmup": t.warmup}
            for t in results.timings
        ]
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    sample_ok = not results.sample.get("differ") and not results.sample.get("recount", {}).get(
        "wrong"
    )
    totals_ok = all(report == plain for _label, report, plain in results.totals)
    return 0 if sample_ok and totals_ok else 1


if __name__ == "__main__":
    sys.exit(main())
