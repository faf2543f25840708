"""The campaign assistant's entry point.

Until an engine is configured (the assistant issue adds the offline rules engine and the LLM
engine), it records the exchange and answers plainly that it cannot plan campaigns yet, so
clients written against the plan's `sendAgentMessage` already work end to end.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.conversations.service import ConversationService, Role, check_message_text
from mcc.models import Message

NOT_CONFIGURED_REPLY = (
    "The campaign assistant is not configured on this server yet, so I can't plan campaigns "
    "from chat. You can create one now with the `createCampaign` GraphQL mutation or "
    "`mcc campaigns create`."
)


@dataclass(frozen=True)
class AgentReply:
    conversation_id: uuid.UUID
    message: Message


class AgentService:
    def __init__(self, session: AsyncSession) -> None:
        self.conversations = ConversationService(session)

    async def send_message(self, conversation_id: uuid.UUID | None, text: str) -> AgentReply:
        check_message_text(text)
        conversation = await self.conversations.get_or_start(conversation_id)
        await self.conversations.append(conversation, Role.USER, text)
        reply = await self.conversations.append(
            conversation, Role.ASSISTANT, NOT_CONFIGURED_REPLY, {"configured": False}
        )
        return AgentReply(conversation.id, reply)
