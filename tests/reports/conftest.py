"""Helpers for the report tests: import a CSV through the real command, and read the CSVs
``flask report annual`` writes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from portal.reports.importer import COLUMNS


def history_csv(rows: list[dict[str, str]]) -> str:
    """A file in the import format: the full header, then each row (missing columns empty)."""
    lines = [",".join(COLUMNS)]
    for row in rows:
        unknown = set(row) - set(COLUMNS)
        assert not unknown, unknown
        lines.append(",".join(_quoted(row.get(column, "")) for column in COLUMNS))
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    return f'"{value}"' if ("," in value or '"' in value) else value


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(args=list(args))

    return invoke


@pytest.fixture
def import_rows(cli, tmp_path: Path):
    """Import rows through ``flask import representations``; fails the test on any problem."""

    def run(rows: list[dict[str, str]], *options: str):
        path = tmp_path / "history.csv"
        path.write_text(history_csv(rows), encoding="utf-8")
        result = cli("import", "representations", str(path), *options)
        assert result.exit_code == 0, result.output
        return result

    return run


def read_tables(directory: Path) -> dict[str, list[list[str]]]:
    tables = {}
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            tables[path.stem] = list(csv.reader(file))
    return tables


def nonzero(table: list[list[str]]) -> dict[str, list[str]]:
    """The rows with any figure in them; every other row is all noughts (or blank averages)."""
    return {
        row[0]: row[1:]
        for row in table[1:]
        if any(cell not in ("0", "", "0.0") for cell in row[1:])
    }


@pytest.fixture
def annual(cli, tmp_path: Path):
    """``annual(2020, "--published")`` -> {table id: rows} from ``flask report annual``."""
    made = 0

    def run(year: int, *options: str) -> dict[str, list[list[str]]]:
        nonlocal made
        made += 1
        out = tmp_path / f"report{made}"
        result = cli("report", "annual", str(year), "--out", str(out), *options)
        assert result.exit_code == 0, result.output
        return read_tables(out)

    return run
