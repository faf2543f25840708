"""Credentials the sync must keep across restarts and share between processes, encrypted.

Workfront OAuth rotates refresh tokens: each refresh voids the previous one. Kept in memory only,
a rotation in `mcc serve` locked `mcc worker` out (and a restart lost the token). The row holds
the newest token, encrypted with the server's secret key (see `mcc.sync.secrets`).
"""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin


class SyncSecret(TimestampMixin, Base):
    __tablename__ = "sync_secrets"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    ciphertext: Mapped[str] = mapped_column(Text, nullable=False)
    # SHA-256 of the configured token this one was rotated from: when an operator configures a
    # new token (re-authorised), the stored descendant of the old one no longer applies.
    seed_digest: Mapped[str] = mapped_column(String(64), nullable=False)
