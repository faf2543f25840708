"""What a turn returns to the transports (GraphQL, SSE `done`, `mcc chat`, evaluation), typed,
with its one JSON form in the API's camelCase: the draft with each field's value and
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
from mcc.agent.state import DialogueState, Provenance, Stage
from mcc.agent.tools import Evaluation
from mcc.campaigns.plans import Plan
from mcc.campaigns.tiers import TierVerdict
from mcc.models import Message


@dataclass(frozen=True)
class DraftFieldView:
    name: str
    value: str | int  # the JSON form: dates ISO, budget a decimal string
    display: str  # as the reply shows it ("$30,000", "Sunday, February 15, 2026")
    provenance: Provenance


@dataclass(frozen=True)
class DraftChannelView:
    name: str
    provenance: Provenance


@dataclass(frozen=True)
class PreviewView:
    shown: bool  # shown and waiting for the user's yes
    confirmed: bool
    project: Plan | None  # the Workfront project the preview shows, tasks scheduled


@dataclass(frozen=True)
class DraftView:
    """The draft after a turn, typed: GraphQL builds its types from this, and `as_json` is the
    one place its camelCase JSON (SSE `done`, `mcc chat`, messages' stored `details`) is made."""

    status: str
    fields: tuple[DraftFieldView, ...]
    channels: tuple[DraftChannelView, ...]
    missing: tuple[str, ...]
    asking: tuple[str, ...]
    tier: TierVerdict | None  # None while the tier is pending
    warnings: tuple[str, ...]
    preview: PreviewView
    created_campaign_id: uuid.UUID | None
    # While a preview is shown: the requests a "yes" sends (`mcc.campaigns.assembly`).
    exact_requests: dict[str, Any] | None = None
    # While a preview is shown: the portfolio's warnings (`PortfolioWarning.as_json`), scoped.
    portfolio_warnings: tuple[dict[str, str | int | None], ...] = ()

    @classmethod
    def build(
        cls, state: DialogueState, evaluation: Evaluation | None, default_currency: str
    ) -> DraftView | None:
        """The draft to show, or None when no campaign is in progress."""
        if evaluation is None or (state.stage is Stage.IDLE and state.draft.is_empty()):
            return None
        draft = state.draft
        currency = rendering.currency_of(draft, default_currency)
        return cls(
            status=state.stage.value,
            fields=tuple(
                DraftFieldView(
                    name,
                    item.value,
                    rendering.show_value(name, item.value, currency),
                    item.provenance,
                )
                for name, item in draft.fields.items()
            ),
            channels=tuple(DraftChannelView(name, item) for name, item in draft.channels.items()),
            missing=tuple(evaluation.missing),
            asking=tuple(state.asked),
            tier=evaluation.verdict if evaluation.verdict.tier is not None else None,
            warnings=tuple(evaluation.warnings),
            preview=PreviewView(
                shown=state.stage is Stage.PREVIEWED,
                confirmed=state.stage is Stage.CREATED,
                project=evaluation.plan,
            ),
            created_campaign_id=state.created.campaign_id if state.created else None,
        )

    def value_of(self, name: str) -> str | int | None:
        return next((f.value for f in self.fields if f.name == name), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "fields": [
                {
                    "name": item.name,
                    "value": item.value,
                    "display": item.display,
                    "provenance": item.provenance.as_json(),
                }
                for item in self.fields
            ],
            "channels": [
                {"name": item.name, "provenance": item.provenance.as_json()}
                for item in self.channels
            ],
            "missing": list(self.missing),
            "asking": list(self.asking),
            "tier": self.tier.as_json() if self.tier is not None else None,
            "warnings": list(self.warnings),
            "preview": {
                "shown": self.preview.shown,
                "confirmed": self.preview.confirmed,
                "project": self.preview.project.as_json() if self.preview.project else None,
            },
            "createdCampaignId": (
                str(self.created_campaign_id) if self.created_campaign_id else None
            ),
            "exactRequests": self.exact_requests,
            "portfolioWarnings": list(self.portfolio_warnings),
        }


@dataclass(frozen=True)
class TurnResult:
    conversation_id: uuid.UUID
    message: Message  # the stored reply
    draft: DraftView | None
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
            "draft": self.draft.as_json() if self.draft is not None else None,
            "citations": [ref.as_json() for ref in self.citations],
            "actions": self.actions,
        }
