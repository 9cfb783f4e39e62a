"""Default response timescales, and the 12-month limit for making a complaint.

Councils set their own timescales (one answers corporate stage 1 in 10 working days, another
in 15), so these are only the defaults a complaints manager starts from; the live values are
settings stored elsewhere. Every figure is in working days (see :mod:`portal.core.workdays`).
"""

import calendar
from dataclasses import dataclass
from datetime import date

from portal.core.markers import N_
from portal.core.workdays import add_working_days


@dataclass(frozen=True)
class Timescale:
    """A target in working days, with the longer limit allowed for complex cases, if any.

    ``extended_days`` is ``None`` where the rules give no extension (for example the stage 3
    panel), so an extension cannot be applied by mistake.
    """

    key: str
    label: str
    target_days: int
    extended_days: int | None = None


_DEFAULTS = (
    # Sources: domain.md "Stages and timescales"; 001 Appendix 2; 002 Annex 1; 003; 004 §2.
    Timescale("acknowledgement", N_("Acknowledge the representation"), 5),
    Timescale("statutory_stage1", N_("Statutory stage 1: local resolution"), 10, 20),
    Timescale("statutory_stage2", N_("Statutory stage 2: independent investigation"), 25, 65),
    Timescale("statutory_stage3_panel", N_("Statutory stage 3: review panel meets"), 30),
    Timescale("statutory_stage3_report", N_("Statutory stage 3: panel report written"), 5),
    Timescale("statutory_stage3_response", N_("Statutory stage 3: council responds"), 15),
    Timescale("corporate_stage1", N_("Corporate stage 1"), 10, 20),
    Timescale("corporate_stage2", N_("Corporate stage 2"), 20),
    Timescale("case_concern", N_("Case concern: passed to the team the same day"), 0),
    Timescale("concern", N_("Concern"), 5),
    Timescale("compliment", N_("Compliment: passed to the team and thanked"), 5),
    Timescale("pre_complaint", N_("Pre-complaint: ask for the missing information"), 5),
    Timescale("escalation_window", N_("Time the person has to ask for the next stage"), 20),
)

DEFAULT_TIMESCALES: dict[str, Timescale] = {timescale.key: timescale for timescale in _DEFAULTS}

# Complaints should be made within 12 months of the problem; councils may accept later ones.
COMPLAINT_WINDOW_MONTHS = 12


def _months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier, or that month's last day if it is shorter.

    So 12 months before 29 February 2024 is 28 February 2023, and one month before 31 March is
    the last day of February.
    """
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_out_of_time(
    happened_on: date, received_on: date, months: int = COMPLAINT_WINDOW_MONTHS
) -> bool:
    """True when the problem happened more than ``months`` calendar months before receipt.

    A complaint received exactly 12 months to the day after the problem is still in time.
    Being out of time is a reason a council *may* refuse, with discretion, so this only flags
    the complaint for a person to decide; it never refuses it.
    """
    return happened_on < _months_before(received_on, months)


def due_date(start: date, timescale: Timescale, extended: bool = False) -> date:
    """The date a response is due, counting working days from ``start``.

    Asking for the extended date of a stage that has no extension raises ``ValueError``:
    silently returning the normal target would hide a record that claims an extension the
    rules do not allow.
    """
    if not extended:
        return add_working_days(start, timescale.target_days)
    if timescale.extended_days is None:
        raise ValueError(f"{timescale.key} has no extended timescale")
    return add_working_days(start, timescale.extended_days)
