"""The tables of the annual report: what each one is called, which sections, rows and columns
it has, and how the monthly tallies become the figures a complaints manager publishes.

Rows come from the council's own category lists (in their order, retired terms kept while
they still have a count), so a council that renames a term sees its own words; columns are
the reporting period and up to four earlier ones. Totals are always the sum of the rows shown
and every percentage is worked out again from them (domain.md: the seeds' printed totals do
not always add up; ours must).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.core.timescales import Timescale
from portal.intake.queries import timescales
from portal.models import Category, ReportTally
from portal.reports.facts import NOT_RECORDED, OTHER_TYPES, stage_limits
from portal.reports.periods import Period

Key = tuple[str, str, str, bool]  # section, row, col, young person
Labels = list[tuple[str, str]]


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    rows: Callable[[Lists, Mapping[str, Timescale]], Labels]
    # The category list the rows come from, whose retired terms show only with a count.
    vocabulary: str | None = None
    # A section for data that should not exist any more, shown only when it does.
    only_when_counted: bool = False


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    sections: tuple[SectionSpec, ...]
    # The facts it reads, when it is a view of another table's (the Complaint Handling
    # Code report shows the corporate parts of the annual report's tables).
    source: str = ""
    # Columns within each period, e.g. statutory and corporate; ("", "") for a single one.
    columns: tuple[tuple[str, str], ...] = (("", "Number"),)
    # Young people's subset shown beside it, where the seeds show one (001 3b, 5b, 6b, 7b...).
    young_people: bool = False
    # Whether each row's share of its section total is printed beside it.
    percentages: bool = False
    # Rows do not partition the section when one representation can count in several rows.
    many_per_representation: bool = False
    # An extra "average working days" row from the tallies' values (timescales).
    averages: bool = False
    # A last line adding up every section (Table 1a's "Total representations").
    grand_total: bool = False
    note: str = ""


class Lists:
    """The council's category lists as (code, label) in display order, read once per report."""

    def __init__(self, session: Session) -> None:
        self._rows: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        query = select(Category.vocabulary, Category.code, Category.label, Category.active)
        for vocabulary, code, label, active in session.execute(
            query.order_by(Category.vocabulary, Category.position, Category.id)
        ):
            self._rows[vocabulary].append((code, label, active))

    def __call__(self, vocabulary: str, *extra: tuple[str, str]) -> Labels:
        """Active terms, then retired ones (shown only when they have a count), then extras."""
        active = [(c, label) for c, label, on in self._rows[vocabulary] if on]
        retired = [(c, label) for c, label, on in self._rows[vocabulary] if not on]
        return [*active, *retired, *extra]

    def retired(self, vocabulary: str | None) -> set[str]:
        if vocabulary is None:
            return set()
        return {c for c, _label, on in self._rows[vocabulary] if not on}


def _vocabulary(name: str, *extra: tuple[str, str]) -> Callable[[Lists, Any], Labels]:
    return lambda lists, _limits: lists(name, *extra)


def _listed(code: str, title: str, vocabulary: str, *extra: tuple[str, str]) -> SectionSpec:
    return SectionSpec(code, title, _vocabulary(vocabulary, *extra), vocabulary)


def _fixed(*rows: tuple[str, str]) -> Callable[[Lists, Any], Labels]:
    return lambda _lists, _limits: list(rows)


NOT_RECORDED_ROW = (NOT_RECORDED, _l("Not recorded"))
NOT_STATED_ROW = (NOT_RECORDED, _l("Not stated"))

