"""Sign-in throttling that cannot be used to lock someone else out.

Failures count per (account, address) pair and per address, so repeated wrong passwords
from one place stop that place trying that account, and spraying many accounts from one
place stops that place, but the real person signing in from their own desk is unaffected.
A high per-account ceiling caps a slow attack spread over many addresses.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from portal.attempts import failures_since
from portal.models import SignInAttempt

WINDOW = timedelta(minutes=15)
PER_ACCOUNT_AND_ADDRESS = 5
PER_ADDRESS = 30
PER_ACCOUNT = 100
KEEP = timedelta(days=1)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _failures(session: Session, since: datetime, **match: str) -> int:
    return failures_since(session, SignInAttempt, since, **match)


def is_throttled(session: Session, email: str, address: str, now: datetime) -> bool:
    since = now - WINDOW
    account = account_key(email)
    return (
        _failures(session, since, account=account, address=address) >= PER_ACCOUNT_AND_ADDRESS
        or _failures(session, since, address=address) >= PER_ADDRESS
        or _failures(session, since, account=account) >= PER_ACCOUNT
    )


def record(session: Session, email: str, address: str, now: datetime, succeeded: bool) -> None:
    session.add(
        SignInAttempt(account=account_key(email), address=address, at=now, succeeded=succeeded)
    )
    if succeeded:
        # A successful sign-in forgives this place's earlier mistakes on this account.
        session.execute(
            delete(SignInAttempt).where(
                SignInAttempt.account == account_key(email),
                SignInAttempt.address == address,
                SignInAttempt.succeeded.is_(False),
            )
        )
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - KEEP))
