"""The JSON the transports return for a turn (GraphQL, SSE `done`, `mcc chat`, evaluation).

One shape for all of them, in the API's camelCase: the draft with each field's value and
provenance, what is missing and being asked, the tier with its reason, warnings and the preview's
Workfront project; the citations; the actions taken (a campaign created, with its id).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mcc.agent import rendering
from mcc.agent.knowledge import CitationRef
from mcc.agent.state import DialogueState, Stage
from mcc.agent.tools import Evaluation
from mcc.models import Message


def draft_json(
    state: DialogueState, evaluation: Evaluation | None, default_currency: str
) -> dict[str, Any] | None:
    if evaluation is None or (state.stage is Stage.IDLE and state.draft.is_empty()):
        return None
    draft = state.draft
    currency = rendering.currency_of(draft, default_currency)
    fields = [
        {
            "name": name,
            "value": item.value,
            "display": rendering.show_value(name, item.value, currency),
            "provenance": item.provenance.as_json(),
        }
        for name, item in draft.fields.items()
    ]
    shown = state.stage is Stage.PREVIEWED
    return {
        "status": state.stage.value,
        "fields": fields,
        "channels": [
            {"name": name, "provenance": item.as_json()} for name, item in draft.channels.items()
        ],
        "missing": evaluation.missing,
        "asking": list(state.asked),
        "tier": evaluation.verdict.as_json() if evaluation.verdict.tier is not None else None,
        "warnings": evaluation.warnings,
        "preview": {
            "shown": shown,
            "confirmed": state.stage is Stage.CREATED,
            "project": evaluation.plan.as_json() if evaluation.plan else None,
        },
        "createdCampaignId": str(state.created.campaign_id) if state.created else None,
    }


@dataclass(frozen=True)
class TurnResult:
    conversation_id: uuid.UUID
    message: Message  # the stored reply
    draft: dict[str, Any] | None
    citations: list[CitationRef] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def message_id(self) -> uuid.UUID:
        return self.message.id

    @property
    def content(self) -> str:
        return self.message.content

    @property
    def timestamp(self) -> datetime:
        return self.message.created_at

    def as_json(self) -> dict[str, Any]:
        return {
            "conversationId": str(self.conversation_id),
            "messageId": str(self.message_id),
            "content": self.content,
            "timestamp": self.timestamp.isoformat(),
            "draft": self.draft,
            "citations": [ref.as_json() for ref in self.citations],
            "actions": self.actions,
        }
