"""The ORM models. Importing this package registers every table on ``Base.metadata``."""

from portal.models.category import Category, representation_outcomes_sought
from portal.models.draft import Draft
from portal.models.event import Event
from portal.models.person import Person
from portal.models.representation import Representation
from portal.models.setting import Setting
from portal.models.staff import SignInAttempt, Staff, StaffSession

__all__ = [
    "Category",
    "Draft",
    "Event",
    "Person",
    "Representation",
    "Setting",
    "SignInAttempt",
    "Staff",
    "StaffSession",
    "representation_outcomes_sought",
]
