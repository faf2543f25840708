"""Pilot metrics: campaign creation timings, sync timings, assistant turns, daily uptime.

Revision ID: 0012_pilot_metrics
Revises: 0011_feedback
Create Date: 2026-12-02 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0012_pilot_metrics"
down_revision: str | None = "0011_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _at(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, mcc.models.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "campaign_timings",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("conversation_id", sa.Uuid(), nullable=True),
        _at("first_message_at", nullable=True),
        _at("confirmed_at"),
        _at("project_created_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_timings_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_campaign_timings")),
    )
    op.create_index(op.f("ix_campaign_timings_confirmed_at"), "campaign_timings", ["confirmed_at"])
    op.create_table(
        "sync_timings",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        _at("event_at"),
        _at("applied_at"),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_sync_timings")),
    )
    op.create_index(op.f("ix_sync_timings_applied_at"), "sync_timings", ["applied_at"])
    op.create_table(
        "assistant_turns",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("engine", sa.String(length=20), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        _at("at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_turns")),
    )
    op.create_index(op.f("ix_assistant_turns_at"), "assistant_turns", ["at"])
    op.create_table(
        "uptime_days",
        sa.Column("day", sa.Date(), nullable=False),
        _at("first_check_at"),
        _at("last_check_at"),
        sa.Column("checks", sa.Integer(), nullable=False),
        sa.Column("healthy_checks", sa.Integer(), nullable=False),
        sa.Column("healthy_seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_uptime_days")),
    )


def downgrade() -> None:
    op.drop_table("uptime_days")
    op.drop_table("assistant_turns")
    op.drop_table("sync_timings")
    op.drop_table("campaign_timings")
