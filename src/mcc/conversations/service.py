"""Conversations: the persisted history of a chat with the assistant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.conversations.repository import ConversationRepository, Said
from mcc.exceptions import ConflictError, NotFoundError, ValidationError
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


CONFLICT = "The conversation changed while I was answering; send your message again."


@dataclass(frozen=True)
class Snapshot:
    """What a turn read of its conversation: enough to answer, nothing held open.

    `version` is None for a conversation that does not exist yet (its first turn creates it).
    """

    conversation_id: uuid.UUID
    version: int | None
    owner: str | None
    title: str | None
    state: dict[str, Any]
    history: list[Said]  # the most recent messages, oldest first


class ConversationService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = ConversationRepository(session)

    async def messages(self, conversation_id: uuid.UUID) -> Sequence[Message]:
        return await self.repository.messages(conversation_id)

    async def snapshot(
        self, conversation_id: uuid.UUID | None, user: str | None, *, history: int
    ) -> Snapshot:
        """The conversation as a turn starts from it (someone else's looks like a missing one)."""
        if conversation_id is None:
            return Snapshot(uuid.uuid4(), None, user, None, {}, [])
        found = await self.repository.get(conversation_id)
        if not visible_to(found, user):
            raise NotFoundError(f"Conversation {conversation_id} not found")
        assert found is not None  # visible_to says so
        recent = await self.repository.recent_messages(conversation_id, history)
        return Snapshot(found.id, found.version, found.owner, found.title, found.state, recent)

    async def store_turn(
        self,
        snapshot: Snapshot,
        state: dict[str, Any],
        user_text: str,
        reply: str,
        details: dict[str, Any],
    ) -> Message:
        """Store a whole turn (the user's message, the reply, the new state) or refuse it.

        Refused with CONFLICT when another turn was stored since `snapshot` was read; the
        caller's unit of work then rolls back, so nothing of this turn remains.
        """
        conversation_id = snapshot.conversation_id
        title = snapshot.title or user_text.strip().splitlines()[0][:80]
        # Strictly increasing timestamps keep the history in order even within one clock tick.
        first = utcnow()
        if snapshot.version is None:
            await self.repository.add(
                Conversation(
                    id=conversation_id, owner=snapshot.owner, title=title, state=state, version=1
                )
            )
        else:
            # The history's newest message is the conversation's newest: the version check
            # below refuses this turn if another was stored since the snapshot was read.
            last = (
                snapshot.history[-1].created_at
                if snapshot.history
                else await self.repository.last_message_at(conversation_id)
            )
            if last is not None and first <= last:
                first = last + timedelta(microseconds=1)
            values = {"state": state, "title": title, "updated_at": first}
            if not await self.repository.update_if_version(
                conversation_id, snapshot.version, values
            ):
                raise ConflictError(CONFLICT)
        said = Message(conversation_id=conversation_id, role=Role.USER.value, content=user_text,
                       details={}, created_at=first)  # fmt: skip
        reply_message = Message(conversation_id=conversation_id, role=Role.ASSISTANT.value,
                                content=reply, details=details,
                                created_at=first + timedelta(microseconds=1))  # fmt: skip
        await self.repository.add_messages(said, reply_message)
        return reply_message
