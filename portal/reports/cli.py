"""``flask report ...``: the annual report as files, and keeping the rollups honest."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from portal.db import get_session
from portal.intake.operations import council_date
from portal.models.types import utcnow
from portal.reports import importer, rollup
from portal.reports.exports import write_csvs
from portal.reports.periods import Period, comparison
from portal.reports.published import publish
from portal.reports.tables import EXPORTED_IDS, build_report, earliest_period_year

report_cli = AppGroup("report", help="The annual report of representations.")


def default_earlier_years(first_year: int | None, year: int) -> int:
    """Earlier years back to the first with anything counted, at most four."""
    if first_year is None or first_year >= year:
        return 0
    return min(4, year - first_year)


@report_cli.command("annual")
@click.argument("year", type=click.IntRange(1990, 2200))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--published", is_flag=True, help='Hide counts under 5 as "<5".')
@click.option("--quarter", type=click.IntRange(1, 4), help="One quarter (1 is April to June).")
@click.option(
    "--earlier",
    type=click.IntRange(0, 4),
    help="Earlier years beside it (default: back to the first year with data, at most 4).",
)
def annual(year: int, out: Path, published: bool, quarter: int | None, earlier: int | None) -> None:
    """Write one CSV per table for the financial year starting in YEAR (2020 means 2020/21)."""
    session = get_session()
    if earlier is None:
        earlier = default_earlier_years(earliest_period_year(session), year)
    periods = comparison(Period(year, quarter), earlier)
    report = build_report(session, periods, EXPORTED_IDS, for_export=True)
    if published:
        report = publish(report)
    written = write_csvs(report.tables, out)
    version = "published" if published else "internal"
    labels = ", ".join(p.label for p in periods)
    click.echo(f"Wrote {len(written)} tables ({version} version; {labels}) to {out}")


@report_cli.command("rebuild")
def rebuild() -> None:
    """Work every report figure out again from the representations themselves."""
    session = get_session(write=True)
    read = rollup.rebuild(session)
    session.commit()
    click.echo(f"Report figures rebuilt from {read} representations.")


@report_cli.command("verify")
def verify() -> None:
    """Compare the running tallies with a full recount; exit 1 if they differ."""
    session = get_session()
    kept, counted = rollup.stored_tallies(session), rollup.recount(session)
    if kept == counted:
        click.echo(f"Report figures match a full recount ({sum(kept.values())} in all).")
        return
    differ = sorted(set(kept) | set(counted), key=str)
    for key in [k for k in differ if kept.get(k) != counted.get(k)][:20]:
        click.echo(f"{key}: kept {kept.get(key, 0)}, recount {counted.get(key, 0)}", err=True)
    raise SystemExit(1)


import_cli = AppGroup("import", help="Bring in records from another system.")


@import_cli.command("representations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would happen.")
@click.option("--create-missing", is_flag=True, help="Add labels missing from the lists.")
@click.option(
    "--problems",
    "problems_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the refused rows' problems to this CSV file.",
)
def import_representations(
    file: Path, dry_run: bool, create_missing: bool, problems_out: Path | None
) -> None:
    """Import representations from a UTF-8 CSV file with a header row, one row each.

    Exit status: 0 when every row was good, 1 when some rows were refused (the others are
    imported), 2 when the file itself could not be read.
    """
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        click.echo(f"{file} is not UTF-8 text. Save it as 'CSV UTF-8' and try again.", err=True)
        raise SystemExit(2) from None
    session = get_session(write=True)
    now = utcnow()
    result = importer.import_representations(
        session,
        text,
        today=council_date(now),
        now=now,
        dry_run=dry_run,
        create_missing=create_missing,
        source=file.name,
    )
    header_only = any(p.row == 1 for p in result.problems)
    if dry_run or header_only:
        session.rollback()
    else:
        session.commit()
    would = "would be " if dry_run else ""
    for vocabulary, label in result.new_terms:
        click.echo(f"'{label}' {would or 'was '}added to the {vocabulary.replace('_', ' ')} list")
    for problem in result.problems:
        click.echo(f"line {problem.row}, {problem.column}: {problem.problem}", err=True)
    if problems_out is not None:
        problems_out.write_text(importer.problems_csv(result.problems), encoding="utf-8")
    if header_only:
        click.echo("Nothing was imported: fix the header row first.", err=True)
        raise SystemExit(2)
    click.echo(
        f"{result.added} {would}added, {result.updated} {would}updated, "
        f"{result.unchanged} unchanged, {result.refused_rows} rows refused"
        + (" (dry run: nothing was saved)" if dry_run else "")
    )
    if result.problems:
        raise SystemExit(1)
