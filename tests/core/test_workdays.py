"""Working-day arithmetic: every deadline and every "answered in time" figure rests on it."""

from datetime import date, timedelta

import holidays
import pytest

from portal.core.workdays import add_working_days, is_working_day, working_days_between


def test_three_working_days_over_christmas_2026_skip_the_substitute_boxing_day():
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)


def test_the_2023_coronation_bank_holiday_is_skipped():
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_one_working_day_after_a_friday_is_the_monday():
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral
        date(2023, 5, 8),  # Coronation
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 8, 31),  # Summer bank holiday
        date(2026, 12, 28),  # Boxing Day, substitute
        date(2027, 12, 28),  # Boxing Day, second substitute day
        date(2026, 3, 14),  # Saturday
        date(2026, 3, 15),  # Sunday
    ],
)
def test_bank_holidays_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 2),  # Scottish bank holiday only
        date(2026, 11, 30),  # St Andrew's Day (Scotland)
        date(2027, 7, 12),  # Battle of the Boyne (Northern Ireland)
        date(2026, 12, 24),  # Christmas Eve is a normal working day
    ],
)
def test_holidays_elsewhere_in_the_uk_are_working_days_in_england(day):
    assert is_working_day(day)


def test_zero_days_from_a_working_day_is_the_same_day():
    assert add_working_days(date(2026, 3, 12), 0) == date(2026, 3, 12)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 3, 14), date(2026, 3, 16)),  # Saturday -> Monday
        (date(2026, 5, 25), date(2026, 5, 26)),  # bank holiday Monday -> Tuesday
        (date(2026, 4, 4), date(2026, 4, 7)),  # Easter Saturday -> Tuesday
    ],
)
def test_zero_days_from_a_non_working_day_is_the_next_working_day(start, expected):
    assert add_working_days(start, 0) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 12), -1)


def test_counting_working_days_excludes_the_start_and_includes_the_end():
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 30)) == 3


@pytest.mark.parametrize("end", [date(2026, 3, 12), date(2026, 3, 11), date(2020, 1, 1)])
def test_no_working_days_when_the_end_is_not_after_the_start(end):
    assert working_days_between(date(2026, 3, 12), end) == 0


def _sample_starts():
    day = date(2020, 1, 1)
    while day <= date(2030, 12, 31):
        yield day
        day += timedelta(days=11)  # 11 days walks through every weekday and every month


def test_adding_then_counting_working_days_round_trips_from_2020_to_2030():
    failures = []
    for start in _sample_starts():
        for n in range(1, 71):
            due = add_working_days(start, n)
            if not is_working_day(due) or working_days_between(start, due) != n:
                failures.append((start, n, due))
    assert failures == []


def test_deadlines_agree_with_the_holidays_package_own_calculation():
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(2020, 2032))
    mismatches = [
        (start, n)
        for start in _sample_starts()
        for n in (0, 1, 5, 10, 20, 25, 65)
        if add_working_days(start, n) != calendar.get_nth_working_day(start, n)
    ]
    assert mismatches == []
