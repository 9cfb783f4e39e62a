"""Bar charts drawn as SVG on the server: no script, so the strict content security policy
stays as it is, and they print. Each chart sits beside the table it summarises, which is
the accessible version of the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.reports.dashboard import MonthFigures
from portal.reports.tables import Report, Table

SERIES_COLOURS = ("#1d70b8", "#00703c", "#505a5f", "#d4351c", "#4c2c92")  # GOV.UK palette


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # what is printed at the end of the bar ("12", "<5")
    series: int = 0


@dataclass
class Chart:
    id: str
    title: str
    bars: list[Bar]
    series: list[str] = field(default_factory=list)

    @property
    def largest(self) -> int:
        return max([bar.value for bar in self.bars] + [1])

    def width(self, bar: Bar) -> float:
        """The bar's share of the drawing area, in per cent (50% of the chart's width)."""
        return round(50 * bar.value / self.largest, 2)

    def colour(self, bar: Bar) -> str:
        return SERIES_COLOURS[bar.series % len(SERIES_COLOURS)]


def _bar(label: str, count: int, shown: str | None, series: int = 0) -> Bar:
    return Bar(label, 0 if shown else count, shown or str(count), series)


def _section_totals(table: Table) -> Chart:
    """Representations by type: each section's total in each period, newest first."""
    part = table.parts[0]
    sections = [s for s in part.sections if s.code != "all"]
    bars = []
    for i, column in enumerate(table.columns):
        for n, section in enumerate(sections):
            total = next(r for r in section.rows if r.kind == "total").cells[i]
            bars.append(_bar(f"{column.label}: {section.title}", total.count, total.shown, n))
    return Chart(
        "chart-types",
        _("Representations received, by year"),
        bars,
        [str(s.title) for s in sections],
    )


def _rows_of_chosen_period(table: Table, chart_id: str, title: str) -> Chart:
    """The rows' figures for the chosen period: its only column, or the total column that
    follows its sub-columns (see ``tables.columns_for``)."""
    part = table.parts[0]
    column = len(table.spec.columns) if len(table.spec.columns) > 1 else 0
    bars = [
        _bar(str(row.label), row.cells[column].count, row.cells[column].shown)
        for section in part.sections
        for row in section.rows
        if row.kind == "row" and (row.cells[column].count or row.cells[column].shown)
    ]
    return Chart(chart_id, title, bars)


def for_report(report: Report) -> dict[str, Chart]:
    """Charts for the tables that read best as pictures, keyed by table id."""
    found = {table.id: table for table in report.tables}
    charts: dict[str, Chart] = {}
    if "representations_by_type" in found:
        charts["representations_by_type"] = _section_totals(found["representations_by_type"])
    if "methods" in found:
        charts["methods"] = _rows_of_chosen_period(
            found["methods"], "chart-methods", _("How complaints were made")
        )
    if "stage_outcomes" in found:
        charts["stage_outcomes"] = _rows_of_chosen_period(
            found["stage_outcomes"], "chart-outcomes", _("Findings at every stage")
        )
    return charts


def trend(months: list[MonthFigures]) -> Chart:
    bars = []
    for month in months:
        bars.append(
            Bar(f"{month.label}: {_('complaints')}", month.complaints, str(month.complaints), 0)
        )
        bars.append(
            Bar(f"{month.label}: {_('compliments')}", month.compliments, str(month.compliments), 1)
        )
    return Chart("chart-trend", _("Complaints and compliments received each month"), bars,
                 [_("Complaints"), _("Compliments")])  # fmt: skip
