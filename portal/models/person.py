"""The people in a representation: who sent it, the child it is about, their advocate.

One table with a role column rather than three, because the same facts (names, contact
routes, whether it is safe to use them) apply to each and staff search across all of them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base

if TYPE_CHECKING:
    from portal.models.representation import Representation

SUBMITTER = "submitter"
CHILD = "child"
ADVOCATE = "advocate"


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    part: Mapped[str] = mapped_column(String(20))  # submitter, child, advocate
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date | None]
    # A young person may give their age rather than a date of birth.
    age_given: Mapped[int | None]
    organisation: Mapped[str | None] = mapped_column(String(200))
    # Relationship to the child (a "relationship" vocabulary code) for adults.
    relationship_code: Mapped[str | None] = mapped_column(String(60))
    # Recorded as told, never used to block: staff decide eligibility.
    parental_responsibility: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    mobile: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(500))
    # Routes the person said we may use, best first; routes not listed must not be used.
    contact_routes: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_notes: Mapped[str | None] = mapped_column(String(1000))
    # Routes that are not safe, with why (a code from notify/routes.py): nothing is ever
    # sent that way, even if the route is also listed above.
    unsafe_routes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    adjustments: Mapped[str | None] = mapped_column(String(1000))
    interpreter_language: Mapped[str | None] = mapped_column(String(100))
    # Optional equality answers (vocabulary codes); usually "prefer_not_to_say" or empty.
    age_band: Mapped[str | None] = mapped_column(String(40))
    gender: Mapped[str | None] = mapped_column(String(40))
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    disability: Mapped[str | None] = mapped_column(String(40))

    representation: Mapped[Representation] = relationship(back_populates="people")

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)
