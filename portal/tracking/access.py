"""Opening a representation with its reference and secret words, and the short grant that
follows: the browser's session cookie holds only a random token, the server the rest."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import session as cookie_session
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.core.references import normalise_reference
from portal.models import Event, Representation, TrackingGrant
from portal.tracking import secret_words, throttle

COOKIE_KEY = "track"
LIFETIME = timedelta(minutes=30)


class LookupRefused(Exception):
    """The reference and words do not open anything (the same for every cause)."""


class TooManyTries(Exception):
    """Throttled: the same answer whether or not the reference exists."""


class BadReference(Exception):
    """The reference as typed cannot be one of ours (its check character is wrong)."""


@dataclass(frozen=True)
class Opened:
    representation: Representation
    token: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_representation(
    db: Session, *, reference: str, words: str, address: str, now: datetime
) -> Representation:
    """The representation these answers open. Every miss looks and takes the same."""
    canonical = normalise_reference(reference)
    if canonical is None:
        raise BadReference
    if throttle.is_throttled(db, canonical, address, now):
        raise TooManyTries
    rep = db.scalars(select(Representation).where(Representation.reference == canonical)).first()
    ok = secret_words.verify(rep.secret_hash if rep is not None else None, words)
    failures = throttle.record(db, canonical, address, now, succeeded=ok)
    if ok and rep is not None:
        return rep
    if rep is not None and failures == throttle.PER_REFERENCE:
        # Staff should know someone is trying to open this case.
        rep.events.append(
            Event(
                at=now,
                actor="public",
                action="tracking locked",
                reason="Too many wrong secret words: look-ups paused for an hour",
            )
        )
    raise LookupRefused


def grant(db: Session, rep: Representation, now: datetime) -> None:
    token = secrets.token_urlsafe(32)
    db.execute(delete(TrackingGrant).where(TrackingGrant.expires_at <= now))
    db.add(
        TrackingGrant(
            token_hash=_hash(token),
            representation_id=rep.id,
            expires_at=now + LIFETIME,
            created_at=now,
        )
    )
    cookie_session[COOKIE_KEY] = token


def current(db: Session, now: datetime) -> Representation | None:
    """The representation this browser opened, while its grant lasts."""
    token = cookie_session.get(COOKIE_KEY)
    if not isinstance(token, str):
        return None
    found = db.scalars(
        select(TrackingGrant).where(
            TrackingGrant.token_hash == _hash(token), TrackingGrant.expires_at > now
        )
    ).first()
    return db.get(Representation, found.representation_id) if found else None


def close(db: Session) -> None:
    token = cookie_session.pop(COOKIE_KEY, None)
    if isinstance(token, str):
        db.execute(delete(TrackingGrant).where(TrackingGrant.token_hash == _hash(token)))
