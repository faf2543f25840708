"""A campaign's plan steps and, once synced, their work-management task and its progress."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin, UTCDateTime


class CampaignTask(TimestampMixin, Base):
    __tablename__ = "campaign_tasks"
    __table_args__ = (UniqueConstraint("campaign_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    owner_role: Mapped[str | None] = mapped_column(String(100))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_due: Mapped[date | None] = mapped_column(Date)
    remote_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[str | None] = mapped_column(String(20))  # neutral TaskStatus
    remote_status: Mapped[str | None] = mapped_column(String(20))  # the backend's own code
    percent_complete: Mapped[int | None] = mapped_column(Integer)
    remote_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
