"""The published version of a report: small numbers hidden so no child can be recognised.

Counts from 1 to 4 are printed as "<5" (a nought is shown: it tells nobody anything about a
person). Hiding one cell is not enough when its total is printed, since the total minus the
other rows gives it back; so wherever a row, column or section has exactly one hidden figure,
the next smallest figure beside it is hidden too (printed "*"), until no hidden figure can be
worked out by subtraction (secondary suppression). Percentages go with any hidden figure, and
averages of fewer than five responses are not printed.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from portal.reports.tables import Cell, Part, Report, Table

SMALL = 5
HIDDEN = "<5"
# A figure of 5 or more hidden only so that a "<5" beside it cannot be worked out.
ALSO_HIDDEN = "*"


def is_small(count: int) -> bool:
    return 0 < count < SMALL


def _hide(cell: Cell) -> Cell:
    shown = HIDDEN if is_small(cell.count) else ALSO_HIDDEN
    return replace(cell, shown=shown, percent=None, average=None)


def publish_table(table: Table) -> Table:
    table = copy.deepcopy(table)
    table.published = True
    periods = [c.period for c in table.columns]
    for part in table.parts:
        for section in part.sections:
            counted = [r for r in section.rows if r.kind in ("row", "total")]
            hidden = {
                (i, j)
                for i, row in enumerate(counted)
                for j, cell in enumerate(row.cells)
                if is_small(cell.count)
            }
            groups = _groups(counted, table, periods)
            changed = True
            while changed:
                changed = False
                for group in groups:
                    in_group = [cell for cell in group if cell in hidden]
                    if len(in_group) != 1:
                        continue
                    shown = [
                        cell
                        for cell in group
                        if cell not in hidden and counted[cell[0]].cells[cell[1]].count > 0
                    ]
                    if not shown:
                        continue
                    smallest = min(shown, key=lambda c: counted[c[0]].cells[c[1]].count)
                    hidden.add(smallest)
                    changed = True
            for i, j in hidden:
                counted[i].cells[j] = _hide(counted[i].cells[j])
            for row in section.rows:
                if row.kind == "average":
                    row.cells = [
                        replace(cell, average=None, shown="-") if cell.count < SMALL else cell
                        for cell in row.cells
                    ]
        _protect_grand_total(part, len(table.columns))
    return table


def _protect_grand_total(part: Part, width: int) -> None:
    """Table 1a's grand total adds up the section totals, so beside exactly one hidden
    section total it would give that one back: it is hidden instead."""
    grand = [s for s in part.sections if s.code == "all"]
    if not grand:
        return
    totals = [r for s in part.sections if s.code != "all" for r in s.rows if r.kind == "total"]
    row = grand[0].rows[0]
    for j in range(width):
        hidden = [r for r in totals if r.cells[j].shown in (HIDDEN, ALSO_HIDDEN)]
        if len(hidden) == 1 and row.cells[j].shown is None:
            row.cells[j] = _hide(row.cells[j])


def _groups(rows: list, table: Table, periods: list) -> list[list[tuple[int, int]]]:
    """Sets of cells that add up to a printed total: each column of the section (rows and
    its total row), and each row across one period's sub-columns and their total column."""
    groups = [[(i, j) for i in range(len(rows))] for j in range(len(table.columns))]
    for period in dict.fromkeys(periods):
        same = [j for j, column in enumerate(table.columns) if column.period == period]
        if len(same) > 1:
            groups.extend([[(i, j) for j in same] for i in range(len(rows))])
    return groups


def publish(report: Report) -> Report:
    published = copy.copy(report)
    published.tables = [publish_table(table) for table in report.tables]
    published.published = True
    return published
