"""Delivering the outbox: claim a batch, send each message, record what happened.

Each message is claimed (a lease naming this worker), sent outside any database transaction,
then marked sent in a short transaction of its own. A sender killed between sending and
marking leaves a claim that expires, or that another sender on the same machine releases at
once because the claiming process is gone; the message is then sent again with the same
Message-ID and Notify reference, so the recipient still sees it once. Temporary failures
back off exponentially; after the last try, or a permanent refusal, the message is marked
failed for staff to act on.
"""

from __future__ import annotations

import os
import socket
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from portal.models import OutboxMessage, Representation, Staff
from portal.models.outbox import FAILED, LETTER, QUEUED, SENT, TO_PRINT, WITHHELD
from portal.models.types import utcnow
from portal.notify import digest, messages, routes
from portal.notify.senders import (
    Outgoing,
    PermanentFailure,
    Sender,
    TemporaryFailure,
    available_channels,
    from_config,
)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... doubling up to 6 hours between tries."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_claims(db: Session, host: str | None = None) -> int:
    """Free messages claimed by a sender on this machine whose process has gone (killed,
    crashed), so they are sent now rather than when the lease runs out."""
    host = host or socket.gethostname()
    claimants = db.scalars(
        select(OutboxMessage.claimed_by)
        .where(OutboxMessage.status == QUEUED, OutboxMessage.claimed_by.like(f"{host}:%"))
        .distinct()
    ).all()
    released = 0
    for claimant in claimants:
        pid = claimant.rpartition(":")[2] if claimant else ""
        if pid.isdigit() and not _alive(int(pid)):
            result = db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.claimed_by == claimant, OutboxMessage.status == QUEUED)
                .values(claimed_by=None, claimed_until=None, maybe_sent=True)
            )
            released += int(getattr(result, "rowcount", 0) or 0)
    return released


def claim(db: Session, *, worker: str, now: datetime, lease: timedelta, limit: int) -> list[int]:
    """Claim up to ``limit`` due messages for ``worker``. On PostgreSQL two senders skip each
    other's rows; on SQLite the write transaction (BEGIN IMMEDIATE) serialises them."""
    rows = db.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.status == QUEUED,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        if row.claimed_by is not None:
            # Its lease ran out: whoever held it may have sent it before stopping.
            row.maybe_sent = True
        row.claimed_by = worker
        row.claimed_until = now + lease
    return [row.id for row in rows]


def _prepare(
    db: Session, message: OutboxMessage, available: frozenset[str]
) -> Outgoing | tuple[str, str]:
    """The message ready to send, or the status and reason it must stop with."""
    rep = db.get(Representation, message.representation_id) if message.representation_id else None
    name = None
    if message.person_id is not None:
        person = message.person
        # Checked again now: a route may have been marked unsafe since this was queued.
        choice = routes.choose(person, available)
        if choice.channel is None:
            return WITHHELD, choice.reason or "no_contact"
        if choice.channel == LETTER:
            return TO_PRINT, "letter"
        message.channel = choice.channel
        to = routes.address_for(person, choice.channel) if person else None
        name = person.first_name if person else None
    elif message.staff_id is not None:
        staff = db.get(Staff, message.staff_id)
        to = staff.email if staff is not None and staff.active else None
    else:
        to = message.address
    if not to or not message.channel:
        return FAILED, "no_address"
    rendered = messages.render(message, name=name, extra=messages.extras(message, rep))
    return Outgoing(
        dedupe_key=message.dedupe_key,
        channel=message.channel,
        to=to,
        subject=rendered.subject,
        body=rendered.body,
        language=message.language,
        maybe_sent=message.maybe_sent,
    )


def _finish(write_engine: Any, message_id: int, worker: str, **values: Any) -> None:
    with Session(write_engine) as db:
        message = db.get(OutboxMessage, message_id)
        if message is None:
            return
        for key, value in values.items():
            setattr(message, key, value)
        message.claimed_by = None
        message.claimed_until = None
        db.commit()


