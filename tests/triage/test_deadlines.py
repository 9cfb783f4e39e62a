"""Stage deadlines across bank holidays, extensions, pauses and stage 3's three clocks."""

from __future__ import annotations

from datetime import date

import pytest

from portal.core.timescales import DEFAULT_TIMESCALES
from portal.models import Stage
from portal.triage.deadlines import escalation_window_ends, stage_deadline
from portal.triage.stages import derive_outcome

T = dict(DEFAULT_TIMESCALES)


def _stage(**kwargs) -> Stage:
    defaults = {"route": "statutory", "number": 1, "requested_on": date(2026, 12, 14)}
    return Stage(**{**defaults, **kwargs})


def test_acknowledgement_is_due_five_working_days_after_receipt_over_christmas():
    # Received Mon 21 Dec 2026: 22, 23, 24, (25 Christmas, 28 Boxing Day substitute), 29, 30.
    stage = _stage(requested_on=date(2026, 12, 21))
    assert stage_deadline(stage, T).due == date(2026, 12, 30)


def test_stage_one_runs_ten_working_days_from_acknowledgement_over_christmas():
    # Acknowledged Fri 18 Dec 2026: 21, 22, 23, 24, 29, 30, 31, (1 Jan), 4, 5, 6 Jan 2027.
    deadline = stage_deadline(_stage(acknowledged_on=date(2026, 12, 18)), T)
    assert deadline.due == date(2027, 1, 6)
    assert deadline.extended_limit == date(2027, 1, 20)


def test_stage_two_runs_twenty_five_working_days_over_easter_2027():
    # Requested Mon 15 Mar 2027; Good Friday 26 Mar and Easter Monday 29 Mar are holidays.
    deadline = stage_deadline(_stage(number=2, requested_on=date(2027, 3, 15)), T)
    assert deadline.due == date(2027, 4, 21)


def test_the_coronation_bank_holiday_in_2023_is_not_a_working_day():
    # Acknowledged Fri 5 May 2023; Mon 8 May 2023 was the coronation bank holiday.
    deadline = stage_deadline(_stage(acknowledged_on=date(2023, 5, 5)), T)
    assert deadline.due == date(2023, 5, 22)


def test_an_extension_moves_the_deadline_to_the_extended_limit():
    stage = _stage(acknowledged_on=date(2026, 12, 18), extended_to=date(2027, 1, 20))
    assert stage_deadline(stage, T).due == date(2027, 1, 20)


def test_time_paused_waiting_on_the_person_is_added_back():
    stage = _stage(acknowledged_on=date(2026, 12, 18), paused_days=3)
    assert stage_deadline(stage, T).due == date(2027, 1, 11)


def test_stage_three_has_three_clocks():
    stage = _stage(number=3, requested_on=date(2027, 1, 4))
    assert stage_deadline(stage, T).what == "stage 3 panel"
    assert stage_deadline(stage, T).due == date(2027, 2, 15)
    stage.panel_on = date(2027, 2, 10)
    assert stage_deadline(stage, T).due == date(2027, 2, 17)
    stage.report_on = date(2027, 2, 16)
    assert stage_deadline(stage, T).due == date(2027, 3, 9)


def test_corporate_stages_use_their_own_timescales():
    stage = _stage(route="corporate", number=2, requested_on=date(2027, 1, 4))
    deadline = stage_deadline(stage, T)
    assert deadline.due == date(2027, 2, 1) and deadline.extended_limit is None


def test_the_person_has_twenty_working_days_to_ask_for_the_next_stage():
    stage = _stage(acknowledged_on=date(2026, 12, 1), responded_on=date(2026, 12, 14))
    assert stage_deadline(stage, T) is None
    # 15-24 Dec (8), 29-31 Dec (3), 4-14 Jan (9): the 20th working day is Thu 14 Jan 2027.
    assert escalation_window_ends(stage, T) == date(2027, 1, 14)


@pytest.mark.parametrize(
    ("points", "overall"),
    [
        (["upheld", "upheld"], "upheld"),
        (["upheld", "not_upheld"], "partially_upheld"),
        (["partially_upheld"], "partially_upheld"),
        (["not_upheld", "not_upheld"], "not_upheld"),
        (["not_upheld", "no_finding"], "not_upheld"),
        (["no_finding"], "no_finding"),
    ],
)
def test_the_overall_outcome_is_derived_from_each_point(points, overall):
    assert derive_outcome(points) == overall
