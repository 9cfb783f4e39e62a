"""Report entries and monthly tallies, and what imported history needs on a representation.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("representation_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.String(length=40), nullable=False),
        sa.Column("section", sa.String(length=60), nullable=False),
        sa.Column("row", sa.String(length=60), nullable=False),
        sa.Column("col", sa.String(length=60), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("young_person", sa.Boolean(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["representation_id"],
            ["representation.id"],
            name=op.f("fk_report_entry_representation_id_representation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_entry")),
    )
    with op.batch_alter_table("report_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_entry_cell", ["table_id", "section", "row", "col", "month"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_entry_representation_id"), ["representation_id"], unique=False
        )

    op.create_table(
        "report_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.String(length=40), nullable=False),
        sa.Column("section", sa.String(length=60), nullable=False),
        sa.Column("row", sa.String(length=60), nullable=False),
        sa.Column("col", sa.String(length=60), nullable=False),
        sa.Column("young_person", sa.Boolean(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_tally")),
        sa.UniqueConstraint(
            "month", "table_id", "section", "row", "col", "young_person", name="uq_report_tally"
        ),
    )

    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("import_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("area_initiated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_representation_external_ref"), ["external_ref"]
        )


def downgrade() -> None:
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_representation_external_ref"), type_="unique")
        batch_op.drop_column("area_initiated")
        batch_op.drop_column("import_digest")
        batch_op.drop_column("external_ref")
    op.drop_table("report_tally")
    with op.batch_alter_table("report_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_entry_representation_id"))
        batch_op.drop_index("ix_report_entry_cell")
    op.drop_table("report_entry")
