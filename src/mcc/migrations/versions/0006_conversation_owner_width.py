"""A conversation's owner holds any accepted address (254 characters, not 200).

Sign-up accepts addresses up to 254 characters (RFC 5321), but the owner column held 200: on
PostgreSQL every chat turn of a user with a longer address failed with INTERNAL.

Revision ID: 0006_conversation_owner_width
Revises: 0005_sync_state
Create Date: 2026-12-02 07:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_conversation_owner_width"
down_revision: str | None = "0005_sync_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.alter_column(
            "owner", existing_type=sa.String(200), type_=sa.String(254), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.alter_column(
            "owner", existing_type=sa.String(254), type_=sa.String(200), existing_nullable=True
        )
