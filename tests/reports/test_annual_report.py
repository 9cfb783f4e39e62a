"""The annual report from a small history whose every table is worked out by hand.

Thirteen representations over three financial years go in through ``flask import
representations``; ``flask report annual 2020`` must give back exactly the figures below,
table by table, with every figure not listed a nought. The working days in the timescales
are counted by hand on the 2020 calendar (Good Friday and Easter Monday fall on 10 and 13
April, the early May bank holiday on 8 May).
"""

from __future__ import annotations

import pytest

from portal.db import get_session
from portal.reports.periods import Period, comparison
from portal.reports.tables import EXPORTED_IDS, build_report
from tests.reports.conftest import nonzero

HISTORY = [
    # 2020/21: a statutory complaint answered in 10 working days, two outcomes sought.
    {
        "external_ref": "R1", "received_on": "2020-06-01", "route": "statutory",
        "type": "complaint", "method": "email", "submitter_role": "parent",
        "service": "Fostering", "nature": "delay",
        "outcome_sought": "An apology; An explanation",
        "stage1_acknowledged_on": "2020-06-02", "stage1_responded_on": "2020-06-16",
        "stage1_outcome": "upheld", "actual_outcome": "Apology",
        "age_band": "25 to 34", "gender": "Woman", "ethnicity": "Indian", "disability": "No",
    },
    # A pre-complaint that became a complaint: 15 days at stage 1, 42 at stage 2, then the
    # Ombudsman, who did not uphold it.
    {
        "external_ref": "R2", "received_on": "2020-06-03", "route": "statutory",
        "type": "pre_complaint_to_complaint", "method": "letter",
        "submitter_role": "grandparent", "service": "children_in_need",
        "nature": "Poor communication",
        "stage1_acknowledged_on": "2020-06-04", "stage1_responded_on": "2020-06-25",
        "stage1_outcome": "partially_upheld", "actual_outcome": "Explanation",
        "stage2_requested_on": "2020-07-01", "stage2_responded_on": "2020-08-28",
        "stage2_outcome": "not_upheld", "lgsco_received_on": "2020-10-01",
        "lgsco_decision": "Not upheld: no maladministration",
    },
    # Area-initiated, still open at stage 1: counted when received, not yet in timescales.
    {
        "external_ref": "R3", "received_on": "2020-07-15", "route": "statutory",
        "type": "area_initiated", "method": "telephone", "submitter_role": "foster_carer",
    },
    {
        "external_ref": "R4", "received_on": "2020-09-01", "route": "statutory",
        "type": "refused", "method": "email", "submitter_role": "parent",
        "refusal_reason": "No parental responsibility",
    },
    {
        "external_ref": "R5", "received_on": "2020-09-02", "route": "corporate",
        "type": "refused", "method": "e_form", "submitter_role": "parent",
        "refusal_reason": "outside remit",
    },
    # A young person's corporate complaint through an advocate, answered late (28 days).
    {
        "external_ref": "R6", "received_on": "2021-01-11", "route": "corporate",
        "type": "complaint", "method": "yp_form", "submitter_role": "young_person",
        "young_person": "yes", "via_advocate": "yes", "service": "SEND",
        "nature": "failure_to_provide", "outcome_sought": "Something specific I asked for",
        "stage1_acknowledged_on": "2021-01-12", "stage1_extended": "yes",
        "stage1_responded_on": "2021-02-19", "stage1_outcome": "not_upheld",
        "actual_outcome": "explanation",
    },
    {
        "external_ref": "R7", "received_on": "2020-05-05", "type": "compliment",
        "method": "email", "submitter_role": "parent", "service": "Fostering",
        "compliment_category": "Social work practice",
    },
    {"external_ref": "R8", "received_on": "2020-12-01", "type": "case_concern"},
    # The last day of 2020/21, and the first of 2021/22 (not in this report).
    {"external_ref": "R9", "received_on": "2021-03-31", "type": "ad_hoc"},
    {
        "external_ref": "R10", "received_on": "2021-04-01", "route": "statutory",
        "type": "complaint", "method": "email", "submitter_role": "parent",
    },
    # Received in 2019/20, answered in 2020/21 (10 working days over Easter): counted as
    # received in 2019/20 and in the 2020/21 timescales.
    {
        "external_ref": "R11", "received_on": "2020-03-20", "route": "statutory",
        "type": "complaint", "method": "letter", "submitter_role": "parent",
        "nature": "poor_communication", "stage1_acknowledged_on": "2020-03-23",
        "stage1_responded_on": "2020-04-06", "stage1_outcome": "upheld",
    },
    {
        "external_ref": "R12", "received_on": "2019-06-10", "route": "other", "type": "lgsco",
        "lgsco_received_on": "2019-06-10",
        "lgsco_decision": "Premature: referred back to the council",
    },
    # A young person's complaint withdrawn before a response: no timescale; its actual
    # outcome is "complaint withdrawn".
    {
        "external_ref": "R13", "received_on": "2019-08-01", "route": "corporate",
        "type": "complaint", "method": "email", "submitter_role": "young_person",
        "young_person": "yes", "stage1_acknowledged_on": "2019-08-02",
        "stage1_responded_on": "2019-08-09", "stage1_outcome": "withdrawn",
    },
]  # fmt: skip

