"""The report pages as a complaints staff_client uses them: figures that open the list behind
them, the published version without links or small numbers, downloads that a spreadsheet
opens as text, a friendly message for a mistyped year, the counting rules, the Complaint
Handling Code report and the dashboard."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal.models import Category
from portal.models.types import utcnow
from portal.reports.tables import TABLE_IDS
from tests import helpers
from tests.helpers import page_text
from tests.reports.test_annual_report import HISTORY


def _links(html: str) -> list[str]:
    return [
        h.replace("&amp;", "&") for h in re.findall(r'href="(/staff/reports/list\?[^"]+)"', html)
    ]


def test_every_figure_opens_the_representations_behind_it(import_rows, staff_client):
    import_rows(HISTORY)
    page = staff_client.get("/staff/reports?year=2020").get_data(as_text=True)
    assert "Representations report 2020/21" in page
    for table_id in TABLE_IDS:
        assert f'id="section-{table_id}"' in page
    links = _links(page)
    assert links, "figures should link to their lists"
    # The statutory refusals of 2020/21: R4 only.
    [refused] = [
        link
        for link in links
        if "table=refusal_reasons" in link
        and "section=statutory" in link
        and "row=" in link
        and "first=202004" in link
    ]
    listed = page_text(staff_client.get(refused))
    assert "imported as R4" in listed and "1 representation counted" in listed
    # The young people's methods in 2019/20: R13, by email.
    [young] = [
        link
        for link in links
        if "table=methods" in link
        and "young_person=1" in link
        and "row=email" in link
        and "first=201904" in link
    ]
    assert "imported as R13" in page_text(staff_client.get(young))


def test_the_published_version_has_no_links_and_no_small_numbers(import_rows, staff_client):
    import_rows(HISTORY)
    page = staff_client.get("/staff/reports?year=2020&version=published").get_data(as_text=True)
    assert "Published version" in page
    assert not _links(page)
    figures = re.findall(r'govuk-table__cell--numeric">\s*([^<\s]+)', page)
    assert "&lt;5" in figures and not {"1", "2", "3", "4"} & set(figures)


def test_charts_are_svg_without_script_or_inline_style(import_rows, staff_client):
    import_rows(HISTORY)
    response = staff_client.get("/staff/reports?year=2020")
    page = response.get_data(as_text=True)
    assert page.count('<svg class="app-chart__svg" role="img"') == 3
    assert "<script>" not in page and " style=" not in page
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=20x6", "Enter the year the financial year starts in"),
        ("year=3020", "Enter the year the financial year starts in"),
        ("quarter=7", "Select a quarter from 1 to 4"),
        ("earlier=9", "Select from 0 to 4 earlier years"),
    ],
)
def test_a_mistyped_choice_gets_a_clear_message_and_a_report(staff_client, query, message):
    response = staff_client.get(f"/staff/reports?{query}")
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert "Representations report" in text


def test_a_table_downloads_as_csv_with_a_column_per_year(import_rows, staff_client):
    import_rows(HISTORY)
    response = staff_client.get("/staff/reports/methods.csv?year=2020&earlier=1")
    assert response.headers["Content-Disposition"] == 'attachment; filename="methods.csv"'
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "Row,2020/21,2019/20"
    assert "Email,2,1" in lines


@pytest.fixture
def formula_label(session):
    """The email method relabelled as a spreadsheet formula; the category lists outlive a
    test, so the label is put back afterwards."""
    email = session.scalars(
        select(Category).where(Category.vocabulary == "method", Category.code == "email")
    ).one()
    original, email.label = email.label, '=HYPERLINK("http://example.com","Email")'
    session.commit()
    yield email.label
    session.rollback()
    email = session.get(Category, email.id)
    email.label = original
    session.commit()


def test_the_workbook_keeps_a_formula_like_label_as_text(import_rows, staff_client, formula_label):
    import_rows(HISTORY)
    response = staff_client.get("/staff/reports/annual.xlsx?year=2020&earlier=1")
    workbook = load_workbook(io.BytesIO(response.get_data()))
    assert set(workbook.sheetnames) == set(TABLE_IDS)
    rows = list(workbook["methods"].iter_rows(values_only=True))
    assert rows[0] == ("Row", "2020/21", "2019/20")
    [email_row] = [r for r in rows if str(r[0]).startswith("'=HYPERLINK")]
    assert email_row == ("'" + formula_label, 2, 1)
    cell = next(c for c in workbook["methods"]["A"] if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"
    csv_text = staff_client.get("/staff/reports/methods.csv?year=2020").get_data(as_text=True)
    assert "\"'=HYPERLINK" in csv_text


def test_a_list_link_to_an_unknown_table_is_not_found(staff_client):
    assert (
        staff_client.get("/staff/reports/list?table=nope&first=202004&last=202103").status_code
        == 404
    )
    assert staff_client.get("/staff/reports/nope.csv").status_code == 404


def test_the_counting_rules_page_shows_the_document(staff_client):
    text = page_text(staff_client.get("/staff/reports/counting-rules"))
    for table_id in ("representations_by_type", "timescales", "equality"):
        assert table_id in text


def test_the_complaint_handling_code_report_counts_corporate_complaints(import_rows, staff_client):
    import_rows(HISTORY)
    page = staff_client.get("/staff/reports/complaint-handling-code?year=2020&earlier=0")
    text = page_text(page)
    assert "Complaint Handling Code report 2020/21" in text
    html = page.get_data(as_text=True)
    # R6 (complaint) and R5 (refused as outside remit) are the corporate representations.
    received = re.search(r'id="chc_received".*?</table>', html, re.S).group(0)
    assert re.search(r"Complaint</th>\s*<td[^>]*>\s*<a[^>]*>1</a>", received)
    refused = re.search(r'id="chc_refused".*?</table>', html, re.S).group(0)
    assert re.search(r"Outside remit</th>\s*<td[^>]*>\s*<a[^>]*>1</a>", refused)
    acknowledged = re.search(r'id="chc_acknowledged".*?</table>', html, re.S).group(0)
    assert re.search(r"Within 5 working days</th>\s*<td[^>]*>\s*<a[^>]*>1</a>", acknowledged)


def test_the_dashboard_shows_open_late_and_young_people(forms, staff_client, session):
    forms.walk("young-person", "complain", "young_person", helpers.YOUNG_PERSON)
    forms.post("/young-person/check-answers")
    text = " ".join(page_text(staff_client.get("/staff/dashboard")).split())
    assert "1 new, not yet classified" in text
    assert "100% of complaints" not in text  # not a complaint until it is classified
    month = utcnow().strftime("%b %Y")
    assert month in text
    assert (utcnow() - timedelta(days=400)).strftime("%b %Y") not in text
