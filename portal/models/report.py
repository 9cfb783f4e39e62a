"""What each representation contributes to the annual report, and the running totals.

``ReportEntry`` holds one row per number a representation adds to a report table (the
counting rules in ``portal/reports/facts.py`` decide which), so every figure in a report can
list the representations behind it. ``ReportTally`` keeps the same entries summed by month,
updated in the transaction that changes the representation, so a whole annual report is a
few small range reads instead of a dozen GROUP BYs over every representation ever received.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base


class ReportEntry(Base):
    __tablename__ = "report_entry"
    __table_args__ = (Index("ix_report_entry_cell", "table_id", "section", "row", "col", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    representation_id: Mapped[int] = mapped_column(
        ForeignKey("representation.id", ondelete="CASCADE"), index=True
    )
    table_id: Mapped[str] = mapped_column(String(40))
    section: Mapped[str] = mapped_column(String(60))
    row: Mapped[str] = mapped_column(String(60))
    col: Mapped[str] = mapped_column(String(60))
    # The day the rule counts by (received, stage completed, Ombudsman decision...) and its
    # month as YYYYMM, since every reporting period is a run of whole months.
    day: Mapped[date]
    month: Mapped[int] = mapped_column(Integer)
    young_person: Mapped[bool]
    # Working days taken, for the timescale table's averages; 0 elsewhere.
    value: Mapped[int] = mapped_column(default=0)


class ReportTally(Base):
    __tablename__ = "report_tally"
    __table_args__ = (
        UniqueConstraint(
            "month", "table_id", "section", "row", "col", "young_person", name="uq_report_tally"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[int] = mapped_column(Integer)
    table_id: Mapped[str] = mapped_column(String(40))
    section: Mapped[str] = mapped_column(String(60))
    row: Mapped[str] = mapped_column(String(60))
    col: Mapped[str] = mapped_column(String(60))
    young_person: Mapped[bool]
    count: Mapped[int] = mapped_column(default=0)
    value: Mapped[int] = mapped_column(default=0)
