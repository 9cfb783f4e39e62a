"""Turning a finished draft into a representation.

Submitting is idempotent per draft: a double click, a resubmitted form or two tabs posting at
once all end with one representation and the same reference. The draft row is locked (on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises writers anyway) and the representation's
unique idempotency key is the last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.core.references import new_reference
from portal.core.safeguarding import find_risk_phrases
from portal.core.timescales import Timescale, due_date, is_out_of_time
from portal.intake.journeys import Journey, kind_for
from portal.intake.queries import timescales
from portal.models import Category, Draft, Event, Person, Representation
from portal.models.person import ADVOCATE, CHILD, SUBMITTER
from portal.models.representation import COMPLIMENT, CONCERN, NEW
from portal.notify import messages
from portal.notify.routes import unsafe_routes_for
from portal.tracking.secret_words import hash_words
from portal.triage.priority import queue_rank

COUNCIL_TZ = ZoneInfo("Europe/London")
SECRET_WORDS_KEY = "_secret_words"  # noqa: S105 (a dictionary key, not a secret)  # nosec B105
FREE_TEXT = (
    "what_happened",
    "who_involved",
    "outcome_wanted",
    "other_outcome",
    "when_happened",
    "contact_notes",
    "adjustments",
)


@dataclass(frozen=True)
class NextStep:
    timescale: Timescale
    due: date


def council_date(moment: datetime) -> date:
    """The calendar day in England, which is the day reports count a representation under."""
    return moment.astimezone(COUNCIL_TZ).date()


def next_step(representation: Representation, timescales: dict[str, Timescale]) -> NextStep:
    """What happens next and the working day it will happen by."""
    if representation.kind == COMPLIMENT:
        key = "compliment"
    elif representation.kind == CONCERN:
        key = "case_concern" if representation.possible_case_concern else "concern"
    else:
        key = "acknowledgement"
    timescale = timescales[key]
    return NextStep(timescale, due_date(representation.received_on, timescale))


def _yes(value: Any) -> bool | None:
    if value in ("yes", ["yes"]):
        return True
    if value in ("no", []):
        return False
    return None


def _text(answers: dict[str, Any], key: str) -> str | None:
    value = answers.get(key)
    return value if isinstance(value, str) and value else None


def _date(answers: dict[str, Any], key: str) -> date | None:
    value = _text(answers, key)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _submitter_role(answers: dict[str, Any], role_codes: set[str]) -> str:
    role = answers.get("role")
    if role in ("young_person", "advocate", "professional"):
        return str(role)
    relationship = answers.get("relationship")
    if relationship in role_codes:
        return str(relationship)
    return "other" if role == "other" or relationship else "unknown"


def _contact_routes(answers: dict[str, Any]) -> list[str]:
    if isinstance(answers.get("contact_routes"), list):
        return [r for r in answers["contact_routes"] if r != "none"]
    preferred = answers.get("preferred_contact") or answers.get("wants_reply")
    return [str(preferred)] if preferred and preferred != "no" else []


def _people(journey: Journey, answers: dict[str, Any]) -> list[Person]:
    routes = _contact_routes(answers)
    unsafe = unsafe_routes_for(answers.get("unsafe") or [])
    contact = {
        "email": _text(answers, "email") if "email" in routes else None,
        "phone": _text(answers, "phone") if "phone" in routes else None,
        "mobile": _text(answers, "mobile") if "text" in routes else None,
        "address": _text(answers, "address") if "post" in routes else None,
    }
    if journey.name == "young-person":
        return [
            Person(
                part=SUBMITTER,
                first_name=_text(answers, "first_name"),
                last_name=_text(answers, "last_name"),
                age_given=int(answers["age"]) if str(answers.get("age") or "").isdigit() else None,
                contact_routes=routes,
                unsafe_routes=unsafe,
                contact_notes=_text(answers, "contact_notes"),
                **contact,
            )
        ]
    people = []
    if journey.name == "advocate":
        people.append(
            Person(
                part=ADVOCATE,
                first_name=_text(answers, "first_name"),
                last_name=_text(answers, "last_name"),
                organisation=_text(answers, "organisation"),
                email=_text(answers, "email"),
                phone=_text(answers, "phone"),
                contact_routes=["email"],
            )
        )
    else:
        people.append(
            Person(
                part=SUBMITTER,
                first_name=_text(answers, "first_name"),
                last_name=_text(answers, "last_name"),
                relationship_code=_text(answers, "relationship"),
                parental_responsibility=_text(answers, "parental_responsibility"),
                contact_routes=routes,
                unsafe_routes=unsafe,
                interpreter_language=_text(answers, "interpreter_language"),
                adjustments=_text(answers, "adjustments"),
                age_band=_text(answers, "age_band"),
                gender=_text(answers, "gender"),
                ethnicity=_text(answers, "ethnicity"),
                disability=_text(answers, "disability"),
                **contact,
            )
        )
    if _text(answers, "child_first_name"):
        people.append(
            Person(
                part=CHILD,
                first_name=_text(answers, "child_first_name"),
                last_name=_text(answers, "child_last_name"),
                date_of_birth=_date(answers, "child_date_of_birth"),
            )
        )
    return people


def build_representation(
    db: Session, journey: Journey, answers: dict[str, Any], *, now: datetime, language: str
) -> Representation:
    """A new representation from a journey's answers (not yet added to the session)."""
    received_on = council_date(now)
    kind = kind_for(answers)
    texts = [answers[k] for k in FREE_TEXT if isinstance(answers.get(k), str)]
    phrases = find_risk_phrases(*texts, locales=(language,))
    happened_on = _date(answers, "happened_on")
    role_codes = set(db.scalars(select(Category.code).where(Category.vocabulary == "role")))
    outcome_codes = answers.get("outcomes_sought") or []
    outcome_rows = (
        list(
            db.scalars(
                select(Category).where(
                    Category.vocabulary == "outcome_sought", Category.code.in_(outcome_codes)
                )
            )
        )
        if outcome_codes
        else []
    )
    outcome_wanted = _text(answers, "outcome_wanted") or _text(answers, "other_outcome")
    needs_today = answers.get("needs_action_today")
    who_involved = _text(answers, "who_involved")
    if not who_involved and answers.get("who_unknown"):
        who_involved = None
    return Representation(
        reference=new_reference(),
        kind=kind,
        journey=journey.name,
        submitter_role=_submitter_role(answers, role_codes),
        method=journey.method,
        status=NEW,
        received_at=now,
        received_on=received_on,
        language=language,
        what_happened=_text(answers, "what_happened"),
        when_happened=_text(answers, "when_happened"),
        happened_on=happened_on,
        who_involved=who_involved,
        outcome_wanted=outcome_wanted,
        service_code=_text(answers, "service"),
        team_named=_text(answers, "team_named"),
        wants_advocate=_yes(answers.get("wants_advocate")),
        advocacy_consent=_yes(answers.get("advocacy_consent")),
        young_person_asked_advocate=_yes(answers.get("young_person_asked")),
        may_contact_child_directly=_yes(answers.get("may_contact_child_directly")),
        may_share_with_team=_yes(answers.get("may_share_with_team")),
        needs_action_today=_yes(needs_today),
        young_person=journey.young_person or answers.get("role") == "young_person",
        safeguarding=bool(phrases),
        safeguarding_phrases=phrases,
        possible_case_concern=kind == CONCERN and needs_today in ("yes", "not_sure"),
        out_of_time=bool(happened_on and is_out_of_time(happened_on, received_on)),
        people=_people(journey, answers),
        outcomes_sought=outcome_rows,
    )


