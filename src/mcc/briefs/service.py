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

from mcc.agent.service import AgentService
from mcc.agent.views import TurnResult
from mcc.briefs.fill import fill_from_brief
from mcc.briefs.parsing import Brief, read_brief
from mcc.conversations.service import MESSAGE_MAX, ConversationService
from mcc.exceptions import ValidationError
from mcc.knowledge.parsing import EmptyDocumentError

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
    text = _as_message(brief)
    # The brief's summary line is stored as the user's message but is not their own words: the
    # values come from the brief's sentences, each citing its sentence.
    turn = await assistant.open_turn(conversation_id, text, said=False)
    content = await asyncio.to_thread(fill_from_brief, turn.ctx, brief)  # dates parse: CPU work
    draft, content = await assistant.draft_after(turn, content, started=True)
    details: dict[str, Any] = {
        "draft": draft.as_json() if draft is not None else None,
        "citations": [],
        "actions": [],
        "brief": {"filename": brief.filename, "sentences": len(brief.sentences)},
    }
    async with assistant.db.write() as session:
        reply = await ConversationService(session).store_turn(
            turn.snapshot, turn.state.dump(), text, content, details
        )
    return TurnResult(turn.snapshot.conversation_id, reply, draft, [], [])


def pasted(text: str | None) -> bytes:
    """Pasted brief text as the bytes of a .txt upload; empty is a clear error."""
    if text is None or not text.strip():
        raise ValidationError(
            "Attach a brief (DOCX, PDF, TXT, EML) or paste its text", {"file": "required"}
        )
    return text.encode("utf-8")
