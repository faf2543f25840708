"""Feedback: ratings of assistant answers and the weekly pilot survey.

Revision ID: 0011_feedback
Revises: 0010_sso_protection
Create Date: 2026-12-02 11:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0011_feedback"
down_revision: str | None = "0010_sso_protection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mcc.models.base.UTCDateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "message_ratings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("rater", sa.String(length=254), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("citations", sa.JSON(), nullable=False),
        sa.Column("cited", sa.Boolean(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_message_ratings_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_ratings")),
        sa.UniqueConstraint("message_id", "rater", name=op.f("uq_message_ratings_message_id")),
    )
    op.create_index(op.f("ix_message_ratings_rater"), "message_ratings", ["rater"])
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("respondent", sa.String(length=254), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("ease_of_use", sa.Integer(), nullable=False),
        sa.Column("response_quality", sa.Integer(), nullable=False),
        sa.Column("time_saved", sa.Integer(), nullable=False),
        sa.Column("overall_satisfaction", sa.Integer(), nullable=False),
        sa.Column("issues", sa.Text(), nullable=True),
        sa.Column("minutes_saved", sa.Float(), nullable=True),
        sa.Column("campaign_created", sa.Boolean(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("respondent", "week", name=op.f("uq_survey_responses_respondent")),
    )
    op.create_index(op.f("ix_survey_responses_respondent"), "survey_responses", ["respondent"])
    op.create_index(op.f("ix_survey_responses_week"), "survey_responses", ["week"])


def downgrade() -> None:
    op.drop_table("survey_responses")
    op.drop_table("message_ratings")
