"""Staff pages: the annual report, its downloads, the list behind each figure, the counting
rules, the Complaint Handling Code report and the manager's dashboard. All read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import markdown
from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.roles import TEAM, staff_only
from portal.config import ROOT
from portal.core.text import clean_document
from portal.db import get_session
from portal.intake.operations import council_date
from portal.intake.queries import timescales
from portal.models import ReportEntry, Representation
from portal.models.types import utcnow
from portal.reports import charts, dashboard, rollup
from portal.reports.cli import default_earlier_years
from portal.reports.exports import to_csv, to_xlsx
from portal.reports.periods import Period, comparison, financial_year_of
from portal.reports.published import publish
from portal.reports.tables import (
    CHC_IDS,
    REPORT_IDS,
    SPECS,
    Cell,
    Lists,
    TableSpec,
    build_report,
    earliest_period_year,
)
from portal.triage.states import CLASSIFICATIONS

blueprint = Blueprint("reports", __name__, url_prefix="/staff")
PAGE_SIZE = 50


@dataclass(frozen=True)
class Choice:
    """What the person asked for in the report's form, with any problem in what they typed."""

    year: int
    quarter: int | None
    earlier: int
    published: bool
    problems: dict[str, str]

    @property
    def periods(self) -> list[Period]:
        return comparison(Period(self.year, self.quarter), self.earlier)

    def args(self, **extra: Any) -> dict[str, Any]:
        args: dict[str, Any] = {"year": self.year, "earlier": self.earlier}
        if self.quarter:
            args["quarter"] = self.quarter
        if self.published:
            args["version"] = "published"
        return {**args, **extra}


def _whole(text: str | None, low: int, high: int) -> int | None:
    if text is None or not text.strip().isdigit():
        return None
    number = int(text)
    return number if low <= number <= high else None


def read_choice(args: Any, today: date) -> Choice:
    problems: dict[str, str] = {}
    current = financial_year_of(today)
    year = _whole(args.get("year"), 1990, current)
    if args.get("year") not in (None, "") and year is None:
        problems["year"] = _(
            "Enter the year the financial year starts in, as 4 digits up to %(year)d",
            year=current,
        )
    year = year if year is not None else current
    quarter = _whole(args.get("quarter"), 1, 4)
    if args.get("quarter") not in (None, "", "0") and quarter is None:
        problems["quarter"] = _("Select a quarter from 1 to 4, or the whole year")
    earlier = _whole(args.get("earlier"), 0, 4)
    if args.get("earlier") not in (None, "") and earlier is None:
        problems["earlier"] = _("Select from 0 to 4 earlier years")
    if earlier is None:
        earlier = default_earlier_years(earliest_period_year(get_session()), year)
    return Choice(year, quarter, earlier, args.get("version") == "published", problems)


def _today() -> date:
    return council_date(utcnow())


def _report(choice: Choice, ids: tuple[str, ...], *, for_export: bool = False) -> Any:
    report = build_report(get_session(), choice.periods, ids, for_export=for_export)
    return publish(report) if choice.published else report


@blueprint.app_template_global("figure_link")
def figure_link(table_id: str, cell: Cell) -> str | None:
    """The list of representations behind a figure (none for noughts or hidden figures)."""
    if cell.count == 0 or cell.shown is not None or cell.period is None:
        return None
    args: dict[str, Any] = {
        "table": table_id,
        "first": cell.period.first_month,
        "last": cell.period.last_month,
    }
    for name in ("section", "row", "col"):
        value = getattr(cell, name)
        if value is not None:
            args[name] = value
    if cell.young_person:
        args["young_person"] = 1
    return url_for("reports.entries", **args)


def _report_page(template: str, ids: tuple[str, ...], **extra: Any) -> str:
    """A report page for the period asked for, with the form to choose another."""
    today = _today()
    choice = read_choice(request.args, today)
    report = _report(choice, ids)
    return render_template(
        template,
        report=report,
        choice=choice,
        years=range(financial_year_of(today), 1999, -1),
        **{name: make(report) for name, make in extra.items()},
    )


@blueprint.get("/reports")
@staff_only(*TEAM)
def annual() -> str:
    return _report_page(
        "reports/annual.html",
        REPORT_IDS,
        charts=charts.for_report,
        timescales_changed=lambda _report: rollup.timescales_changed_since_rebuild(get_session()),
    )


@blueprint.get("/reports/complaint-handling-code")
@staff_only(*TEAM)
def complaint_handling_code() -> str:
    return _report_page("reports/chc.html", CHC_IDS)


