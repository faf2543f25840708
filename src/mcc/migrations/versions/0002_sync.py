"""Sync: campaign tasks, the reconciler watermark, remote timestamps, outbox leases.

Revision ID: 0002_sync
Revises: 0001
Create Date: 2026-11-24 05:26:45.972437
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0002_sync"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "campaign_tasks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("owner_role", sa.String(length=100), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_due", sa.Date(), nullable=True),
        sa.Column("remote_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("remote_status", sa.String(length=20), nullable=True),
        sa.Column("percent_complete", sa.Integer(), nullable=True),
        sa.Column("remote_updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_tasks_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_tasks")),
        sa.UniqueConstraint("campaign_id", "position", name=op.f("uq_campaign_tasks_campaign_id")),
        sa.UniqueConstraint("remote_id", name=op.f("uq_campaign_tasks_remote_id")),
    )
    with op.batch_alter_table("campaign_tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_tasks_campaign_id"), ["campaign_id"], unique=False
        )

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "remote_updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locked_until", mcc.models.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("locked_until")

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_column("remote_updated_at")

    with op.batch_alter_table("campaign_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_tasks_campaign_id"))

    op.drop_table("campaign_tasks")
    op.drop_table("sync_state")
