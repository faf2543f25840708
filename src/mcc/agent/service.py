"""The campaign assistant's entry point: one user message in, one persisted reply out.

A turn loads the conversation (locked, so two concurrent "yes" cannot both create), appends the
user's message, lets the configured engine act through the tools, stores the new dialogue state
and the reply, and returns the reply with the draft, citations and actions. It never commits:
the caller's unit of work does, so a turn that fails changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.agent.knowledge import KnowledgeSearch, bundled_knowledge
from mcc.agent.planning import Checklist, bundled_checklists
from mcc.agent.policy import TierPolicy
from mcc.agent.state import DialogueState, Stage
from mcc.agent.tools import CampaignTools, Engine, Identity, TokenSink, TurnContext
from mcc.agent.views import TurnResult, draft_json
from mcc.campaigns.tiering import load_policy
from mcc.config import Settings, get_settings
from mcc.conversations.service import (
    ConversationService,
    Role,
    check_message_text,
    visible_to,
)
from mcc.exceptions import NotFoundError
from mcc.integrations.workmgmt import WorkManagement
from mcc.models import Conversation

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class AgentRuntime:
    """What a turn needs besides the database: the engine, the knowledge and the policy."""

    engine: Engine
    knowledge: KnowledgeSearch
    policy: TierPolicy
    checklists: Mapping[str, Checklist]
    min_relevance: float


@lru_cache(maxsize=8)
def _runtime(
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    policy_file: Path | None,
    min_relevance: float,
) -> AgentRuntime:
    from mcc.agent.extraction import warm_up

    warm_up()
    if model:
        from mcc.agent.engine_llm import LLMEngine, model_from_settings

        engine: Engine = LLMEngine(model_from_settings(model, base_url, api_key))
    else:
        from mcc.agent.engine_rules import RulesEngine

        engine = RulesEngine()
    return AgentRuntime(
        engine, bundled_knowledge(), load_policy(policy_file), bundled_checklists(), min_relevance
    )


def runtime_for(settings: Settings) -> AgentRuntime:
    """The process's runtime for these settings (built once: engines and indexes are reused)."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return _runtime(
        settings.llm_model or None,
        settings.llm_base_url,
        key,
        settings.tier_policy_file,
        settings.agent_min_relevance,
    )


class AgentService:
    def __init__(
        self,
        session: AsyncSession,
        settings: Settings | None = None,
        *,
        runtime: AgentRuntime | None = None,
        identity: Identity | None = None,
        knowledge: KnowledgeSearch | None = None,
        backend: WorkManagement | None = None,
    ) -> None:
        self.session = session
        self.settings = settings or get_settings()
        self.runtime = runtime or runtime_for(self.settings)
        if knowledge is not None:
            # The app's database-backed knowledge base replaces the bundled-playbooks default.
            self.runtime = replace(self.runtime, knowledge=knowledge)
        self.backend = backend
        self.identity = identity or Identity()
        self.conversations = ConversationService(session)

    async def _conversation(self, conversation_id: uuid.UUID | None) -> Conversation:
        if conversation_id is None:
            conversation = await self.conversations.get_or_start(None)
            conversation.owner = self.identity.user
            return conversation
        found = await self.session.get(
            Conversation, conversation_id, with_for_update=True, populate_existing=True
        )
        if not visible_to(found, self.identity.user):
            raise NotFoundError(f"Conversation {conversation_id} not found")
        assert found is not None  # visible_to says so
        return found

    async def send_message(
        self, conversation_id: uuid.UUID | None, text: str, emit: TokenSink | None = None
    ) -> TurnResult:
        """Run one turn. Bad input raises before anything is written."""
        check_message_text(text)
        conversation = await self._conversation(conversation_id)
        state = DialogueState.load(conversation.state)
        state.turn += 1
        await self.conversations.append(conversation, Role.USER, text)
        history = await self.conversations.messages(conversation.id)
        runtime = self.runtime
        ctx = TurnContext(
            session=self.session,
            identity=self.identity,
            state=state,
            knowledge=runtime.knowledge,
            policy=runtime.policy,
            checklists=runtime.checklists,
            conversation_id=conversation.id,
            message=text,
            user_messages=[m.content for m in history[-HISTORY_LIMIT:] if m.role == Role.USER],
            transcript=[(m.role, m.content) for m in history[-HISTORY_LIMIT:-1]],
            today=self.settings.current_date(),
            min_relevance=runtime.min_relevance,
            backend=self.backend,
        )
        content = await runtime.engine.respond(ctx, emit)
        started = state.stage is not Stage.IDLE or not state.draft.is_empty()
        evaluation = CampaignTools(ctx).evaluate() if started else None
        draft = draft_json(state, evaluation, runtime.policy.currency)
        conversation.state = state.dump()
        details = {
            "draft": draft,
            "citations": [ref.as_json() for ref in ctx.citations],
            "actions": ctx.actions,
        }
        reply = await self.conversations.append(conversation, Role.ASSISTANT, content, details)
        return TurnResult(conversation.id, reply, draft, list(ctx.citations), list(ctx.actions))
