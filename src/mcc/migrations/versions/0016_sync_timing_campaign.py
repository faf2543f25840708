"""Sync timings name the campaign their event changed: a team's pilot report counts only its own.

Revision ID: 0016_sync_timing_campaign
Revises: 0015_portfolio_conflicts
Create Date: 2026-12-02 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_sync_timing_campaign"
down_revision: str | None = "0015_portfolio_conflicts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows recorded before keep no campaign: they count for the whole organisation only.
    op.add_column("sync_timings", sa.Column("campaign_id", sa.Uuid(), nullable=True))
    op.create_index(op.f("ix_sync_timings_campaign_id"), "sync_timings", ["campaign_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_timings_campaign_id"), table_name="sync_timings")
    with op.batch_alter_table("sync_timings") as batch:  # SQLite drops a column by copying
        batch.drop_column("campaign_id")
