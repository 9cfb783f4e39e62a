"""Throttling look-ups so secret words cannot be guessed, and a reference's existence is
never revealed by the throttle.

Failures count per reference as typed (hashed: whether or not it exists) and per address.
A reference locks after a handful of wrong tries from anywhere, which caps a distributed
attack on one child's case; an address locks after more, which stops one place trying many
references. Both locks lift by themselves after the window.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from portal.attempts import failures_since
from portal.models import TrackingAttempt

WINDOW = timedelta(hours=1)
PER_REFERENCE = 10
PER_ADDRESS = 30
KEEP = timedelta(days=1)


def reference_key(reference: str) -> str:
    return hashlib.sha256(reference.encode()).hexdigest()


def _failures(session: Session, since: datetime, **match: str) -> int:
    return failures_since(session, TrackingAttempt, since, **match)


def is_throttled(db: Session, reference: str, address: str, now: datetime) -> bool:
    since = now - WINDOW
    return (
        _failures(db, since, reference_key=reference_key(reference)) >= PER_REFERENCE
        or _failures(db, since, address=address) >= PER_ADDRESS
    )


def record(db: Session, reference: str, address: str, now: datetime, succeeded: bool) -> int:
    """Record a try; returns the reference's failures in the window including this one."""
    key = reference_key(reference)
    db.add(TrackingAttempt(reference_key=key, address=address, at=now, succeeded=succeeded))
    db.execute(delete(TrackingAttempt).where(TrackingAttempt.at < now - KEEP))
    db.flush()
    return _failures(db, now - WINDOW, reference_key=key)
