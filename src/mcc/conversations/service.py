"""Conversations: the persisted history of a chat with the assistant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.conversations.repository import ConversationRepository
from mcc.exceptions import NotFoundError, ValidationError
from mcc.models import Conversation, Message
from mcc.models.base import utcnow
from mcc.validation import bad_text

MESSAGE_MAX = 10_000


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"


def parse_conversation_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            f"Invalid conversation id {value!r}: expected a UUID",
            {"conversationId": "not a UUID"},
        ) from None


def visible_to(conversation: Conversation | None, user: str | None) -> bool:
    """Conversations are private to their owner; one started without an owner (a script, the
    terminal) is open to whoever holds its id. Every transport asks this, so none can differ."""
    return conversation is not None and conversation.owner in (None, user)


def check_message_text(text: str) -> str:
    if bad_text(text, "message"):
        raise ValidationError(
            "Message contains characters that are not text", {"message": "invalid characters"}
        )
    if not text.strip():
        raise ValidationError("Message is empty: type something", {"message": "must not be empty"})
    if len(text) > MESSAGE_MAX:
        raise ValidationError(
            f"Message is too long ({len(text):,} characters; at most {MESSAGE_MAX:,})",
            {"message": f"must be at most {MESSAGE_MAX:,} characters"},
        )
    return text


class ConversationService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = ConversationRepository(session)

    async def get(self, conversation_id: uuid.UUID) -> Conversation:
        conversation = await self.repository.get(conversation_id)
        if conversation is None:
            raise NotFoundError(f"Conversation {conversation_id} not found")
        return conversation

    async def get_or_start(self, conversation_id: uuid.UUID | None) -> Conversation:
        """The given conversation, or a new one when no id is passed (a client's first message)."""
        if conversation_id is not None:
            return await self.get(conversation_id)
        return await self.repository.add(Conversation(state={}))

    async def messages(self, conversation_id: uuid.UUID) -> Sequence[Message]:
        return await self.repository.messages(conversation_id)

    async def append(
        self,
        conversation: Conversation,
        role: Role,
        content: str,
        details: dict[str, Any] | None = None,
    ) -> Message:
        if conversation.title is None and role is Role.USER:
            conversation.title = content.strip().splitlines()[0][:80]
        # Strictly increasing timestamps keep the history in order even within one clock tick.
        previous = await self.repository.messages(conversation.id)
        created_at = utcnow()
        if previous and created_at <= previous[-1].created_at:
            created_at = previous[-1].created_at + timedelta(microseconds=1)
        conversation.updated_at = created_at
        return await self.repository.add_message(
            Message(
                conversation_id=conversation.id,
                role=role.value,
                content=content,
                details=details or {},
                created_at=created_at,
            )
        )