def deliver(
    app: Flask,
    message_id: int,
    *,
    worker: str,
    senders: Mapping[str, Sender],
    clock: Callable[[], datetime] = utcnow,
) -> str:
    """Send one claimed message; returns what became of it."""
    config = app.config
    available = available_channels(config)
    with Session(app.extensions["portal.engine"]) as db:
        message = db.get(OutboxMessage, message_id)
        if message is None or message.status != QUEUED or message.claimed_by != worker:
            return "skipped"
        prepared = _prepare(db, message, available)
        attempts = message.attempts
        channel = message.channel
    if isinstance(prepared, tuple):
        status, reason = prepared
        _finish(
            app.extensions["portal.write_engine"], message_id, worker, status=status, reason=reason
        )
        return status
    sender = senders.get(prepared.channel)
    write_engine = app.extensions["portal.write_engine"]
    if sender is None:
        _finish(write_engine, message_id, worker, status=WITHHELD, reason="no_sender")
        return WITHHELD
    try:
        provider_ref = sender.send(prepared)
    except TemporaryFailure as error:
        tries = attempts + 1
        if tries >= int(config["OUTBOX_MAX_ATTEMPTS"]):
            _finish(
                write_engine,
                message_id,
                worker,
                status=FAILED,
                attempts=tries,
                reason="gave_up",
                last_error=str(error)[:200],
                maybe_sent=True,
            )
            return FAILED
        _finish(
            write_engine,
            message_id,
            worker,
            attempts=tries,
            last_error=str(error)[:200],
            next_attempt_at=clock() + backoff(tries),
            maybe_sent=True,
        )
        return "retry"
    except PermanentFailure as error:
        _finish(
            write_engine,
            message_id,
            worker,
            status=FAILED,
            attempts=attempts + 1,
            reason="refused",
            last_error=str(error)[:200],
        )
        return FAILED
    _finish(
        write_engine,
        message_id,
        worker,
        status=SENT,
        attempts=attempts + 1,
        sent_at=clock(),
        provider_ref=provider_ref,
        channel=channel,
        last_error=None,
    )
    return SENT


def run(
    app: Flask,
    *,
    once: bool = False,
    stop: threading.Event | None = None,
    senders: Mapping[str, Sender] | None = None,
    report: Callable[[str], None] | None = None,
) -> Counter[str]:
    """Deliver until stopped. With ``once``, deliver everything due now, then return."""
    stop = stop or threading.Event()
    config = app.config
    senders = senders if senders is not None else from_config(config)
    worker = worker_name()
    lease = timedelta(seconds=int(config["OUTBOX_LEASE_SECONDS"]))
    totals: Counter[str] = Counter()
    digest_days: set[date] = set()
    try:
        while not stop.is_set():
            with app.app_context():
                now = utcnow()
                with Session(app.extensions["portal.write_engine"]) as db:
                    release_dead_claims(db)
                    digest.enqueue_due(db, now, hour=int(config["DIGEST_HOUR"]), done=digest_days)
                    ids = claim(
                        db, worker=worker, now=now, lease=lease, limit=int(config["OUTBOX_BATCH"])
                    )
                    db.commit()
                for message_id in ids:
                    outcome = deliver(app, message_id, worker=worker, senders=senders)
                    totals[outcome] += 1
                    if stop.is_set():
                        break
            if report and ids:
                report(", ".join(f"{k}: {v}" for k, v in sorted(totals.items())))
            if not ids:
                if once:
                    break
                stop.wait(float(config["OUTBOX_POLL_SECONDS"]))
    finally:
        for sender in set(senders.values()):
            sender.close()
    return totals


def retry_now(db: Session, now: datetime, *, include_failed: bool = False) -> int:
    """After an outage is fixed: send what is waiting now, not at its next backoff time."""
    result = db.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == QUEUED, OutboxMessage.next_attempt_at > now)
        .values(next_attempt_at=now)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if include_failed:
        result = db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == FAILED)
            .values(status=QUEUED, attempts=0, reason=None, next_attempt_at=now)
        )
        count += int(getattr(result, "rowcount", 0) or 0)
    return count


def summary(db: Session, now: datetime) -> dict[str, Any]:
    """Counts by status and how long the oldest waiting message has waited (the lag)."""
    counts = dict(
        db.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    )
    oldest = db.scalar(
        select(func.min(OutboxMessage.created_at)).where(OutboxMessage.status == QUEUED)
    )
    lag = (now - oldest).total_seconds() if oldest is not None else 0.0
    return {"counts": counts, "lag_seconds": lag}