def _reference_is_free(db: Session, reference: str) -> bool:
    taken = db.scalar(select(Representation.id).where(Representation.reference == reference))
    return taken is None


def submit(
    db: Session,
    draft: Draft,
    journey: Journey,
    answers: dict[str, Any],
    *,
    now: datetime,
    language: str,
    secret_words: str | None = None,
) -> Representation:
    """Record the draft as a representation once, however many times it is submitted.

    Its messages (receipt, duty alert, advocacy referral) are queued in the same
    transaction, so a mail outage cannot fail a submission or lose its messages.
    """
    locked = db.scalars(select(Draft).where(Draft.id == draft.id).with_for_update()).one()
    if locked.representation_id is not None:
        existing = db.get(Representation, locked.representation_id)
        if existing is not None:
            return existing
    representation = build_representation(db, journey, answers, now=now, language=language)
    representation.idempotency_key = locked.token_hash
    representation.queue_rank = queue_rank(representation)
    representation.next_due_on = next_step(representation, timescales(db)).due
    if secret_words:
        representation.secret_hash = hash_words(secret_words)
    while not _reference_is_free(db, representation.reference):
        representation.reference = new_reference()
    representation.events.append(
        Event(
            at=now,
            actor="public",
            action="received",
            to_status=representation.status,
            detail={
                "journey": journey.name,
                "method": journey.method,
                "flags": representation.flags,
            },
        )
    )
    try:
        with db.begin_nested():
            db.add(representation)
            db.flush()
    except IntegrityError:
        # Another request submitted this draft between our read and our insert.
        existing_rep = db.scalars(
            select(Representation).where(Representation.idempotency_key == locked.token_hash)
        ).first()
        if existing_rep is None:
            raise
        return existing_rep
    locked.representation_id = representation.id
    if secret_words:
        # Shown on the confirmation page until the draft ends; only the hash is kept after.
        locked.answers = {**locked.answers, SECRET_WORDS_KEY: secret_words}
    messages.on_arrival(db, representation, now=now, due=representation.next_due_on)
    return representation
