"""Reporting periods: the financial year (1 April to 31 March) and its quarters.

Every period is a run of whole calendar months, which is why the tallies are kept by month.
A financial year is named by the year it starts in: 2020 is "2020/21".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    year: int  # the financial year it falls in, by the year that starts it
    quarter: int | None = None  # 1 (April to June) to 4 (January to March)

    @property
    def first_month(self) -> int:
        """YYYYMM of the first month."""
        months_in = 3 * (self.quarter - 1) if self.quarter else 0
        return _month_key(self.year, 4 + months_in)

    @property
    def last_month(self) -> int:
        months_in = 3 * self.quarter - 1 if self.quarter else 11
        return _month_key(self.year, 4 + months_in)

    @property
    def starts(self) -> date:
        return date(self.first_month // 100, self.first_month % 100, 1)

    @property
    def ends(self) -> date:
        year, month = divmod(self.last_month, 100)
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    @property
    def label(self) -> str:
        year = f"{self.year}/{(self.year + 1) % 100:02d}"
        return f"Q{self.quarter} {year}" if self.quarter else year

    def earlier(self, years: int) -> Period:
        return Period(self.year - years, self.quarter)

    def contains(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def _month_key(year: int, month: int) -> int:
    """YYYYMM of ``month`` counted from January of ``year`` (13 is next January)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return year * 100 + month


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def quarter_of(day: date) -> int:
    return ((day.month - 4) % 12) // 3 + 1


def comparison(period: Period, earlier_years: int) -> list[Period]:
    """The period and the same period in up to four earlier years, newest first."""
    return [period.earlier(n) for n in range(min(max(earlier_years, 0), 4) + 1)]
