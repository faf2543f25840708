"""Conversation and message queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Conversation, Message

CONVERSATIONS_SHOWN = 50


class Said(NamedTuple):
    """One message of a turn's history: what an engine reads. Columns, not `Message` objects:
    a turn loads up to 199 of them, and their `details` JSON (drafts, citations) is never read."""

    role: str
    content: str
    created_at: datetime


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, conversation_id: uuid.UUID) -> Conversation | None:
        return await self.session.get(Conversation, conversation_id)

    async def conversations_of(self, owner: str) -> Sequence[Conversation]:
        """The owner's most recent conversations, newest first (the chat page's list)."""
        statement = (
            select(Conversation)
            .where(Conversation.owner == owner)
            .order_by(Conversation.updated_at.desc(), Conversation.id)
            .limit(CONVERSATIONS_SHOWN)
        )
        return (await self.session.scalars(statement)).all()

    async def add(self, conversation: Conversation) -> Conversation:
        self.session.add(conversation)
        await self.session.flush()
        return conversation

    async def add_messages(self, *messages: Message) -> None:
        """One flush for all: one INSERT of several rows, not a round trip each."""
        self.session.add_all(messages)
        await self.session.flush()

    async def messages(self, conversation_id: uuid.UUID) -> Sequence[Message]:
        statement = (
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at, Message.id)
        )
        return (await self.session.scalars(statement)).all()

    async def recent_messages(self, conversation_id: uuid.UUID, limit: int) -> list[Said]:
        """The last `limit` messages, oldest first (a long history is never loaded whole)."""
        statement = (
            select(Message.role, Message.content, Message.created_at)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(limit)
        )
        rows = (await self.session.execute(statement)).all()
        return [Said(row.role, row.content, row.created_at) for row in reversed(rows)]

    async def last_message_at(self, conversation_id: uuid.UUID) -> datetime | None:
        statement = (
            select(Message.created_at)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at.desc())
            .limit(1)
        )
        return await self.session.scalar(statement)

    async def update_if_version(
        self, conversation_id: uuid.UUID, version: int, values: dict[str, Any]
    ) -> bool:
        """Store `values` and bump the version, only if it is still `version`; False otherwise.

        One conditional UPDATE: on PostgreSQL a racing writer waits on the row and then sees the
        new version; on SQLite writers are serialised. Either way exactly one of them wins.
        """
        statement = (
            update(Conversation)
            .where(Conversation.id == conversation_id, Conversation.version == version)
            .values(**values, version=version + 1)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0) == 1)