_COMPLAINT_ROWS = {
    "statutory": (
        ("complaint", _l("Complaint")),
        ("pre_complaint_to_complaint", _l("Pre-complaint (to statutory stage 1 complaint)")),
        ("area_initiated", _l("Area-initiated complaint")),
        ("refused", _l("Refused")),
    ),
    "corporate": (
        ("complaint", _l("Complaint")),
        ("pre_complaint_to_complaint", _l("Pre-complaint (to corporate stage 1 complaint)")),
        ("area_initiated", _l("Area-initiated complaint")),
        ("refused", _l("Refused")),
    ),
}
_OTHER_LABELS = {
    "pre_complaint": _l("Pre-complaint (information still awaited)"),
    "deferred": _l("Deferred (court proceedings)"),
    "professional": _l("Professional-to-professional complaint"),
    "lscb": _l("LSCB / child protection conference complaint"),
    "lgsco": _l("Ombudsman (LGSCO) enquiry"),
    "case_concern": _l("Case concern"),
    "miscellaneous": _l("Miscellaneous (outside remit)"),
    "compliment": _l("Compliment"),
    "handoff": _l("Contact centre handoff"),
    "foi_sar": _l("Data breach, FOI or SAR"),
    "ad_hoc": _l("Ad hoc (advice and signposting)"),
    "member_enquiry": _l("Member or MP enquiry"),
    "awaiting_triage": _l("Not yet classified"),
    "refused": _l("Refused (procedure not recorded)"),
}
_OTHER_ORDER = [row for row in OTHER_TYPES.values() if row != "awaiting_triage"]
_OTHER_ROWS = tuple(
    (row, _OTHER_LABELS[row]) for row in [*_OTHER_ORDER, "refused", "awaiting_triage"]
)

ROUTES = (("statutory", _l("Statutory")), ("corporate", _l("Non-statutory (corporate)")))
STAGE_COLUMNS = (
    ("statutory_1", _l("Statutory stage 1")),
    ("statutory_2", _l("Statutory stage 2")),
    ("statutory_3", _l("Statutory stage 3")),
    ("corporate_1", _l("Corporate stage 1")),
    ("corporate_2", _l("Corporate stage 2")),
)


def _timescale_rows(route: str, number: int) -> Callable[[Lists, Mapping[str, Timescale]], Labels]:
    def rows(_lists: Lists, limits: Mapping[str, Timescale]) -> Labels:
        target, extended = stage_limits(route, number, limits)
        labelled = [("within_target", _("Within %(days)d working days", days=target))]
        if extended > target:
            labelled.append(
                (
                    "within_extension",
                    _("Between %(low)d and %(high)d working days", low=target + 1, high=extended),
                )
            )
        labelled.append(("over", _("Over %(days)d working days", days=extended)))
        return labelled

    return rows


