"""Sync state that must survive: encrypted secrets, task tombstones, inbox attempts; parked.

Revision ID: 0005_sync_state
Revises: 0003_knowledge
Create Date: 2026-12-02 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0005_sync_state"
down_revision: str | None = "0004_conversation_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_secrets",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("seed_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_secrets")),
    )
    op.create_table(
        "task_tombstones",
        sa.Column("remote_id", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("remote_id", name=op.f("pk_task_tombstones")),
    )
    with op.batch_alter_table("inbox_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    # "failed" events were never retried; they are what "parked" now names, replayable.
    op.execute("UPDATE inbox_events SET status = 'parked' WHERE status = 'failed'")


def downgrade() -> None:
    op.execute("UPDATE inbox_events SET status = 'failed' WHERE status = 'parked'")
    with op.batch_alter_table("inbox_events", schema=None) as batch_op:
        batch_op.drop_column("attempts")
    op.drop_table("task_tombstones")
    op.drop_table("sync_secrets")
