"""Server-side drafts of a journey's answers.

The browser holds only a random token in its session cookie; the answers stay here. Only a
hash of the token is stored, so a copy of the database cannot be used to take over someone's
draft from their browser.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base
from portal.models.types import UTCDateTime, utcnow


class Draft(Base):
    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    journey: Mapped[str | None] = mapped_column(String(30))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    representation_id: Mapped[int | None] = mapped_column(
        ForeignKey("representation.id", ondelete="SET NULL")
    )
