"""A brief as one turn of the conversation: read it, fill the draft, store the turn.

Shaped like `AgentService.send_message` (load in a read, work with no transaction open, one
short write with the conversation's version check), with `fill_from_brief` in place of the
engine. The stored user message is the brief's name and its text (as far as a message may be
long), so the conversation shows what the assistant read.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from mcc.agent.service import HISTORY_LIMIT, AgentService
from mcc.agent.state import DialogueState
from mcc.agent.tools import CampaignTools, TurnContext
from mcc.agent.views import DraftView, TurnResult
from mcc.briefs.fill import fill_from_brief
from mcc.briefs.parsing import Brief, read_brief
from mcc.conversations.service import MESSAGE_MAX, ConversationService, Role
from mcc.exceptions import ValidationError
from mcc.knowledge.parsing import EmptyDocumentError
from mcc.playbooks.rules import current_rules
from mcc.portfolio.preview import with_portfolio

PASTED = "pasted-brief.txt"


async def read_upload(data: bytes, filename: str | None) -> Brief:
    """Parse off the event loop (PDF and DOCX parsing is CPU work)."""
    return await asyncio.to_thread(read_brief, data, filename or PASTED)


def _as_message(brief: Brief) -> str:
    head = f"Brief: {brief.filename}\n\n"
    body = brief.text
    if len(head) + len(body) > MESSAGE_MAX:
        body = body[: MESSAGE_MAX - len(head) - 1] + "…"
    return head + body


async def submit_brief(
    assistant: AgentService, conversation_id: uuid.UUID | None, brief: Brief
) -> TurnResult:
    """Fill the conversation's draft from `brief` and store the turn; a brief with no sentences
    is refused before anything is read or written."""
    if not brief.sentences:
        raise EmptyDocumentError(f"{brief.filename} has no text to read.", brief.filename)
    async with assistant.db.read() as session:
        snapshot = await ConversationService(session).snapshot(
            conversation_id, assistant.identity.user, history=HISTORY_LIMIT - 1
        )
        rules = await current_rules(session)  # the playbooks in force, as for a chat turn
    state = DialogueState.load(snapshot.state)
    state.turn += 1
    history = [(m.role, m.content) for m in snapshot.history]
    runtime = await assistant.runtime()
    text = _as_message(brief)
    policy = rules.policy if rules.policy_source is not None else runtime.policy
    uploaded = {kind: rules.checklists[kind] for kind in rules.checklist_sources}
    ctx = TurnContext(
        db=assistant.db, identity=assistant.identity, state=state, knowledge=runtime.knowledge,
        policy=policy, checklists={**runtime.checklists, **uploaded},
        conversation_id=snapshot.conversation_id, message=text,
        user_messages=[content for role, content in history if role == Role.USER],
        transcript=history, today=assistant.settings.current_date(),
        min_relevance=runtime.min_relevance, backend=assistant.backend,
        policy_doc=rules.policy_source.key if rules.policy_source is not None else None,
    )  # fmt: skip
    content = await asyncio.to_thread(fill_from_brief, ctx, brief)  # dates parse: CPU work
    evaluation = CampaignTools(ctx).evaluate()
    draft = DraftView.build(state, evaluation, policy.currency)
    draft, content = await with_portfolio(
        assistant.db, assistant.identity.scope, assistant.settings, draft, content,
        previewed=ctx.preview_text is not None,
    )  # fmt: skip
    details: dict[str, Any] = {
        "draft": draft.as_json() if draft is not None else None,
        "citations": [],
        "actions": [],
        "brief": {"filename": brief.filename, "sentences": len(brief.sentences)},
    }
    async with assistant.db.write() as session:
        reply = await ConversationService(session).store_turn(
            snapshot, state.dump(), text, content, details
        )
    return TurnResult(snapshot.conversation_id, reply, draft, [], [])


def pasted(text: str | None) -> bytes:
    """Pasted brief text as the bytes of a .txt upload; empty is a clear error."""
    if text is None or not text.strip():
        raise ValidationError(
            "Attach a brief (DOCX, PDF, TXT, EML) or paste its text", {"file": "required"}
        )
    return text.encode("utf-8")