def _acknowledgement_rows(_lists: Lists, limits: Mapping[str, Timescale]) -> Labels:
    days = limits["acknowledgement"].target_days
    return [
        ("within_target", _("Within %(days)d working days", days=days)),
        ("over", _("Over %(days)d working days", days=days)),
    ]


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "representations_by_type",
        _l("Representations received, by type"),
        (
            SectionSpec("statutory", _l("Statutory"), _fixed(*_COMPLAINT_ROWS["statutory"])),
            SectionSpec(
                "corporate", _l("Non-statutory (corporate)"), _fixed(*_COMPLAINT_ROWS["corporate"])
            ),
            SectionSpec("other", _l("Other"), _fixed(*_OTHER_ROWS)),
        ),
        grand_total=True,
    ),
    TableSpec(
        "refusal_reasons",
        _l("Representations refused, by reason"),
        (
            _listed("statutory", _l("Statutory"), "refusal_reason", NOT_RECORDED_ROW),
            _listed(
                "corporate", _l("Non-statutory (corporate)"), "refusal_reason", NOT_RECORDED_ROW
            ),
            SectionSpec(
                "other",
                _l("Procedure not recorded"),
                _vocabulary("refusal_reason", NOT_RECORDED_ROW),
                "refusal_reason",
                only_when_counted=True,
            ),
        ),
    ),
    TableSpec(
        "acknowledgements",
        _l("Complaints acknowledged within timescale"),
        (
            SectionSpec("statutory", _l("Statutory stage 1"), _acknowledgement_rows),
            SectionSpec("corporate", _l("Corporate stage 1"), _acknowledgement_rows),
        ),
        percentages=True,
        averages=True,
    ),
    TableSpec(
        "timescales",
        _l("Complaints responded to within timescales"),
        tuple(
            SectionSpec(code, label, _timescale_rows(code.split("_")[0], int(code[-1])))
            for code, label in STAGE_COLUMNS
        ),
        percentages=True,
        averages=True,
    ),
    TableSpec(
        "methods",
        _l("How complaints were made"),
        (_listed("", "", "method", NOT_RECORDED_ROW),),
        young_people=True,
        percentages=True,
    ),
    TableSpec(
        "roles",
        _l("Who made complaints"),
        (_listed("", "", "role"),),
        young_people=True,
        percentages=True,
    ),
    TableSpec(
        "natures",
        _l("Nature of complaints"),
        tuple(_listed(code, title, "nature", NOT_RECORDED_ROW) for code, title in ROUTES),
        young_people=True,
        percentages=True,
    ),
    TableSpec(
        "services",
        _l("Service involved"),
        tuple(_listed(code, title, "service", NOT_RECORDED_ROW) for code, title in ROUTES),
        young_people=True,
        percentages=True,
    ),
    TableSpec(
        "outcomes_sought",
        _l("Outcomes sought"),
        (_listed("", "", "outcome_sought", ("not_recorded", _l("Not known"))),),
        columns=ROUTES,
        young_people=True,
        many_per_representation=True,
        note=_l("A complaint can seek more than one outcome, so totals count outcomes sought."),
    ),
    TableSpec(
        "actual_outcomes",
        _l("Actual outcomes of complaints"),
        (_listed("", "", "actual_outcome", NOT_RECORDED_ROW),),
        columns=STAGE_COLUMNS,
        young_people=True,
        many_per_representation=True,
        note=_l("A response can have more than one outcome, so totals count outcomes."),
    ),
    TableSpec(
        "stage_outcomes",
        _l("Findings at each stage"),
        (_listed("", "", "stage_outcome", NOT_RECORDED_ROW),),
        columns=STAGE_COLUMNS,
        percentages=True,
    ),
    TableSpec(
        "ombudsman",
        _l("Local Government and Social Care Ombudsman"),
        (
            SectionSpec(
                "referrals",
                _l("Enquiries received from the Ombudsman"),
                _fixed(*ROUTES, ("other", _l("Other or not a complaint to us"))),
            ),
            _listed(
                "decisions",
                _l("Ombudsman decisions"),
                "ombudsman_decision",
                ("awaiting", _l("Awaiting a decision")),
            ),
        ),
    ),
    TableSpec(
        "compliments",
        _l("Compliments"),
        (
            _listed("category", _l("By category"), "compliment_category", NOT_RECORDED_ROW),
            _listed("service", _l("By service or team"), "service", NOT_RECORDED_ROW),
        ),
        percentages=True,
    ),
    TableSpec(
        "equality",
        _l("Equality profile of complainants"),
        (
            _listed("age_band", _l("Age"), "age_band", NOT_STATED_ROW),
            _listed("gender", _l("Gender"), "gender", NOT_STATED_ROW),
            _listed("ethnicity", _l("Ethnicity"), "ethnicity", NOT_STATED_ROW),
            _listed("disability", _l("Disability"), "disability", NOT_STATED_ROW),
        ),
        young_people=True,
        percentages=True,
    ),
    TableSpec(
        "learning",
        _l("Learning and actions from complaints"),
        (
            SectionSpec(
                "",
                "",
                _fixed(
                    ("stages_with_learning", _l("Responses that recorded learning")),
                    ("actions_agreed", _l("Actions agreed")),
                    ("actions_done", _l("Actions completed")),
                ),
            ),
        ),
        columns=STAGE_COLUMNS,
        many_per_representation=True,
    ),
)
SPECS_BY_ID = {spec.id: spec for spec in TABLES}


