"""Small named values the sync keeps between runs, e.g. the reconciler's watermark."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin


class SyncState(TimestampMixin, Base):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
