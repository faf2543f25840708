"""The campaigns table: the plan's campaign record plus what sync and provenance need."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin, UTCDateTime


class Campaign(TimestampMixin, Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("tier BETWEEN 1 AND 3", name="tier_range"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        CheckConstraint(
            "percent_complete IS NULL OR (percent_complete BETWEEN 0 AND 100)",
            name="percent_complete_range",
        ),
        CheckConstraint(
            "end_date IS NULL OR launch_date IS NULL OR end_date >= launch_date",
            name="end_after_launch",
        ),
        # The dashboard and the cursor pagination read newest first.
        Index("ix_campaigns_created_at_id", "created_at", "id"),
        Index("ix_campaigns_status_created_at", "status", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    type: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    tier: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    tier_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    target_audience: Mapped[str | None] = mapped_column(Text)
    objective: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    launch_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    channels: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    owner: Mapped[str | None] = mapped_column(String(200))
    # Who may see and change it: the team's members (by role). Set by the server from the
    # signed-in user, never from the client. NULL only for rows older than teams (migration 0007
    # gives them the default team) or imported by sync before an owner was known.
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("teams.id", ondelete="RESTRICT"), index=True
    )
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Where each field's value came from: {"budget": {"source": "user", "evidence": "30k"}}.
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)

    project_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    project_url: Mapped[str | None] = mapped_column(String(500))
    project_status: Mapped[str | None] = mapped_column(String(20))
    percent_complete: Mapped[int | None] = mapped_column(Integer)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The backend's last-modified time of the project as we last applied it: changes carrying an
    # older or equal time are stale or echoes of our own writes, and are ignored.
    remote_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}
