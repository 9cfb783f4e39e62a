"""One test per counting rule in docs/counting-rules.md that the hand-worked history in
test_annual_report.py does not already pin on its own."""

from __future__ import annotations

import pytest

from portal.models import Setting
from portal.reports.periods import Period, comparison, financial_year_of, quarter_of
from portal.reports.tables import percent
from tests.reports.conftest import nonzero

COMPLAINT = {
    "route": "statutory",
    "type": "complaint",
    "method": "email",
    "submitter_role": "parent",
}


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(61, 142, 43), (77, 142, 54), (4, 142, 3), (1, 8, 13), (1, 200, 1), (1, 201, 0), (0, 5, 0)],
)
def test_percentages_are_whole_numbers_with_halves_rounded_up(part, whole, shown):
    """As the seeds print them (001 Table 2: 61 of 142 is 43%)."""
    assert percent(part, whole) == shown


def test_there_is_no_percentage_of_nothing():
    assert percent(0, 0) is None


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [("2020-04-01", 2020, 1), ("2020-06-30", 2020, 1), ("2020-07-01", 2020, 2),
     ("2021-01-01", 2020, 4), ("2021-03-31", 2020, 4), ("2021-04-01", 2021, 1)],
)  # fmt: skip
def test_the_financial_year_runs_from_april_to_march(day, year, quarter):
    from datetime import date

    assert (financial_year_of(date.fromisoformat(day)), quarter_of(date.fromisoformat(day))) == (
        year,
        quarter,
    )
    assert Period(year, quarter).contains(date.fromisoformat(day))


def test_a_comparison_goes_back_at_most_four_years():
    assert [p.label for p in comparison(Period(2020), 9)] == [
        "2020/21", "2019/20", "2018/19", "2017/18", "2016/17",
    ]  # fmt: skip
    assert [p.label for p in comparison(Period(2020, 3), 1)] == ["Q3 2020/21", "Q3 2019/20"]


def test_an_area_initiated_complaint_is_counted_but_not_timed(import_rows, annual):
    import_rows(
        [
            {
                **COMPLAINT,
                "external_ref": "A",
                "received_on": "2020-06-01",
                "type": "area_initiated",
                "stage1_acknowledged_on": "2020-06-02",
                "stage1_responded_on": "2020-07-30",
                "stage1_outcome": "upheld",
            }
        ]
    )
    tables = annual(2020, "--earlier", "0")
    assert nonzero(tables["representations_by_type"])["Statutory / Area-initiated complaint"] == [
        "1"
    ]
    assert nonzero(tables["timescales"]) == {}
    assert nonzero(tables["stage_outcomes"])["Statutory stage 1 / Upheld"] == ["1"]


def test_stage_one_is_timed_from_acknowledgement_not_receipt(import_rows, annual):
    """Received on a Monday, acknowledged 4 working days later, answered 10 after that."""
    import_rows(
        [
            {
                **COMPLAINT,
                "external_ref": "T",
                "received_on": "2020-06-01",
                "stage1_acknowledged_on": "2020-06-05",
                "stage1_responded_on": "2020-06-19",
                "stage1_outcome": "not_upheld",
            }
        ]
    )
    timescales = nonzero(annual(2020, "--earlier", "0")["timescales"])
    assert timescales["Statutory stage 1 / Within 10 working days"] == ["1"]
    assert timescales["Statutory stage 1 / Average working days to respond"] == ["10.0"]


def test_an_ombudsman_referral_waits_for_its_decision_in_the_year_it_came(import_rows, annual):
    import_rows(
        [
            {
                **COMPLAINT,
                "external_ref": "O",
                "received_on": "2020-05-01",
                "lgsco_received_on": "2021-02-01",
            },
        ]
    )
    ombudsman = nonzero(annual(2020, "--earlier", "0")["ombudsman"])
    assert ombudsman["Enquiries received from the Ombudsman / Statutory"] == ["1"]
    assert ombudsman["Ombudsman decisions / Awaiting a decision"] == ["1"]


def test_a_refusal_without_its_procedure_has_a_section_of_its_own(import_rows, annual):
    import_rows(
        [
            {
                "external_ref": "X",
                "received_on": "2020-05-01",
                "type": "refused",
                "refusal_reason": "Out of time",
            },
        ]
    )
    tables = annual(2020, "--earlier", "0")
    assert nonzero(tables["refusal_reasons"]) == {
        "Procedure not recorded / Out of time": ["1"],
        "Procedure not recorded / Total": ["1"],
    }
    assert nonzero(tables["representations_by_type"])["Other / Refused (procedure not recorded)"]


def test_changed_timescales_are_flagged_until_the_figures_are_rebuilt(
    app, cli, import_rows, annual, officer_page
):
    import_rows(
        [
            {
                **COMPLAINT,
                "external_ref": "S",
                "received_on": "2020-06-01",
                "stage1_acknowledged_on": "2020-06-02",
                "stage1_responded_on": "2020-06-23",
                "stage1_outcome": "upheld",
            },
        ]
    )
    before = nonzero(annual(2020, "--earlier", "0")["timescales"])
    assert before["Statutory stage 1 / Between 11 and 20 working days"] == ["1"]
    assert "timescales have changed" not in officer_page()
    with app.app_context():
        from portal.db import get_session

        session = get_session(write=True)
        session.merge(Setting(key="timescales", value={"statutory_stage1": {"target_days": 15}}))
        session.commit()
    assert "timescales have changed" in officer_page()
    assert cli("report", "verify").exit_code == 1
    assert cli("report", "rebuild").exit_code == 0
    after = nonzero(annual(2020, "--earlier", "0")["timescales"])
    assert after["Statutory stage 1 / Within 15 working days"] == ["1"]
    assert "timescales have changed" not in officer_page()
    assert cli("report", "verify").exit_code == 0


@pytest.fixture
def officer_page(staff_client):
    """The report page as a signed-in complaints officer sees it, spaces collapsed."""
    return lambda: " ".join(
        staff_client.get("/staff/reports?year=2020").get_data(as_text=True).split()
    )