_CORPORATE_STAGES = STAGE_COLUMNS[3:]
# The Ombudsman's Complaint Handling Code report: corporate complaints only.
CHC_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "chc_received",
        _l("Corporate complaints received"),
        (SectionSpec("corporate", "", _fixed(*_COMPLAINT_ROWS["corporate"])),),
        source="representations_by_type",
    ),
    TableSpec(
        "chc_acknowledged",
        _l("Stage 1 complaints acknowledged"),
        (SectionSpec("corporate", "", _acknowledgement_rows),),
        source="acknowledgements",
        percentages=True,
        averages=True,
    ),
    TableSpec(
        "chc_timescales",
        _l("Complaints answered within the Code's timescales"),
        tuple(s for s in SPECS_BY_ID["timescales"].sections if s.code.startswith("corporate")),
        source="timescales",
        percentages=True,
        averages=True,
    ),
    TableSpec(
        "chc_outcomes",
        _l("Findings at each stage"),
        SPECS_BY_ID["stage_outcomes"].sections,
        columns=_CORPORATE_STAGES,
        source="stage_outcomes",
        percentages=True,
    ),
    TableSpec(
        "chc_refused",
        _l("Complaints not accepted, by the type of reason"),
        (_listed("corporate", "", "refusal_reason", NOT_RECORDED_ROW),),
        source="refusal_reasons",
    ),
    TableSpec(
        "chc_ombudsman",
        _l("Ombudsman enquiries and decisions"),
        SPECS_BY_ID["ombudsman"].sections,
        source="ombudsman",
    ),
    TableSpec(
        "chc_learning",
        _l("Learning and service improvements"),
        SPECS_BY_ID["learning"].sections,
        columns=_CORPORATE_STAGES,
        source="learning",
        many_per_representation=True,
    ),
)
TABLE_IDS = tuple(spec.id for spec in TABLES)
# The annual report page: every table.
REPORT_IDS = TABLE_IDS
# The tables ``flask report annual`` writes, one CSV each, as the issue names them.
EXPORTED_IDS = (
    "representations_by_type",
    "refusal_reasons",
    "timescales",
    "methods",
    "roles",
    "natures",
    "services",
    "outcomes_sought",
    "actual_outcomes",
    "stage_outcomes",
    "ombudsman",
    "compliments",
    "equality",
)
CHC_IDS = tuple(spec.id for spec in CHC_TABLES)
SPECS = {spec.id: spec for spec in (*TABLES, *CHC_TABLES)}


@dataclass(frozen=True)
class Cell:
    count: int
    percent: int | None = None
    average: float | None = None
    # What the drill-down list filters by: None means "any" (totals).
    section: str | None = None
    row: str | None = None
    col: str | None = None
    period: Period | None = None
    young_person: bool = False
    shown: str | None = None  # text instead of the number (published: "<5")

    @property
    def text(self) -> str:
        if self.shown is not None:
            return self.shown
        if self.average is not None:
            return f"{self.average:.1f}"
        return str(self.count)


@dataclass
class Row:
    code: str
    label: str
    cells: list[Cell]
    kind: str = "row"  # row, total or average


@dataclass
class Section:
    code: str
    title: str
    rows: list[Row]


@dataclass
class Part:
    young_people: bool
    title: str
    sections: list[Section]


@dataclass(frozen=True)
class Column:
    period: Period
    code: str  # sub-column within the period; "" for a single one, "total" for the sum
    label: str


@dataclass
class Table:
    spec: TableSpec
    columns: list[Column]
    parts: list[Part]
    published: bool = False

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Report:
    period: Period
    periods: list[Period]
    tables: list[Table]
    published: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)


Tallies = dict[tuple[str, str, str, str, bool], tuple[int, int]]


