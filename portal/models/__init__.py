"""The ORM models. Importing this package registers every table on ``Base.metadata``."""

from portal.models.category import Category, representation_outcomes_sought
from portal.models.draft import Draft
from portal.models.event import Event
from portal.models.outbox import OutboxMessage
from portal.models.person import Person
from portal.models.report import ReportEntry, ReportTally
from portal.models.representation import Representation
from portal.models.restriction import Restriction
from portal.models.setting import Setting
from portal.models.staff import SignInAttempt, Staff, StaffSession
from portal.models.stage import Action, ComplaintPoint, PointOutcome, Stage
from portal.models.tracking import TrackingAttempt, TrackingGrant

__all__ = [
    "Action",
    "Category",
    "ComplaintPoint",
    "Draft",
    "Event",
    "OutboxMessage",
    "Person",
    "PointOutcome",
    "ReportEntry",
    "ReportTally",
    "Representation",
    "Restriction",
    "Setting",
    "SignInAttempt",
    "Staff",
    "StaffSession",
    "Stage",
    "TrackingAttempt",
    "TrackingGrant",
    "representation_outcomes_sought",
]
