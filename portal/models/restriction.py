"""Restrictions under the council's unreasonable contact policy.

A restriction belongs to a person, not a case, and people are not deduplicated across
cases, so it is matched by their contact details: hashes of the normalised email address
and phone number. Every case that person is part of then shows it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base
from portal.models.types import UTCDateTime, utcnow


class Restriction(Base):
    __tablename__ = "restriction"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_keys: Mapped[list[str]] = mapped_column(JSON)
    who: Mapped[str] = mapped_column(String(200))  # how staff recognise the person
    reason: Mapped[str] = mapped_column(Text)
    review_on: Mapped[date]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
