"""The one state machine: what a representation can be classified as, and which status
each classification puts it in. Only ``triage/operations.py`` (classification) and
``triage/stages.py`` (withdraw, close) change a status, both through these names."""

from __future__ import annotations

from dataclasses import dataclass

from portal.core.markers import N_

# "new" is the status a representation is stored with on arrival (the model's default).
from portal.models.representation import NEW

PRE_COMPLAINT = "pre_complaint"  # waiting for the person: the clock is paused
DEFERRED = "deferred"  # paused until court proceedings end
OPEN = "open"  # in the statutory or corporate procedure
CLOSED = "closed"

STATUTORY = "statutory"
CORPORATE = "corporate"


@dataclass(frozen=True)
class Classification:
    code: str
    label: str
    status: str
    route: str | None = None


CLASSIFICATIONS: dict[str, Classification] = {
    c.code: c
    for c in (
        Classification("statutory_complaint", N_("Statutory complaint"), OPEN, STATUTORY),
        Classification("corporate_complaint", N_("Corporate complaint"), OPEN, CORPORATE),
        Classification("refused", N_("Refused"), CLOSED),
        Classification("deferred", N_("Deferred (court proceedings)"), DEFERRED),
        Classification("pre_complaint", N_("Pre-complaint: information needed"), PRE_COMPLAINT),
        Classification("case_concern", N_("Case concern: passed to the team today"), CLOSED),
        Classification("compliment", N_("Compliment"), CLOSED),
        Classification("ombudsman_enquiry", N_("Ombudsman enquiry"), OPEN),
        Classification("professional", N_("Professional-to-professional"), CLOSED),
        Classification("cp_conference", N_("Child protection conference complaint"), CLOSED),
        Classification("foi_sar", N_("FOI, subject access or data breach"), CLOSED),
        Classification("member_enquiry", N_("Member or MP enquiry"), CLOSED),
        Classification("outside_remit", N_("Outside remit (miscellaneous)"), CLOSED),
        Classification("advice_only", N_("Advice and signposting only"), CLOSED),
        Classification("handoff", N_("Handed on by the contact centre"), CLOSED),
    )
}
COMPLAINTS = ("statutory_complaint", "corporate_complaint")

# What each current status may become. Anything else is refused with a clear message.
ALLOWED: dict[str, frozenset[str]] = {
    NEW: frozenset(CLASSIFICATIONS),
    PRE_COMPLAINT: frozenset(CLASSIFICATIONS),
    DEFERRED: frozenset(CLASSIFICATIONS),
    OPEN: frozenset(CLASSIFICATIONS),
    CLOSED: frozenset(CLASSIFICATIONS) - {"deferred", "pre_complaint"},
}

# Who may use the statutory procedure (Children Act 1989 representations; 004 "Who can make
# a Complaint?"). Advice only: the team decides, and may find "sufficient interest".
QUALIFYING_ROLES = frozenset(
    {
        "young_person",
        "advocate",
        "parent",
        "foster_carer",
        "private_foster_carer",
        "special_guardian",
        "adopter",
        "prospective_adopter",
        "birth_parent_of_adopted_child",
    }
)


def looks_qualifying(submitter_role: str, parental_responsibility: str | None) -> bool:
    return submitter_role in QUALIFYING_ROLES or parental_responsibility == "yes"
