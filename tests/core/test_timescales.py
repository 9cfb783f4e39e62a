"""Default timescales and the 12-month limit, as a complaints manager and an auditor read them."""

from dataclasses import replace
from datetime import date

import pytest

from portal.core.timescales import (
    COMPLAINT_WINDOW_MONTHS,
    DEFAULT_TIMESCALES,
    due_date,
    is_out_of_time,
)


def test_default_timescales_match_the_statutory_and_council_defaults():
    # key: (target working days, extended working days or None); see domain.md.
    expected = {
        "acknowledgement": (5, None),
        "statutory_stage1": (10, 20),
        "statutory_stage2": (25, 65),
        "statutory_stage3_panel": (30, None),
        "statutory_stage3_report": (5, None),
        "statutory_stage3_response": (15, None),
        "corporate_stage1": (10, 20),
        "corporate_stage2": (20, None),
        "case_concern": (0, None),
        "concern": (5, None),
        "compliment": (5, None),
        "pre_complaint": (5, None),
        "escalation_window": (20, None),
    }
    actual = {
        key: (timescale.target_days, timescale.extended_days)
        for key, timescale in DEFAULT_TIMESCALES.items()
    }
    assert actual == expected


def test_each_timescale_is_filed_under_its_own_key_with_a_label():
    for key, timescale in DEFAULT_TIMESCALES.items():
        assert timescale.key == key
        assert timescale.label.strip()


def test_complaints_are_expected_within_twelve_months():
    assert COMPLAINT_WINDOW_MONTHS == 12


def test_statutory_stage1_due_dates_skip_christmas_and_new_year():
    stage1 = DEFAULT_TIMESCALES["statutory_stage1"]
    assert due_date(date(2026, 12, 23), stage1) == date(2027, 1, 11)
    assert due_date(date(2026, 12, 23), stage1, extended=True) == date(2027, 1, 25)


def test_a_case_concern_received_at_the_weekend_is_due_on_monday():
    concern = DEFAULT_TIMESCALES["case_concern"]
    assert due_date(date(2026, 3, 14), concern) == date(2026, 3, 16)
    assert due_date(date(2026, 3, 12), concern) == date(2026, 3, 12)


def test_a_changed_setting_changes_the_due_date():
    corporate = replace(DEFAULT_TIMESCALES["corporate_stage1"], target_days=15)
    assert due_date(date(2026, 3, 2), corporate) == date(2026, 3, 23)


def test_an_extension_cannot_be_applied_to_a_stage_without_one():
    with pytest.raises(ValueError):
        due_date(date(2026, 3, 2), DEFAULT_TIMESCALES["statutory_stage3_panel"], extended=True)


@pytest.mark.parametrize(
    ("happened_on", "received_on", "expected"),
    [
        (date(2024, 3, 15), date(2025, 3, 15), False),  # exactly 12 months: in time
        (date(2024, 3, 14), date(2025, 3, 15), True),
        (date(2023, 2, 28), date(2024, 2, 29), False),  # received on 29 February
        (date(2023, 2, 27), date(2024, 2, 29), True),
        (date(2024, 2, 29), date(2025, 2, 28), False),
        (date(2024, 2, 28), date(2025, 2, 28), False),
        (date(2024, 2, 27), date(2025, 2, 28), True),
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2025, 6, 1), date(2025, 5, 1), False),  # a date after receipt is not late
    ],
)
def test_out_of_time_means_more_than_twelve_calendar_months(happened_on, received_on, expected):
    assert is_out_of_time(happened_on, received_on) is expected


@pytest.mark.parametrize(
    ("happened_on", "received_on", "months", "expected"),
    [
        (date(2024, 2, 29), date(2024, 3, 31), 1, False),  # month end: 31 March -> 29 Feb
        (date(2024, 2, 28), date(2024, 3, 31), 1, True),
        (date(2024, 12, 31), date(2025, 1, 31), 1, False),  # across a year end
        (date(2024, 12, 30), date(2025, 1, 31), 1, True),
        (date(2023, 1, 10), date(2025, 1, 10), 24, False),
        (date(2023, 1, 9), date(2025, 1, 10), 24, True),
    ],
)
def test_a_council_can_set_a_different_window(happened_on, received_on, months, expected):
    assert is_out_of_time(happened_on, received_on, months=months) is expected
