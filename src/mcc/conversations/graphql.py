"""Conversation GraphQL: the plan's `getConversation` and its `Message` type."""

from __future__ import annotations

from datetime import datetime

import strawberry

from mcc.conversations.service import ConversationService, parse_conversation_id, visible_to
from mcc.graphql.context import Info
from mcc.models import Message as MessageModel


@strawberry.type
class Message:
    message_id: strawberry.ID
    role: str
    content: str
    timestamp: datetime

    @classmethod
    def from_model(cls, message: MessageModel) -> Message:
        return cls(
            message_id=strawberry.ID(str(message.id)),
            role=message.role,
            content=message.content,
            timestamp=message.created_at,
        )


@strawberry.type
class Conversation:
    conversation_id: strawberry.ID
    messages: list[Message]


@strawberry.type
class ConversationQuery:
    @strawberry.field(description="A conversation with its messages, oldest first; null if none.")
    async def get_conversation(
        self, info: Info, conversation_id: strawberry.ID
    ) -> Conversation | None:
        parsed = parse_conversation_id(conversation_id)
        user = info.context.user
        async with info.context.read() as session:
            service = ConversationService(session)
            found = await service.repository.get(parsed)
            # Someone else's conversation looks exactly like one that does not exist.
            if not visible_to(found, user.email if user else None):
                return None
            messages = await service.messages(parsed)
            return Conversation(
                conversation_id=conversation_id,
                messages=[Message.from_model(message) for message in messages],
            )
