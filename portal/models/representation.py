"""A representation: the first contact that needs action (complaint, concern, compliment).

Only the first contact is counted in the reports; everything later is recorded against it as
events. Categories are stored as vocabulary codes (see ``Category``) so councils can edit the
lists without a migration.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models.category import representation_outcomes_sought
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from portal.models.category import Category
    from portal.models.event import Event
    from portal.models.person import Person
    from portal.models.staff import Staff
    from portal.models.stage import ComplaintPoint, Stage

# What the person came to do.
COMPLAINT = "complaint"
CONCERN = "concern"
COMPLIMENT = "compliment"

# Status before triage; the triage workspace owns every later status.
NEW = "new"


class Representation(Base):
    __tablename__ = "representation"
    __table_args__ = (
        Index("ix_representation_status_received", "status", "received_at"),
        # The triage queue's order, so every page of it is an index range scan.
        Index("ix_representation_queue", "queue_rank", "received_at", "id"),
        Index("ix_representation_next_due_on", "next_due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # The record's reference in the system it was imported from (``flask import``), and a
    # digest of the imported row so importing the same file again changes nothing.
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    import_digest: Mapped[str | None] = mapped_column(String(64))
    # One per draft: a second submit of the same draft finds this row instead of adding one.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    journey: Mapped[str] = mapped_column(String(30))
    submitter_role: Mapped[str] = mapped_column(String(60))
    method: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(40), default=NEW)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The council's calendar day of receipt: the date every report counts by.
    received_on: Mapped[date] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(10), default="en")

    what_happened: Mapped[str | None] = mapped_column(Text)
    when_happened: Mapped[str | None] = mapped_column(String(200))
    happened_on: Mapped[date | None]
    who_involved: Mapped[str | None] = mapped_column(Text)
    outcome_wanted: Mapped[str | None] = mapped_column(Text)
    service_code: Mapped[str | None] = mapped_column(String(60))
    team_named: Mapped[str | None] = mapped_column(String(200))
    compliment_category_code: Mapped[str | None] = mapped_column(String(60))
    wants_advocate: Mapped[bool | None]
    young_person_asked_advocate: Mapped[bool | None]
    may_contact_child_directly: Mapped[bool | None]
    may_share_with_team: Mapped[bool | None]
    needs_action_today: Mapped[bool | None]
    # The young person agreed we may pass their name and contact details to advocacy.
    advocacy_consent: Mapped[bool | None]
    # Argon2 hash of the secret words given on the confirmation page ("check your complaint").
    secret_hash: Mapped[str | None] = mapped_column(String(200))
    # What the person last asked for from the tracking page and staff have not yet acted
    # on: "information", "withdraw" or "next_stage" (see tracking/operations.py).
    person_request: Mapped[str | None] = mapped_column(String(20))
    person_request_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Flags that order the triage queue.
    young_person: Mapped[bool] = mapped_column(default=False)
    safeguarding: Mapped[bool] = mapped_column(default=False)
    safeguarding_phrases: Mapped[list[str]] = mapped_column(JSON, default=list)
    possible_case_concern: Mapped[bool] = mapped_column(default=False)
    out_of_time: Mapped[bool] = mapped_column(default=False)

    # Triage: what the complaints team decided this is (see triage/states.py).
    classification: Mapped[str | None] = mapped_column(String(40))
    route: Mapped[str | None] = mapped_column(String(20))  # statutory or corporate
    nature_code: Mapped[str | None] = mapped_column(String(60))
    refusal_reason_code: Mapped[str | None] = mapped_column(String(60))
    refusal_explanation: Mapped[str | None] = mapped_column(Text)
    missing_information: Mapped[str | None] = mapped_column(Text)
    deferred_until: Mapped[date | None]
    concern_team_code: Mapped[str | None] = mapped_column(String(60))
    # Counted as "pre-complaint to stage 1" in the annual report.
    from_pre_complaint: Mapped[bool] = mapped_column(default=False)
    # Handled locally by a team; the complaints team knows of it (001 Table 1a).
    area_initiated: Mapped[bool] = mapped_column(default=False)
    assigned_team_code: Mapped[str | None] = mapped_column(String(60))
    assigned_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    ombudsman_referred_on: Mapped[date | None]
    ombudsman_decision: Mapped[str | None] = mapped_column(String(60))
    ombudsman_decided_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    # Optimistic lock: a change made from a stale page is refused, never overwrites.
    version: Mapped[int] = mapped_column(default=1)

    # Maintained by the operations that change status or flags (see triage/priority.py).
    queue_rank: Mapped[int] = mapped_column(default=15)
    # The next deadline (working-day calendar), for the queue's "overdue" and "due soon".
    next_due_on: Mapped[date | None]

    people: Mapped[list[Person]] = relationship(
        back_populates="representation", cascade="all, delete-orphan", order_by="Person.id"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="representation", cascade="all, delete-orphan", order_by="Event.id"
    )
    stages: Mapped[list[Stage]] = relationship(
        cascade="all, delete-orphan", order_by="Stage.number"
    )
    points: Mapped[list[ComplaintPoint]] = relationship(
        cascade="all, delete-orphan", order_by="ComplaintPoint.number"
    )
    assigned_staff: Mapped[Staff | None] = relationship()
    outcomes_sought: Mapped[list[Category]] = relationship(
        secondary=representation_outcomes_sought, order_by="Category.position"
    )

    __mapper_args__ = {"version_id_col": version}

    def person(self, part: str) -> Person | None:
        return next((p for p in self.people if p.part == part), None)

    @property
    def current_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @property
    def flags(self) -> list[str]:
        names = (
            ("safeguarding", self.safeguarding),
            ("young person", self.young_person),
            ("possible case concern", self.possible_case_concern),
            ("over 12 months", self.out_of_time),
            ("added information", self.person_request == "information"),
            ("asks to withdraw", self.person_request == "withdraw"),
            ("asks for the next stage", self.person_request == "next_stage"),
        )
        return [name for name, on in names if on]
