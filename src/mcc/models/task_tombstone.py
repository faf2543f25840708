"""Remote tasks we were told are deleted, so a late CREATE or UPDATE cannot bring them back.

Webhooks arrive out of order: a task's DELETE can be applied before its CREATE. Without a record
of the deletion, the CREATE then adopts the task into the campaign's plan again. Keyed by the
remote id alone, like `campaign_tasks.remote_id`: one backend is configured at a time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, UTCDateTime, utcnow


class TaskTombstone(Base):
    __tablename__ = "task_tombstones"

    remote_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # When the backend deleted it: states last changed at or before this are ignored.
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
