"""Working days in England, the unit every complaints timescale is set in.

The regulations and every council's procedure count working days, so a deadline that ignored a
bank holiday would be a day early and a council could be wrongly reported as late. Wales shares
England's bank holidays, so the same calendar serves both.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays for one year, cached because deadlines are computed on every page view.

    The ``holidays`` package ships its rules, so this works with no network. One-off days
    (the 2022 state funeral, the 2023 coronation) and substitute days are included.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start``, counting ``start`` as day 0.

    A complaint received on a Friday with a one-day target is due on Monday. With ``days=0``
    (a same-day case concern) the answer is ``start`` itself, or the next working day when the
    representation arrived at a weekend or on a bank holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += _ONE_DAY
        return day
    remaining = days
    while remaining:
        day += _ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end <= start``.

    This is the inverse of :func:`add_working_days`, so "answered in N working days" in a
    report means the same thing as "due N working days after receipt" on a deadline.
    """
    count = 0
    day = start + _ONE_DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += _ONE_DAY
    return count
