"""Conversation and message queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Conversation, Message

CONVERSATIONS_SHOWN = 50


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

    async def add_message(self, message: Message) -> Message:
        self.session.add(message)
        await self.session.flush()
        return message

    async def messages(self, conversation_id: uuid.UUID) -> Sequence[Message]:
        statement = (
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at, Message.id)
        )
        return (await self.session.scalars(statement)).all()
