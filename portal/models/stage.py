"""Stages of the statutory or corporate procedure, the agreed statement of complaint, the
outcome for each point, and the actions (learning) that come out of a response.

Dates are calendar days in England; every due date is computed from the council's
timescales and the working-day calendar (``triage/deadlines.py``), never typed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base

if TYPE_CHECKING:
    from portal.models.category import Category

stage_actual_outcomes = Table(
    "stage_actual_outcome",
    Base.metadata,
    Column("stage_id", ForeignKey("stage.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("category.id"), primary_key=True),
)


class Stage(Base):
    __tablename__ = "stage"
    __table_args__ = (UniqueConstraint("representation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    route: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    # Stage 1: the day the complaint was received; stages 2 and 3: the day they were asked for.
    requested_on: Mapped[date]
    acknowledged_on: Mapped[date | None]
    due_on: Mapped[date | None]
    extended_to: Mapped[date | None]
    extension_reason: Mapped[str | None] = mapped_column(Text)
    investigating_officer: Mapped[str | None] = mapped_column(String(200))
    independent_person: Mapped[str | None] = mapped_column(String(200))
    panel_on: Mapped[date | None]
    report_on: Mapped[date | None]
    # While the clock waits on the person (missing information) it is paused; the working
    # days it spent paused are added to its deadlines.
    paused_since: Mapped[date | None]
    paused_days: Mapped[int] = mapped_column(default=0)
    responded_on: Mapped[date | None]
    # Derived from the outcome of each point (upheld, partially_upheld, ...) or withdrawn.
    outcome: Mapped[str | None] = mapped_column(String(40))
    learning: Mapped[str | None] = mapped_column(Text)

    actual_outcomes: Mapped[list[Category]] = relationship(secondary=stage_actual_outcomes)
    point_outcomes: Mapped[list[PointOutcome]] = relationship(
        back_populates="stage", cascade="all, delete-orphan"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="stage", cascade="all, delete-orphan", order_by="Action.id"
    )


class ComplaintPoint(Base):
    """One numbered point of the agreed statement of complaint."""

    __tablename__ = "complaint_point"
    __table_args__ = (UniqueConstraint("representation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    confirmed_on: Mapped[date | None]  # when the person confirmed the statement


class PointOutcome(Base):
    __tablename__ = "point_outcome"
    __table_args__ = (UniqueConstraint("stage_id", "point_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("complaint_point.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(40))

    stage: Mapped[Stage] = relationship(back_populates="point_outcomes")
    point: Mapped[ComplaintPoint] = relationship()


class Action(Base):
    """Learning turned into something someone will do, by a date."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    stage: Mapped[Stage] = relationship(back_populates="actions")