def read_tallies(session: Session, period: Period) -> Tallies:
    """Sum the monthly tallies over the period: one indexed range read for the whole report."""
    query = (
        select(
            ReportTally.table_id,
            ReportTally.section,
            ReportTally.row,
            ReportTally.col,
            ReportTally.young_person,
            func.sum(ReportTally.count),
            func.sum(ReportTally.value),
        )
        .where(ReportTally.month.between(period.first_month, period.last_month))
        .group_by(
            ReportTally.table_id,
            ReportTally.section,
            ReportTally.row,
            ReportTally.col,
            ReportTally.young_person,
        )
    )
    return {
        (table, section, row, col, yp): (int(count or 0), int(value or 0))
        for table, section, row, col, yp, count, value in session.execute(query)
    }


def percent(part: int, whole: int) -> int | None:
    """A whole-number percentage, halves rounded up, as the seeds print them."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


def columns_for(spec: TableSpec, periods: list[Period]) -> list[Column]:
    """The chosen period with all its sub-columns and a total, then earlier periods' totals
    (a year-on-year comparison that still fits on a page)."""
    if len(spec.columns) == 1:
        return [Column(p, spec.columns[0][0], p.label) for p in periods]
    first = periods[0]
    columns = [Column(first, code, _column_label(label, first)) for code, label in spec.columns]
    columns.append(Column(first, "total", _column_label(_("Total"), first)))
    columns.extend(Column(p, "total", _column_label(_("Total"), p)) for p in periods[1:])
    return columns


def export_columns(spec: TableSpec, periods: list[Period]) -> list[Column]:
    """Every sub-column (and their total) for every period: what a spreadsheet wants."""
    codes = list(spec.columns) + ([("total", _l("Total"))] if len(spec.columns) > 1 else [])
    return [Column(p, code, _column_label(label, p)) for p in periods for code, label in codes]


def _column_label(label: str, period: Period) -> str:
    return _("%(column)s, %(period)s", column=label, period=period.label)


def earliest_period_year(session: Session) -> int | None:
    """The financial year of the first month with anything counted, if any."""
    month = session.scalar(select(func.min(ReportTally.month)).where(ReportTally.count > 0))
    if month is None:
        return None
    year, month_of_year = divmod(int(month), 100)
    return year if month_of_year >= 4 else year - 1


def build_table(
    spec: TableSpec,
    periods: list[Period],
    tallies: list[Tallies],
    lists: Lists,
    limits: Mapping[str, Timescale],
    columns: list[Column] | None = None,
) -> Table:
    columns = columns or columns_for(spec, periods)
    index = {p: i for i, p in enumerate(periods)}
    sub_codes = [code for code, _label in spec.columns]
    parts = [Part(False, _l("All"), [])]
    if spec.young_people:
        parts.append(Part(True, _l("Young people (included above)"), []))

    source = spec.source or spec.id

    def tally(period: Period, section: str, row: str, col: str, yp_only: bool) -> tuple[int, int]:
        found = tallies[index[period]]
        count = value = 0
        for yp in (True,) if yp_only else (False, True):
            c, v = found.get((source, section, row, col, yp), (0, 0))
            count, value = count + c, value + v
        return count, value

    def figure(column: Column, section: str, row: str, yp_only: bool) -> tuple[int, int]:
        if column.code != "total":
            return tally(column.period, section, row, column.code, yp_only)
        count = value = 0
        for code in sub_codes:
            c, v = tally(column.period, section, row, code, yp_only)
            count, value = count + c, value + v
        return count, value

    for part in parts:
        for section_spec in spec.sections:
            labelled = section_spec.rows(lists, limits)
            keep_anyway = {code for code, _ in labelled} - lists.retired(section_spec.vocabulary)
            # Codes counted but no longer in the list (a term deleted outright) still show.
            seen = {
                row
                for found in tallies
                for (table, section, row, _col, _yp) in found
                if table == source and section == section_spec.code
            }
            known = {code for code, _ in labelled}
            labelled += [
                (code, code.replace("_", " ").capitalize()) for code in sorted(seen - known)
            ]
            rows: list[Row] = []
            for code, label in labelled:
                figures = [figure(c, section_spec.code, code, part.young_people) for c in columns]
                if code not in keep_anyway and not any(count for count, _ in figures):
                    continue
                cells = [
                    Cell(
                        count,
                        section=section_spec.code,
                        row=code,
                        col=None if c.code == "total" else c.code,
                        period=c.period,
                        young_person=part.young_people,
                    )
                    for c, (count, _value) in zip(columns, figures, strict=True)
                ]
                rows.append(Row(code, label, cells))
            totals = [sum(r.cells[i].count for r in rows) for i in range(len(columns))]
            if section_spec.only_when_counted and not any(totals):
                continue
            if spec.percentages and not spec.many_per_representation:
                for r in rows:
                    r.cells = [_with_percent(cell, totals[i]) for i, cell in enumerate(r.cells)]
            total_row = Row(
                "total",
                _l("Total"),
                [
                    Cell(
                        totals[i],
                        percent=100 if spec.percentages and totals[i] else None,
                        section=section_spec.code,
                        col=None if c.code == "total" else c.code,
                        period=c.period,
                        young_person=part.young_people,
                    )
                    for i, c in enumerate(columns)
                ],
                kind="total",
            )
            rows.append(total_row)
            if spec.averages:
                rows.append(
                    _average_row(spec, section_spec.code, columns, tally, part.young_people)
                )
            part.sections.append(Section(section_spec.code, section_spec.title, rows))
        if spec.grand_total:
            part.sections.append(_grand_total(part, columns))
    return Table(spec, columns, parts)


def _grand_total(part: Part, columns: list[Column]) -> Section:
    totals = [row for section in part.sections for row in section.rows if row.kind == "total"]
    cells = [
        Cell(
            sum(row.cells[i].count for row in totals),
            col=None if c.code == "total" else c.code,
            period=c.period,
            young_person=part.young_people,
        )
        for i, c in enumerate(columns)
    ]
    return Section(
        "all", _l("All representations"), [Row("total", _l("Total"), cells, kind="total")]
    )


def _with_percent(cell: Cell, total: int) -> Cell:
    return replace(cell, percent=percent(cell.count, total))


def _average_row(
    spec: TableSpec,
    section: str,
    columns: list[Column],
    tally: Callable[[Period, str, str, str, bool], tuple[int, int]],
    yp_only: bool,
) -> Row:
    cells = []
    for column in columns:
        count = value = 0
        for bucket in ("within_target", "within_extension", "over"):
            c, v = tally(column.period, section, bucket, column.code, yp_only)
            count, value = count + c, value + v
        cells.append(
            Cell(
                count,
                average=(value / count) if count else None,
                shown=None if count else "-",
                section=section,
                col=column.code or None,
                period=column.period,
                young_person=yp_only,
            )
        )
    return Row("average", _l("Average working days to respond"), cells, kind="average")


def build_report(
    session: Session,
    periods: list[Period],
    ids: tuple[str, ...] = TABLE_IDS,
    *,
    for_export: bool = False,
) -> Report:
    """Every table for ``periods`` (the chosen one first). Reads the tallies once per period.

    ``for_export`` gives every period all its sub-columns; the page shows them for the chosen
    period only, and totals for the earlier ones.
    """
    lists = Lists(session)
    limits = timescales(session)
    tallies = [read_tallies(session, p) for p in periods]
    tables = [
        build_table(
            SPECS[i],
            periods,
            tallies,
            lists,
            limits,
            export_columns(SPECS[i], periods) if for_export else None,
        )
        for i in ids
    ]
    return Report(periods[0], periods, tables)
