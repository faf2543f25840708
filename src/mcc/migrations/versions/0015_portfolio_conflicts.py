"""Sync conflicts: remote edits to fields MCC owns, waiting for a person to accept or overwrite.

Revision ID: 0015_portfolio_conflicts
Revises: 0013_workmgmt_names
Create Date: 2026-12-02 13:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0015_portfolio_conflicts"
down_revision: str | None = "0013_workmgmt_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("ours", sa.Text(), nullable=True),
        sa.Column("remote_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("remote_by", sa.String(length=200), nullable=True),
        sa.Column("backend", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("resolved_by", sa.String(length=254), nullable=True),
        sa.Column("resolved_at", mcc.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_sync_conflicts_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index("ix_sync_conflicts_campaign_state", "sync_conflicts", ["campaign_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_sync_conflicts_campaign_state", table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
