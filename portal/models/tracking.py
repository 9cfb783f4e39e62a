""" "Check your complaint": tries at the reference and secret words, and the short-lived
grant a correct try gives the browser (which holds only a random token)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base
from portal.models.types import UTCDateTime, utcnow


class TrackingAttempt(Base):
    """One look-up, kept for a day so guessing can be throttled and audited.

    The reference is stored hashed: the table must not become a list of which references
    someone tried (or which exist).
    """

    __tablename__ = "tracking_attempt"
    __table_args__ = (
        Index("ix_tracking_attempt_reference_at", "reference_key", "at"),
        Index("ix_tracking_attempt_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_key: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    succeeded: Mapped[bool] = mapped_column(default=False)


class TrackingGrant(Base):
    __tablename__ = "tracking_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
