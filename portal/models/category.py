"""Editable category lists (natures, services, outcomes, methods, roles, refusal reasons...).

Councils each use their own lists, so they are rows a complaints manager can change, seeded
from ``portal.core.vocab``. Reports group by these rows; retired terms are kept (inactive)
so earlier years still report under the words they were recorded with.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base


class Category(Base):
    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("vocabulary", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    hint: Mapped[str | None] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<Category {self.vocabulary}:{self.code}>"


representation_outcomes_sought = Table(
    "representation_outcome_sought",
    Base.metadata,
    Column(
        "representation_id",
        ForeignKey("representation.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("category_id", ForeignKey("category.id"), primary_key=True),
)
