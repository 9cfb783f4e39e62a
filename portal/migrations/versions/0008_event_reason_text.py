"""An event's reason holds up to 5,000 characters: widen it from VARCHAR(2000) to TEXT.

What a person adds from the tracking page, and a note staff write on a case, may each be
5,000 characters, and both are kept as the event's reason. PostgreSQL enforced the old
length, so anything over 2,000 characters failed with a server error (SQLite never
enforced it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.alter_column(
            "reason", existing_type=sa.String(length=2000), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.alter_column(
            "reason", existing_type=sa.Text(), type_=sa.String(length=2000), existing_nullable=True
        )
