"""Default rows every installation needs (category lists) and demo settings for ``make run``.

Defaults are only ever added, never overwritten: once a complaints manager has edited a
label or retired a term, upgrading must not undo it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts import operations
from portal.core.vocab import VOCABULARIES
from portal.models import Category, Setting, Staff
from portal.models.staff import ADMIN, MANAGER, OFFICER, RESPONDER

# Demo accounts for `make run` only; the password is printed there and is not a secret.
DEMO_PASSWORD = "correct horse battery staple demo"  # noqa: S105 (demo accounts only)  # nosec B105
DEMO_STAFF = (
    ("officer@example.org", "Olu Officer", OFFICER, None),
    ("manager@example.org", "Mina Manager", MANAGER, None),
    ("responder@example.org", "Rae Responder", RESPONDER, "fostering"),
    ("admin@example.org", "Ade Admin", ADMIN, None),
)


def ensure_categories(session: Session) -> int:
    """Insert any default term not yet present; return how many were added."""
    existing = {(v, c) for v, c in session.execute(select(Category.vocabulary, Category.code))}
    added = 0
    for vocabulary, terms in VOCABULARIES.items():
        for position, term in enumerate(terms):
            if (vocabulary, term.code) in existing:
                continue
            session.add(
                Category(
                    vocabulary=vocabulary,
                    code=term.code,
                    label=term.label,
                    hint=term.hint,
                    position=position,
                )
            )
            added += 1
    return added


def load_demo_settings(session: Session) -> None:
    """Timescales as a council might set them (the statutory defaults, stated explicitly)."""
    if session.get(Setting, "timescales") is None:
        session.add(Setting(key="timescales", value={"acknowledgement": {"target_days": 5}}))


def load_demo_staff(session: Session) -> list[Staff]:
    """Demo accounts (one per role), added once; returns those created now."""
    created = []
    for email, name, role, team in DEMO_STAFF:
        if session.scalars(select(Staff).where(Staff.email == email)).first():
            continue
        created.append(
            operations.create_staff(
                session,
                email=email,
                display_name=name,
                role=role,
                password=DEMO_PASSWORD,
                team_code=team,
            )
        )
    return created


DEMO_REPRESENTATIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "young-person",
        {
            "intent": "complain",
            "role": "young_person",
            "first_name": "Sam",
            "age": "14",
            "what_happened": "My social worker has changed three times and nobody told me why.",
            "when_happened": "since the summer",
            "who_unknown": ["yes"],
            "outcome_wanted": "One social worker who stays and tells me things.",
            "wants_advocate": "yes",
            "contact_routes": ["text"],
            "mobile": "07700 900 123",
        },
    ),
    (
        "adult",
        {
            "intent": "complain",
            "role": "adult",
            "relationship": "grandparent",
            "parental_responsibility": "no",
            "child_first_name": "Lee",
            "service": "fostering",
            "what_happened": "Nobody returned my calls about contact with my grandson for a month.",
            "happened_on": "2026-09-01",
            "outcomes_sought": ["explanation", "meeting"],
            "first_name": "Pat",
            "last_name": "Example",
            "preferred_contact": "email",
            "email": "pat@example.org",
        },
    ),
    (
        "worry",
        {
            "intent": "worry",
            "role": "adult",
            "relationship": "foster_carer",
            "child_first_name": "Max",
            "service": "home_to_school_transport",
            "what_happened": "The school taxi did not come this morning and has not been rebooked.",
            "needs_action_today": "yes",
            "first_name": "Chris",
            "last_name": "Carer",
            "preferred_contact": "phone",
            "phone": "01632 960 001",
        },
    ),
    (
        "thank-you",
        {
            "intent": "thanks",
            "role": "adult",
            "team_named": "Dana in the fostering team",
            "what_happened": "Dana listened and sorted out our respite in a week.",
            "relationship": "foster_carer",
            "may_share_with_team": "yes",
            "wants_reply": "no",
        },
    ),
)


def load_demo_representations(session: Session, now: datetime) -> int:
    """A few representations to try the staff pages with, made by the submission code."""
    from portal.intake.journeys import JOURNEYS
    from portal.intake.operations import build_representation, next_step
    from portal.intake.queries import timescales
    from portal.models import Event, Representation
    from portal.notify import messages
    from portal.triage.priority import queue_rank

    if session.scalar(select(Representation.id).limit(1)) is not None:
        return 0
    for number, (journey, answers) in enumerate(DEMO_REPRESENTATIONS):
        rep = build_representation(session, JOURNEYS[journey], answers, now=now, language="en")
        rep.idempotency_key = f"demo-{number}"
        rep.queue_rank = queue_rank(rep)
        rep.next_due_on = next_step(rep, timescales(session)).due
        rep.events.append(Event(at=now, actor="demo", action="received", to_status=rep.status))
        session.add(rep)
        # Their receipts too, so `make run` shows messages arriving in instance/mail/.
        messages.on_arrival(session, rep, now=now, due=rep.next_due_on)
    return len(DEMO_REPRESENTATIONS)