CORPORATE = "Non-statutory (corporate)"
ONE = ["1", "0"]  # one this year, none the year before

EXPECTED: dict[str, dict[str, list[str]]] = {
    "representations_by_type": {
        "Statutory / Complaint": ["1", "1"],
        "Statutory / Pre-complaint (to statutory stage 1 complaint)": ["1", "0"],
        "Statutory / Area-initiated complaint": ["1", "0"],
        "Statutory / Refused": ["1", "0"],
        "Statutory / Total": ["4", "1"],
        "Non-statutory (corporate) / Complaint": ["1", "1"],
        "Non-statutory (corporate) / Refused": ["1", "0"],
        "Non-statutory (corporate) / Total": ["2", "1"],
        "Other / Ombudsman (LGSCO) enquiry": ["0", "1"],
        "Other / Case concern": ["1", "0"],
        "Other / Compliment": ["1", "0"],
        "Other / Ad hoc (advice and signposting)": ["1", "0"],
        "Other / Total": ["3", "1"],
        "All representations / Total": ["9", "3"],
    },
    "refusal_reasons": {
        "Statutory / No parental responsibility": ["1", "0"],
        "Statutory / Total": ["1", "0"],
        "Non-statutory (corporate) / Outside remit": ["1", "0"],
        "Non-statutory (corporate) / Total": ["1", "0"],
    },
    "timescales": {
        "Statutory stage 1 / Within 10 working days": ["2", "0"],
        "Statutory stage 1 / Between 11 and 20 working days": ["1", "0"],
        "Statutory stage 1 / Total": ["3", "0"],
        "Statutory stage 1 / Average working days to respond": ["11.7", ""],
        "Statutory stage 2 / Between 26 and 65 working days": ["1", "0"],
        "Statutory stage 2 / Total": ["1", "0"],
        "Statutory stage 2 / Average working days to respond": ["42.0", ""],
        "Corporate stage 1 / Over 20 working days": ["1", "0"],
        "Corporate stage 1 / Total": ["1", "0"],
        "Corporate stage 1 / Average working days to respond": ["28.0", ""],
    },
    "methods": {
        "Email": ["2", "1"],
        "Letter": ["1", "1"],
        "E-form": ["1", "0"],
        "Telephone": ["1", "0"],
        "Young person's form": ["1", "0"],
        "Total": ["6", "2"],
        "Young people / Email": ["0", "1"],
        "Young people / Young person's form": ["1", "0"],
        "Young people / Total": ["1", "1"],
    },
    "roles": {
        "Parent": ["3", "1"],
        "Grandparent": ["1", "0"],
        "Foster carer": ["1", "0"],
        "Child or young person": ["1", "1"],
        "Total": ["6", "2"],
        "Young people / Child or young person": ["1", "1"],
        "Young people / Total": ["1", "1"],
    },
    "natures": {
        "Statutory / Poor communication": ["1", "1"],
        "Statutory / Delay in a decision or in providing a service": ["1", "0"],
        "Statutory / Not recorded": ["2", "0"],
        "Statutory / Total": ["4", "1"],
        "Non-statutory (corporate) / Lack of support, or failure to provide a service": ["1", "0"],
        "Non-statutory (corporate) / Not recorded": ["1", "1"],
        "Non-statutory (corporate) / Total": ["2", "1"],
        f"Young people / {CORPORATE} / Lack of support, or failure to provide a service": ONE,
        "Young people / Non-statutory (corporate) / Not recorded": ["0", "1"],
        "Young people / Non-statutory (corporate) / Total": ["1", "1"],
    },
    "services": {
        "Statutory / Fostering": ["1", "0"],
        "Statutory / Children in need": ["1", "0"],
        "Statutory / Not recorded": ["2", "1"],
        "Statutory / Total": ["4", "1"],
        "Non-statutory (corporate) / Special educational needs and disabilities (SEND)": ["1", "0"],
        "Non-statutory (corporate) / Not recorded": ["1", "1"],
        "Non-statutory (corporate) / Total": ["2", "1"],
        f"Young people / {CORPORATE} / Special educational needs and disabilities (SEND)": [
            "1",
            "0",
        ],
        "Young people / Non-statutory (corporate) / Not recorded": ["0", "1"],
        "Young people / Non-statutory (corporate) / Total": ["1", "1"],
    },
    "outcomes_sought": {
        "Statutory / An apology": ["1", "0"],
        "Statutory / An explanation": ["1", "0"],
        "Statutory / Not known": ["3", "1"],
        "Statutory / Total": ["5", "1"],
        "Non-statutory (corporate) / Something specific I asked for": ["1", "0"],
        "Non-statutory (corporate) / Not known": ["1", "1"],
        "Non-statutory (corporate) / Total": ["2", "1"],
        "Total / An apology": ["1", "0"],
        "Total / An explanation": ["1", "0"],
        "Total / Something specific I asked for": ["1", "0"],
        "Total / Not known": ["4", "2"],
        "Total / Total": ["7", "2"],
        "Young people / Non-statutory (corporate) / Something specific I asked for": ["1", "0"],
        "Young people / Non-statutory (corporate) / Not known": ["0", "1"],
        "Young people / Non-statutory (corporate) / Total": ["1", "1"],
        "Young people / Total / Something specific I asked for": ["1", "0"],
        "Young people / Total / Not known": ["0", "1"],
        "Young people / Total / Total": ["1", "1"],
    },
    "actual_outcomes": {
        "Statutory stage 1 / Explanation": ["1", "0"],
        "Statutory stage 1 / Apology": ["1", "0"],
        "Statutory stage 1 / Not recorded": ["1", "0"],
        "Statutory stage 1 / Total": ["3", "0"],
        "Statutory stage 2 / Not recorded": ["1", "0"],
        "Statutory stage 2 / Total": ["1", "0"],
        "Corporate stage 1 / Explanation": ["1", "0"],
        "Corporate stage 1 / Complaint withdrawn": ["0", "1"],
        "Corporate stage 1 / Total": ["1", "1"],
        "Total / Explanation": ["2", "0"],
        "Total / Apology": ["1", "0"],
        "Total / Complaint withdrawn": ["0", "1"],
        "Total / Not recorded": ["2", "0"],
        "Total / Total": ["5", "1"],
        "Young people / Corporate stage 1 / Explanation": ["1", "0"],
        "Young people / Corporate stage 1 / Complaint withdrawn": ["0", "1"],
        "Young people / Corporate stage 1 / Total": ["1", "1"],
        "Young people / Total / Explanation": ["1", "0"],
        "Young people / Total / Complaint withdrawn": ["0", "1"],
        "Young people / Total / Total": ["1", "1"],
    },
    "stage_outcomes": {
        "Statutory stage 1 / Upheld": ["2", "0"],
        "Statutory stage 1 / Partially upheld": ["1", "0"],
        "Statutory stage 1 / Total": ["3", "0"],
        "Statutory stage 2 / Not upheld": ["1", "0"],
        "Statutory stage 2 / Total": ["1", "0"],
        "Corporate stage 1 / Not upheld": ["1", "0"],
        "Corporate stage 1 / Withdrawn": ["0", "1"],
        "Corporate stage 1 / Total": ["1", "1"],
        "Total / Upheld": ["2", "0"],
        "Total / Partially upheld": ["1", "0"],
        "Total / Not upheld": ["2", "0"],
        "Total / Withdrawn": ["0", "1"],
        "Total / Total": ["5", "1"],
    },
    "ombudsman": {
        "Enquiries received from the Ombudsman / Statutory": ["1", "0"],
        "Enquiries received from the Ombudsman / Other or not a complaint to us": ["0", "1"],
        "Enquiries received from the Ombudsman / Total": ["1", "1"],
        "Ombudsman decisions / Not upheld: no maladministration": ["1", "0"],
        "Ombudsman decisions / Premature: referred back to the council": ["0", "1"],
        "Ombudsman decisions / Total": ["1", "1"],
    },
    "compliments": {
        "By category / Social work practice": ["1", "0"],
        "By category / Total": ["1", "0"],
        "By service or team / Fostering": ["1", "0"],
        "By service or team / Total": ["1", "0"],
    },
    "equality": {
        **{
            f"{section} / {answer}": ["1", "0"]
            for section, answer in (
                ("Age", "25 to 34"), ("Gender", "Woman"), ("Ethnicity", "Indian"),
                ("Disability", "No"),
            )
        },
        **{f"{s} / Not stated": ["5", "2"] for s in ("Age", "Gender", "Ethnicity", "Disability")},
        **{f"{s} / Total": ["6", "2"] for s in ("Age", "Gender", "Ethnicity", "Disability")},
        **{
            f"Young people / {s} / {row}": ["1", "1"]
            for s in ("Age", "Gender", "Ethnicity", "Disability")
            for row in ("Not stated", "Total")
        },
    },
}  # fmt: skip


