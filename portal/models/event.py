"""The audit trail: every change to a representation is an event written in the same
transaction as the change, so the case timeline, the audit log and the reports agree."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from portal.models.representation import Representation


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "public" for the person who wrote in, a staff account id later, "system" for jobs.
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)  # up to 5,000 characters typed
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    representation: Mapped[Representation] = relationship(back_populates="events")
