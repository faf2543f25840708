"""Feedback fixtures: the signed-in browsers of the auth tests, and a conversation to rate."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mcc.db import Database
from mcc.models import Conversation, Message
from tests.auth.conftest import admin, app, marketer

__all__ = ["admin", "app", "marketer"]

CITATIONS = [
    {"docId": "playbooks/email.md", "label": "Email playbook", "snippet": "Send on Tuesdays."},
    {"docId": "playbooks/tiers.md", "label": "Tier definitions", "snippet": "Tier 1: > $100k."},
]


@dataclass(frozen=True)
class Chat:
    conversation_id: uuid.UUID
    question_id: uuid.UUID
    answer_id: uuid.UUID  # cites CITATIONS
    plain_answer_id: uuid.UUID  # cites nothing


async def make_chat(db: Database, owner: str | None) -> Chat:
    async with db.write() as session:
        conversation = Conversation(owner=owner, title="Best practices")
        session.add(conversation)
        await session.flush()
        rows = [
            Message(conversation_id=conversation.id, role="user", content="Email tips?"),
            Message(
                conversation_id=conversation.id, role="assistant", content="Send on Tuesdays [1].",
                details={"citations": CITATIONS},
            ),
            Message(conversation_id=conversation.id, role="assistant", content="Anything else?"),
        ]  # fmt: skip
        session.add_all(rows)
        await session.flush()
        return Chat(conversation.id, rows[0].id, rows[1].id, rows[2].id)