@pytest.fixture
def tables(import_rows, annual):
    import_rows(HISTORY)
    return annual(2020)


def test_every_table_is_written_with_a_column_per_year_newest_first(tables):
    assert sorted(tables) == sorted(EXPORTED_IDS)
    for table in tables.values():
        assert table[0] == ["Row", "2020/21", "2019/20"]


@pytest.mark.parametrize("table_id", EXPORTED_IDS)
def test_each_table_matches_the_figures_worked_out_by_hand(tables, table_id):
    assert nonzero(tables[table_id]) == EXPECTED[table_id]


def test_every_total_is_the_sum_of_its_rows_and_columns(app, import_rows):
    """The seeds' hand-made totals do not always add up (000 Table 1.1); ours must."""
    import_rows(HISTORY)
    with app.app_context():
        report = build_report(get_session(), comparison(Period(2020), 2), for_export=True)
    checked = 0
    for table in report.tables:
        for part in table.parts:
            for section in part.sections:
                rows = [r for r in section.rows if r.kind == "row"]
                [total] = [r for r in section.rows if r.kind == "total"]
                for i, column in enumerate(table.columns):
                    if section.code == "all":
                        continue
                    assert total.cells[i].count == sum(r.cells[i].count for r in rows)
                    checked += 1
                    if column.code == "total":
                        same = [
                            j
                            for j, c in enumerate(table.columns)
                            if c.period == column.period and c.code != "total"
                        ]
                        for row in [*rows, total]:
                            assert row.cells[i].count == sum(row.cells[j].count for j in same)
            if table.spec.grand_total:
                [grand] = [s for s in part.sections if s.code == "all"]
                totals = [
                    r for s in part.sections if s.code != "all" for r in s.rows if r.kind == "total"
                ]
                for i in range(len(table.columns)):
                    assert grand.rows[0].cells[i].count == sum(r.cells[i].count for r in totals)
    assert checked > 100


