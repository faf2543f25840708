"""The audit log and campaign approvals.

`AuditEntry` rows are only ever inserted: no code path updates or deletes them, and on both
backends a trigger refuses UPDATE and DELETE (migration 0009), so a history cannot be rewritten
by a bug or by hand through the application's connection.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin, UTCDateTime, utcnow


class AuditEntry(Base):
    """Who did what, when, through which door, and which fields changed (before -> after)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(
            "source IN ('chat', 'api', 'ui', 'cli', 'sync', 'system')", name="source_known"
        ),
        Index("ix_audit_log_campaign_id_at", "campaign_id", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False, index=True)
    # No foreign key: an entry outlives the user or campaign it names (deleting one must not be
    # blocked by, or erase, its history). The email is copied for the same reason.
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    actor: Mapped[str] = mapped_column(String(320), nullable=False)  # an email, "sync", "system"
    source: Mapped[str] = mapped_column(String(10), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(320), nullable=False)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    # {"budget": ["30000.00", "150000.00"]}: JSON-safe values, before then after.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)


class CampaignApproval(TimestampMixin, Base):
    """One round of approval for a campaign: requested, then approved or rejected.

    A change to budget, tier or launch date after approval opens a new round, so the rows of a
    campaign are its approval history; at most one is `pending` at a time.
    """

    __tablename__ = "campaign_approvals"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'approved', 'rejected')", name="state_known"),
        Index("ix_campaign_approvals_state_required_level", "state", "required_level"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True
    )
    state: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")
    tier: Mapped[int] = mapped_column(nullable=False)
    # The role the tier policy names (`vp`, `director`, `manager`) and its level, so "what waits
    # for me" is one comparison with the approver's level.
    required_role: Mapped[str] = mapped_column(String(20), nullable=False)
    required_level: Mapped[int] = mapped_column(nullable=False)
    approver_title: Mapped[str] = mapped_column(String(100), nullable=False)  # "VP of Marketing"
    reason: Mapped[str] = mapped_column(Text, nullable=False)  # why it was asked (again)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    # The status to return to once approved (a campaign asked again may already be ACTIVE).
    resume_status: Mapped[str] = mapped_column(String(20), nullable=False)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    decided_by: Mapped[str | None] = mapped_column(String(320))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    comment: Mapped[str | None] = mapped_column(Text)
