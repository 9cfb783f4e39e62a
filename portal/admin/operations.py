"""Changes to settings. Category terms are never deleted, only retired, so earlier records
and reports keep the words they were recorded with. Operations never commit."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.admin.council import COUNCIL_KEY, FIELDS
from portal.core.timescales import DEFAULT_TIMESCALES
from portal.intake.queries import TIMESCALES_KEY
from portal.models import Category, Setting

MAX_DAYS = 130  # half a working year: anything longer is a typing mistake


class SettingProblem(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def save_timescales(session: Session, values: dict[str, tuple[int, int | None]]) -> None:
    """Store the council's timescales (working days) over the statutory defaults."""
    overrides: dict[str, Any] = {}
    for key, (target, extended) in values.items():
        if key not in DEFAULT_TIMESCALES:
            continue
        if not 0 <= target <= MAX_DAYS:
            raise SettingProblem(f"Days must be between 0 and {MAX_DAYS}", f"{key}_target")
        if extended is not None and not target <= extended <= MAX_DAYS:
            raise SettingProblem(
                "The extended limit must be at least the target", f"{key}_extended"
            )
        overrides[key] = {"target_days": target, "extended_days": extended}
    _put(session, TIMESCALES_KEY, overrides)


def save_council(session: Session, details: dict[str, str]) -> None:
    """Save the details shown on every page; a blank field falls back to the configuration."""
    cleaned = {k: (details.get(k) or "").strip()[:200] for k in FIELDS}
    for field in ("phone", "out_of_hours", "advocacy_phone"):
        if cleaned[field] and not any(c.isdigit() for c in cleaned[field]):
            raise SettingProblem("Enter a phone number", field)
    for field in ("advocacy_email", "duty_email"):
        if cleaned[field]:
            try:
                cleaned[field] = validate_email(
                    cleaned[field], check_deliverability=False
                ).normalized
            except EmailNotValidError:
                raise SettingProblem(
                    "Enter an email address in the correct format, like name@example.org", field
                ) from None
    _put(session, COUNCIL_KEY, {k: v for k, v in cleaned.items() if v})


def _put(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _code_for(label: str) -> str:
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_label.lower()).strip("_")[:50] or "term"


def add_term(session: Session, vocabulary: str, label: str) -> Category:
    label = label.strip()
    if not label:
        raise SettingProblem("Enter the new term", "label")
    code = base = _code_for(label)
    taken = set(session.scalars(select(Category.code).where(Category.vocabulary == vocabulary)))
    suffix = 2
    while code in taken:
        code, suffix = f"{base}_{suffix}", suffix + 1
    position = session.scalar(
        select(func.coalesce(func.max(Category.position), 0)).where(
            Category.vocabulary == vocabulary
        )
    )
    term = Category(vocabulary=vocabulary, code=code, label=label, position=(position or 0) + 1)
    session.add(term)
    return term


def rename_term(session: Session, term_id: int, label: str) -> None:
    term = session.get(Category, term_id)
    if term is None:
        raise SettingProblem("That term no longer exists")
    if not label.strip():
        raise SettingProblem("Enter the new wording", "label")
    term.label = label.strip()


def set_active(session: Session, term_id: int, active: bool) -> None:
    term = session.get(Category, term_id)
    if term is None:
        raise SettingProblem("That term no longer exists")
    term.active = active