def test_a_quarter_counts_only_its_three_months(import_rows, annual):
    import_rows(HISTORY)
    quarter = annual(2020, "--quarter", "1", "--earlier", "0")
    assert quarter["representations_by_type"][0] == ["Row", "Q1 2020/21"]
    assert nonzero(quarter["representations_by_type"]) == {
        "Statutory / Complaint": ["0"],
        "Statutory / Pre-complaint (to statutory stage 1 complaint)": ["1"],
        "Statutory / Total": ["1"],
        "Other / Compliment": ["1"],
        "Other / Total": ["1"],
        "All representations / Total": ["2"],
    } | {
        "Statutory / Complaint": ["1"],
        "Statutory / Total": ["2"],
        "All representations / Total": ["3"],
    }
    # R11 was answered on 6 April 2020: in the first quarter's timescales.
    assert nonzero(quarter["timescales"])["Statutory stage 1 / Within 10 working days"] == ["2"]


def test_the_published_version_hides_counts_under_five(import_rows, annual):
    import_rows(HISTORY)
    published = annual(2020, "--published")
    by_type = {row[0]: row[1:] for row in published["representations_by_type"][1:]}
    assert by_type["Statutory / Complaint"] == ["<5", "<5"]
    assert by_type["Statutory / Area-initiated complaint"] == ["<5", "0"]
    assert by_type["All representations / Total"] == ["9", "<5"]
    every_cell = [c for rows in published.values() for row in rows[1:] for c in row[1:]]
    assert not any(c in {"1", "2", "3", "4"} for c in every_cell)
