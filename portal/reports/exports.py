"""Tables as CSV and XLSX: first column the row label, then one column per period, newest
first. Every text cell is neutralised so a spreadsheet never runs it as a formula (a category
label is typed by staff, and a label such as ``=HYPERLINK(...)`` must stay text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.reports.tables import Column, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would treat as a formula (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _value(cell_text: str) -> int | float | str:
    if cell_text == "-":  # no average: nothing was answered in the period
        return ""
    try:
        return int(cell_text)
    except ValueError:
        try:
            return float(cell_text)
        except ValueError:
            return neutralise(cell_text)


def rows(table: Table) -> Iterator[list[str | int | float]]:
    """The header, then one line per row (and per sub-column, for tables that have them),
    with the figures of each period side by side."""
    periods = list(dict.fromkeys(column.period for column in table.columns))
    subcolumns: list[str] = list(dict.fromkeys(column.code for column in table.columns))
    yield [_("Row"), *(period.label for period in periods)]
    labels = dict(table.spec.columns)
    for part in table.parts:
        for section in part.sections:
            for sub in subcolumns:
                for row in section.rows:
                    label_parts = [
                        _("Young people") if part.young_people else "",
                        str(section.title),
                        _("Total") if sub == "total" else str(labels.get(sub, "")) if sub else "",
                        str(row.label),
                    ]
                    label = " / ".join(text for text in label_parts if text)
                    figures = [
                        _value(_cell(table.columns, row.cells, period, sub)) for period in periods
                    ]
                    yield [neutralise(label), *figures]


def _cell(columns: list[Column], cells: list, period: object, sub: str) -> str:
    for column, cell in zip(columns, cells, strict=True):
        if column.period == period and column.code == sub:
            return str(cell.text)
    return ""


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows(table))
    return buffer.getvalue()


def to_xlsx(tables: list[Table]) -> bytes:
    """One worksheet per table. Strings are written as strings, never as formulas."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.id[:31])
        for line in rows(table):
            sheet.append(line)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csvs(tables: list[Table], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = directory / f"{table.id}.csv"
        path.write_text(to_csv(table), encoding="utf-8", newline="")
        written.append(path)
    return written
