"""Default rows every installation needs (category lists) and demo settings for ``make run``.

Defaults are only ever added, never overwritten: once a complaints manager has edited a
label or retired a term, upgrading must not undo it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.vocab import VOCABULARIES
from portal.models import Category, Setting


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
