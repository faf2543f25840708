"""The dialogue state persisted per conversation (in `conversations.state`).

Every value in a draft carries its provenance: the user's words it came from (`evidence`, the
turn it was said in) or the rule that derived it. Nothing enters a draft any other way, which is
what lets the guardrails refuse an invented value and lets the created campaign show where each
field came from. The state is plain JSON so that a conversation survives restarts and schema-free
additions do not need a migration; `STATE_VERSION` guards against reading a future layout.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from enum import StrEnum
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

STATE_VERSION = 1

# The one list of draft fields: what the LLM engine may update, what the guardrails accept, what
# a reply can name (FIELD_LABELS) and, apart from the derived ones, what a campaign records the
# provenance of.
DraftFieldName = Literal[
    "name",
    "type",
    "channels",
    "target_audience",
    "objective",
    "budget",
    "currency",
    "launch_date",
    "end_date",
    "flagship",
    "stated_tier",
]
DRAFT_FIELDS: tuple[DraftFieldName, ...] = get_args(DraftFieldName)

# Fields a campaign needs before a preview, in the order they are asked for.
REQUIRED_FIELDS: tuple[str, ...] = (
    "type",
    "name",
    "target_audience",
    "objective",
    "budget",
    "launch_date",
    "channels",
)
FIELD_LABELS: dict[str, str] = {
    "name": "name",
    "type": "type",
    "channels": "channels",
    "target_audience": "audience",
    "objective": "objective",
    "budget": "budget",
    "currency": "currency",
    "launch_date": "launch date",
    "end_date": "end date",
    "flagship": "flagship signal",
    "stated_tier": "stated tier",
}


class Stage(StrEnum):
    IDLE = "idle"  # no campaign in progress
    COLLECTING = "collecting"  # a draft is missing fields or has not been previewed
    PREVIEWED = "previewed"  # the preview was shown; waiting for an explicit yes
    CREATED = "created"  # the confirmed draft became a campaign
    CANCELLED = "cancelled"  # the user cancelled; a "yes" now confirms nothing


class Provenance(BaseModel):
    """Where a value came from: the user's words (verbatim) or a named rule."""

    model_config = ConfigDict(frozen=True)

    source: Literal["user", "rule"]
    evidence: str | None = None
    turn: int | None = None
    rule: str | None = None
    # A value read from an uploaded or pasted brief (`mcc.briefs`): the document and the
    # sentence `evidence` is in. Left out of the JSON when unset, so other values read as before.
    document: str | None = None
    sentence: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = self.model_dump()
        for key in ("document", "sentence"):
            if data[key] is None:
                del data[key]
        return data


class DraftValue(BaseModel):
    """A draft field's value in its JSON form (dates ISO, budget a decimal string)."""

    model_config = ConfigDict(frozen=True)

    value: str | int
    provenance: Provenance


class Draft(BaseModel):
    fields: dict[str, DraftValue] = Field(default_factory=dict)
    # Channel name -> where it came from; a type that is a channel adds one by rule.
    channels: dict[str, Provenance] = Field(default_factory=dict)

    def get(self, name: str) -> str | int | None:
        item = self.fields.get(name)
        return None if item is None else item.value

    def has(self, name: str) -> bool:
        return bool(self.channels) if name == "channels" else name in self.fields

    def missing(self) -> list[str]:
        return [name for name in REQUIRED_FIELDS if not self.has(name)]

    def is_empty(self) -> bool:
        return not self.fields and not self.channels


class PreviewMark(BaseModel):
    """The preview the user saw: the fingerprint of the draft and plan, and the turn."""

    fingerprint: str
    turn: int


class CreatedRef(BaseModel):
    campaign_id: uuid.UUID
    name: str
    fingerprint: str
    turn: int


class DialogueState(BaseModel):
    version: int = STATE_VERSION
    turn: int = 0
    stage: Stage = Stage.IDLE
    draft: Draft = Field(default_factory=Draft)
    asked: list[str] = Field(default_factory=list)
    preview: PreviewMark | None = None
    created: CreatedRef | None = None
    created_ids: list[uuid.UUID] = Field(default_factory=list)
    # The last knowledge question answered and its turn: what "and for tier 3?" follows up.
    knowledge_asked: str | None = None
    knowledge_turn: int = -1

    @classmethod
    def load(cls, data: dict[str, Any] | None) -> DialogueState:
        """The stored state; an empty or unreadable one starts fresh rather than failing the chat.

        A state written by a newer version is not guessed at either: it starts fresh too.
        """
        if not data or data.get("version") != STATE_VERSION:
            return cls()
        try:
            return cls.model_validate(data)
        except PydanticValidationError:
            return cls()

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def start_draft(self) -> None:
        self.stage = Stage.COLLECTING
        self.draft = Draft()
        self.asked = []
        self.preview = None

    def invalidate_preview(self) -> None:
        """Any change after a preview needs a new preview and a new yes."""
        if self.stage is Stage.PREVIEWED:
            self.stage = Stage.COLLECTING
        self.preview = None


def fingerprint(payload: dict[str, Any]) -> str:
    """A stable hash of what the user is asked to confirm (fields, tier and plan)."""
    encoded = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]
