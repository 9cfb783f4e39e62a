"""Reads the public journeys need: choice lists and the council's timescales."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.timescales import DEFAULT_TIMESCALES, Timescale
from portal.models import Category, Setting

TIMESCALES_KEY = "timescales"


def choices(db: Session, vocabulary: str) -> list[tuple[str, str]]:
    """Active terms of a category list, in the council's order, in the reader's language.

    Default labels are translated through the catalog; a label a council has rewritten has
    no translation and is shown as written.
    """
    rows = db.scalars(
        select(Category)
        .where(Category.vocabulary == vocabulary, Category.active.is_(True))
        .order_by(Category.position, Category.id)
    )
    return [(row.code, gettext(row.label)) for row in rows]


def label(db: Session, vocabulary: str, code: str | None) -> str | None:
    if code is None:
        return None
    row = db.scalars(
        select(Category).where(Category.vocabulary == vocabulary, Category.code == code)
    ).first()
    return gettext(row.label) if row else code


def timescales(db: Session) -> dict[str, Timescale]:
    """The council's timescales: the statutory defaults with any saved overrides on top."""
    merged = dict(DEFAULT_TIMESCALES)
    setting = db.get(Setting, TIMESCALES_KEY)
    for key, override in ((setting.value if setting else None) or {}).items():
        base = merged.get(key)
        if base is None or not isinstance(override, dict):
            continue
        merged[key] = Timescale(
            key=base.key,
            label=base.label,
            target_days=int(override.get("target_days", base.target_days)),
            extended_days=override.get("extended_days", base.extended_days),
        )
    return merged
