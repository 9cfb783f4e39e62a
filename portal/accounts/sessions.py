"""Server-side staff sessions behind an opaque cookie.

The cookie holds a random token; the database holds its hash and the session's state. A
new token is issued at each sign-in step (no fixation), sessions end after 30 idle minutes
or 12 hours whatever happens, and signing out ends the row so a replayed cookie fails.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import Flask, current_app, request
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from portal import security
from portal.models import Staff, StaffSession

IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
PENDING = timedelta(minutes=5)  # between the password and the code


def cookie_name(app: Flask) -> str:
    return security.cookie_name(app, "speakup-staff")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin(session: Session, staff: Staff, now: datetime, *, second_factor_done: bool) -> str:
    """A new session row; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            token_hash=_hash(token),
            staff=staff,
            second_factor_done=second_factor_done,
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def _expired(row: StaffSession, now: datetime) -> bool:
    if row.ended_at is not None:
        return True
    if not row.second_factor_done:
        return now - row.created_at > PENDING
    return now - row.last_seen_at > IDLE or now - row.created_at > ABSOLUTE


def current(session: Session, now: datetime, *, pending: bool = False) -> StaffSession | None:
    """This browser's live session: fully signed in, or (``pending``) waiting for a code."""
    token = request.cookies.get(cookie_name(current_app))
    if not token:
        return None
    row = session.scalars(
        select(StaffSession).where(StaffSession.token_hash == _hash(token))
    ).first()
    if row is None or _expired(row, now) or row.second_factor_done == pending:
        return None
    if not row.staff.active:
        return None
    return row


def end(row: StaffSession, now: datetime) -> None:
    row.ended_at = now


def set_cookie(response: Response, token: str) -> None:
    app = current_app
    response.set_cookie(
        cookie_name(app),
        token,
        httponly=True,
        secure=security.production(app),
        samesite="Strict",
        path="/",
        max_age=int(ABSOLUTE.total_seconds()),
    )


def clear_cookie(response: Response) -> None:
    response.delete_cookie(cookie_name(current_app), path="/")
