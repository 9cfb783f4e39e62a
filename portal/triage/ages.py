"""A warning when a young person will soon be too old for the service they complained about:
children's services end at 18, leaving care support at 25."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.models import Representation

LEAVING_CARE = {"leaving_care"}
WARN_WITHIN_DAYS = 183  # about six months


@dataclass(frozen=True)
class AgeWarning:
    turns: int
    on: date
    estimated: bool


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # 29 February
        return date(born.year + age, 3, 1)


def age_warning(rep: Representation, today: date) -> AgeWarning | None:
    if not rep.young_person:
        return None
    limit = 25 if (rep.service_code in LEAVING_CARE) else 18
    child = rep.person("child") or rep.person("submitter")
    if child is None:
        return None
    if child.date_of_birth is not None:
        on, estimated = _birthday(child.date_of_birth, limit), False
    elif child.age_given is not None:
        # Only an age: assume the earliest birthday consistent with it.
        on = _birthday(rep.received_on, limit - child.age_given - 1)
        estimated = True
    else:
        return None
    if (on - today).days > WARN_WITHIN_DAYS:
        return None
    return AgeWarning(limit, on, estimated)
