"""The transactional outbox: a message is a row written in the same transaction as the change
that causes it, so a crash or a mail outage can delay a message but never lose one.

Recipients who are people in a representation are resolved when the message is sent, not
when it is queued: an address corrected, or a route someone says is no longer safe, is
honoured by every message still waiting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models.person import Person
from portal.models.types import UTCDateTime, utcnow

# Where a message is in its life.
QUEUED = "queued"  # waiting for the sender (or for its next try)
SENT = "sent"  # accepted by the mail server or Notify
FAILED = "failed"  # given up after the last try, or refused for good: staff must act
WITHHELD = "withheld"  # not sent, on purpose: no safe route (see notify/routes.py)
TO_PRINT = "to_print"  # a letter: staff print and post it
POSTED = "posted"  # a letter staff have posted

# How it travels.
EMAIL = "email"
SMS = "sms"
LETTER = "letter"


class OutboxMessage(Base):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable for the life of the message: its Message-ID and Notify reference, so a message
    # sent again after a crash is the same message to the recipient's mail system.
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    representation_id: Mapped[int | None] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    # A person in the representation, a staff account, or a fixed address (duty inbox,
    # advocacy service): exactly one is set.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    address: Mapped[str | None] = mapped_column(String(254))
    channel: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # What the message says, in values (dates, reference, labels): never complaint text.
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=QUEUED)
    # Why a message was withheld or failed, as a code staff pages explain.
    reason: Mapped[str | None] = mapped_column(String(60))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A try may have reached the provider without our knowing (the sender died, or timed
    # out waiting for an answer): the next try checks first where the provider allows.
    maybe_sent: Mapped[bool] = mapped_column(default=False)
    # The transport's error class and code only (never the server's text, which can quote
    # an address back).
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    provider_ref: Mapped[str | None] = mapped_column(String(100))

    person: Mapped[Person | None] = relationship()
