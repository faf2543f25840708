"""Conversations with the assistant and their messages (history survives restarts)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin, UTCDateTime, utcnow


class Conversation(TimestampMixin, Base):
    __tablename__ = "conversations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    title: Mapped[str | None] = mapped_column(String(200))
    # The owner's email address: as long as any address sign-up accepts (EMAIL_MAX, 254).
    owner: Mapped[str | None] = mapped_column(String(254), index=True)
    # The assistant's dialogue state (intent, draft with provenance, preview), owned by the agent.
    state: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    # Bumped by every stored turn. A turn runs its engine outside any transaction and stores
    # itself only if the version is still the one it loaded, so two racing turns cannot both act.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation_id_created_at", "conversation_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    # Citations, actions and draft snapshots that the UI shows beside the text.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