@blueprint.get("/reports/<table_id>.csv")
@staff_only(*TEAM)
def table_csv(table_id: str) -> Response:
    if table_id not in SPECS:
        abort(404)
    choice = read_choice(request.args, _today())
    table = _report(choice, (table_id,), for_export=True).tables[0]
    return _download(to_csv(table).encode("utf-8"), f"{table_id}.csv", "text/csv; charset=utf-8")


@blueprint.get("/reports/annual.xlsx")
@staff_only(*TEAM)
def workbook() -> Response:
    choice = read_choice(request.args, _today())
    report = _report(choice, REPORT_IDS, for_export=True)
    version = "published" if choice.published else "internal"
    name = f"annual-report-{report.period.label.replace('/', '-').replace(' ', '-')}-{version}"
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(to_xlsx(report.tables), f"{name}.xlsx", mimetype)


def _download(body: bytes, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.get("/reports/list")
@staff_only(*TEAM)
def entries() -> str:
    """The representations behind one figure of the report."""
    table_id = request.args.get("table", "")
    first = _whole(request.args.get("first"), 199001, 220012)
    last = _whole(request.args.get("last"), 199001, 220012)
    if table_id not in SPECS or first is None or last is None:
        abort(404)
    page = _whole(request.args.get("page"), 1, 100000) or 1
    conditions = [
        ReportEntry.table_id == table_id,
        ReportEntry.month.between(first, last),
    ]
    for name in ("section", "row", "col"):
        value = request.args.get(name)
        if value is not None:
            conditions.append(getattr(ReportEntry, name) == value)
    if request.args.get("young_person") == "1":
        conditions.append(ReportEntry.young_person.is_(True))
    session = get_session()
    matching = select(ReportEntry.representation_id).where(*conditions).distinct()
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    reps = session.scalars(
        select(Representation)
        .where(Representation.id.in_(matching))
        .order_by(Representation.received_on, Representation.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    spec = SPECS[table_id]
    described = _describe(spec, request.args)
    return render_template(
        "reports/list.html",
        spec=spec,
        described=described,
        period=_period_text(first, last),
        reps=reps,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        classifications=CLASSIFICATIONS,
        young_people=request.args.get("young_person") == "1",
    )


def _describe(spec: TableSpec, args: Any) -> list[str]:
    """The section, row and column a figure belongs to, in the report's words."""
    session = get_session()
    lists, limits = Lists(session), timescales(session)
    section_code, row_code, col_code = args.get("section"), args.get("row"), args.get("col")
    words: list[str] = []
    for section in spec.sections:
        if section_code is not None and section.code != section_code:
            continue
        if section.title:
            words.append(str(section.title))
        rows = dict(section.rows(lists, limits))
        if row_code in rows:
            words.append(str(rows[row_code]))
        break
    columns = dict(spec.columns)
    if col_code and col_code in columns:
        words.append(str(columns[col_code]))
    return words


def _period_text(first: int, last: int) -> str:
    def month(key: int) -> str:
        return date(key // 100, key % 100, 1).strftime("%B %Y")

    return month(first) if first == last else f"{month(first)} to {month(last)}"


@blueprint.get("/reports/counting-rules")
@staff_only(*TEAM)
def counting_rules() -> str:
    """docs/counting-rules.md, so staff and auditors read the same words as developers."""
    text = (ROOT / "docs" / "counting-rules.md").read_text(encoding="utf-8")
    html = clean_document(markdown.markdown(text, extensions=["tables"]))
    return render_template("reports/rules.html", rules=_govuk_classes(html))


def _govuk_classes(html: str) -> str:
    """Give the rendered Markdown the GOV.UK typography classes (no inline styles: CSP)."""
    for tag, css in (
        ("h1", "govuk-heading-l"),
        ("h2", "govuk-heading-m"),
        ("h3", "govuk-heading-s"),
        ("p", "govuk-body"),
        ("ul", "govuk-list govuk-list--bullet"),
        ("ol", "govuk-list govuk-list--number"),
        ("table", "govuk-table"),
        ("th", "govuk-table__header"),
        ("td", "govuk-table__cell"),
        ("tr", "govuk-table__row"),
        ("a", "govuk-link"),
    ):
        html = html.replace(f"<{tag}>", f'<{tag} class="{css}">')
        html = html.replace(f"<{tag} ", f'<{tag} class="{css}" ') if tag == "a" else html
    return html


@blueprint.get("/dashboard")
@staff_only(*TEAM)
def dashboard_page() -> str:
    today = _today()
    figures = dashboard.figures(get_session(), today)
    return render_template(
        "reports/dashboard.html",
        figures=figures,
        trend_chart=charts.trend(figures.trend),
    )
