"""The plan's `sendAgentMessage` mutation and its `AgentResponse`."""

from __future__ import annotations

from datetime import datetime

import strawberry

from mcc.agent.service import AgentService
from mcc.conversations.service import parse_conversation_id
from mcc.graphql.context import Info


@strawberry.type
class AgentResponse:
    conversation_id: strawberry.ID
    message_id: strawberry.ID
    content: str
    timestamp: datetime


@strawberry.type
class AgentMutation:
    @strawberry.mutation(
        description="Send a message to the assistant; omit conversationId to start."
    )
    async def send_agent_message(
        self, info: Info, message: str, conversation_id: strawberry.ID | None = None
    ) -> AgentResponse:
        parsed = parse_conversation_id(conversation_id) if conversation_id else None
        async with info.context.db.session() as session:
            reply = await AgentService(session).send_message(parsed, message)
            return AgentResponse(
                conversation_id=strawberry.ID(str(reply.conversation_id)),
                message_id=strawberry.ID(str(reply.message.id)),
                content=reply.message.content,
                timestamp=reply.message.created_at,
            )
