"""The sync_conflicts table: a change made in the work-management system to a field MCC owns.

Field ownership (DESIGN §5.5) says name, objective and budget are ours; a remote edit to one is
neither taken silently nor overwritten silently: it waits here, open, until a person accepts it
(takes theirs) or overwrites it (sends ours again). One open row per campaign and field; a later
remote edit of the same field updates it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin, UTCDateTime


class SyncConflict(TimestampMixin, Base):
    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_campaign_state", "campaign_id", "state"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False
    )
    field: Mapped[str] = mapped_column(String(40), nullable=False)
    theirs: Mapped[str | None] = mapped_column(Text)
    ours: Mapped[str | None] = mapped_column(Text)
    remote_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)  # when they did
    remote_by: Mapped[str | None] = mapped_column(String(200))  # who did (the system's user id)
    backend: Mapped[str] = mapped_column(String(40), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    resolved_by: Mapped[str | None] = mapped_column(String(254))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
