"""Default rows every installation needs (category lists) and demo settings for ``make run``.

Defaults are only ever added, never overwritten: once a complaints manager has edited a
label or retired a term, upgrading must not undo it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts import operations
from portal.core.vocab import VOCABULARIES
from portal.models import Category, Setting, Staff
from portal.models.staff import ADMIN, MANAGER, OFFICER, RESPONDER

# Demo accounts for `make run` only; the password is printed there and is not a secret.
DEMO_PASSWORD = "correct horse battery staple demo"  # noqa: S105
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
