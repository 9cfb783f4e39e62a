"""Server-side drafts: the browser's session cookie carries only a random draft token.

Drafts slide: each saved answer pushes the expiry on by the configured lifetime, so a person
who steps away for an hour loses nothing, but a shared computer does not keep a child's words
for long. Leaving by "Exit this page" deletes the draft at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import session as cookie_session
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.models import Draft

COOKIE_KEY = "draft"
DONE_KEY = "_done"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_draft(db: Session, now: datetime) -> Draft | None:
    """The draft this browser holds, unless it has expired.

    An expired draft is ignored here rather than deleted: this runs on page views, whose
    read transactions must not turn into writes (on SQLite that can fail under load). The
    next draft started anywhere sweeps it away (``start_draft``).
    """
    token = cookie_session.get(COOKIE_KEY)
    if not isinstance(token, str):
        return None
    draft = db.scalars(select(Draft).where(Draft.token_hash == _hash(token))).first()
    if draft is None:
        return None
    if draft.expires_at <= now:
        cookie_session.pop(COOKIE_KEY, None)
        return None
    return draft


def start_draft(db: Session, now: datetime, lifetime_hours: int) -> Draft:
    """A new draft, replacing whatever this browser held before.

    Expired drafts from everyone are removed here too (an indexed delete), so abandoned
    answers do not outlive their lifetime even where no clean-up job is scheduled.
    """
    discard_draft(db)
    delete_expired(db, now)
    token = secrets.token_urlsafe(32)
    draft = Draft(
        token_hash=_hash(token),
        answers={},
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(hours=lifetime_hours),
    )
    db.add(draft)
    cookie_session[COOKIE_KEY] = token
    return draft


def save_answers(
    draft: Draft, step_key: str, values: dict[str, Any], now: datetime, lifetime_hours: int
) -> None:
    """Store a step's answers and remember the step was completed."""
    answers = dict(draft.answers or {})
    answers.update(values)
    done = list(answers.get(DONE_KEY, []))
    if step_key not in done:
        done.append(step_key)
    answers[DONE_KEY] = done
    draft.answers = answers  # a new dict, so SQLAlchemy sees the change
    draft.updated_at = now
    draft.expires_at = now + timedelta(hours=lifetime_hours)


def completed(draft: Draft, step_key: str) -> bool:
    return step_key in (draft.answers or {}).get(DONE_KEY, [])


def discard_draft(db: Session) -> None:
    """Forget this browser's draft on the server and in the cookie."""
    token = cookie_session.pop(COOKIE_KEY, None)
    if isinstance(token, str):
        db.execute(delete(Draft).where(Draft.token_hash == _hash(token)))


def delete_expired(db: Session, now: datetime) -> int:
    """Remove drafts past their expiry; returns how many went."""
    result = db.execute(delete(Draft).where(Draft.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
