"""Shapes the pages draw, normalised from stored JSON that other parts of the product write.

The assistant stores each reply's citations, draft and actions in `Message.details` (the same
shape as its streamed `done` event). Fields may be absent or grow; these views take what is
there and ignore the rest, so the chat keeps rendering while the assistant evolves.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mcc.models import Message

SOURCE_NAMES = {"user": "from your words", "rule": "derived by rule", "default": "default"}


def provenance_text(value: Any) -> str:
    """One line saying where a value came from: the user's words, or the rule that set it."""
    if value is None or value == {}:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        if value.get("document") and value.get("sentence"):  # read from a brief (mcc.briefs)
            return f"from the brief {value['document']}: “{value['sentence']}”"
        source = str(value.get("source", "")).strip()
        if source == "edited":  # `mcc.campaigns.edited`: worded as the History list words it
            return f"changed by {value.get('by') or 'someone'} via {value.get('door') or '?'}"
        keys = ("rule", "evidence") if source == "rule" else ("evidence", "quote", "rule")
        detail = next((str(value[key]) for key in keys if value.get(key)), "")
        label = SOURCE_NAMES.get(source, source)
        if detail and source == "user":
            return f"{label}: “{detail}”"
        return f"{label}: {detail}" if label and detail else str(label or detail)
    return str(value)


def field_provenance(stored: Any) -> dict[str, str]:
    """Field name → where its value came from, for a campaign's stored provenance.

    The assistant stores `{"fields": {...}, "channels": {...}, "tier": {...}, ...}`; an API
    caller may store a flat `{field: ...}`. Both read the same on the page.
    """
    if not isinstance(stored, Mapping):
        return {}
    nested = ("fields", "channels", "plan", "plan_source", "tier", "conversation_id", "confirmed",
              "rules", "rulesCheck", "warnings")  # fmt: skip
    flat = {name: value for name, value in stored.items() if name not in nested}
    fields = stored.get("fields")
    if isinstance(fields, Mapping):
        flat.update(fields)
    result = {name: provenance_text(value) for name, value in flat.items()}
    channels = stored.get("channels")
    if isinstance(channels, Mapping) and channels:
        result["channels"] = "; ".join(
            f"{name}: {provenance_text(value)}" for name, value in channels.items()
        )
    tier = stored.get("tier")
    if isinstance(tier, Mapping) and tier.get("reason"):
        result["tier"] = f"tier policy: {tier['reason']}"
    return result


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Citation:
    label: str
    snippet: str
    doc_id: str


@dataclass(frozen=True)
class DraftField:
    name: str
    value: str
    provenance: str


@dataclass(frozen=True)
class PlanTask:
    name: str
    owner_role: str
    start: str
    due: str


@dataclass(frozen=True)
class Draft:
    fields: list[DraftField]
    missing: list[str]
    tier: str
    tier_reason: str
    warnings: list[str]
    status: str  # the assistant's stage: collecting, previewed, created, cancelled
    preview_text: str  # Markdown
    project_name: str
    tasks: list[PlanTask]
    exact_requests: str = ""  # JSON, indented: what a "yes" sends (shown while previewed)

    @property
    def awaiting_confirmation(self) -> bool:
        """A preview is on screen and nothing is missing: the moment a "yes" creates."""
        if self.status:
            return self.status == "previewed"
        return not self.missing and bool(self.fields)

    @property
    def tier_label(self) -> str:
        return f"Tier {self.tier}" if self.tier.isdigit() else self.tier


@dataclass(frozen=True)
class MessageView:
    id: uuid.UUID
    role: str
    content: str
    created_at: datetime
    citations: list[Citation] = field(default_factory=list)
    draft: Draft | None = None
    created_campaigns: list[str] = field(default_factory=list)

    @classmethod
    def from_model(cls, message: Message) -> MessageView:
        details = message.details if isinstance(message.details, Mapping) else {}
        created = [
            str(action.get("campaignId"))
            for action in _dicts(details.get("actions"))
            if action.get("type") == "campaign_created" and action.get("campaignId")
        ]
        return cls(
            id=message.id,
            role=message.role,
            content=message.content,
            created_at=message.created_at,
            citations=[
                Citation(
                    _text(item.get("label")) or _text(item.get("docId")) or "Source",
                    _text(item.get("snippet")),
                    _text(item.get("docId")),
                )
                for item in _dicts(details.get("citations"))
            ],
            draft=_draft(details.get("draft")),
            created_campaigns=created,
        )


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _draft(value: Any) -> Draft | None:
    if not isinstance(value, Mapping):
        return None
    fields = [
        DraftField(
            _text(item.get("label") or item.get("name")).replace("_", " "),
            _text(item.get("display") or item.get("value")),
            provenance_text(item.get("provenance")),
        )
        for item in _dicts(value.get("fields"))
    ]
    channels = _dicts(value.get("channels"))
    if channels:
        names = ", ".join(_text(item.get("name")) for item in channels)
        sources = {provenance_text(item.get("provenance")) for item in channels} - {""}
        fields.append(DraftField("channels", names, "; ".join(sorted(sources))))
    tier: Any = value.get("tier")
    tier_reason = _text(value.get("tierReason"))
    if isinstance(tier, Mapping):  # the assistant's verdict: {tier, reason, approver, ...}
        tier_reason = tier_reason or _text(tier.get("reason"))
        tier = tier.get("tier")
    preview = value.get("preview")
    found = preview.get("project") if isinstance(preview, Mapping) else None
    project: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    return Draft(
        fields=fields,
        missing=[_text(item).replace("_", " ") for item in _list(value.get("missing"))],
        tier=_text(tier),
        tier_reason=tier_reason,
        warnings=[
            _text(item.get("message")) if isinstance(item, Mapping) else _text(item)
            for item in _list(value.get("warnings"))
        ],
        status=_text(value.get("status")),
        preview_text=preview if isinstance(preview, str) else "",
        project_name=_text(project.get("projectName")),
        tasks=[
            PlanTask(
                _text(task.get("name")),
                _text(task.get("ownerRole") or task.get("owner_role")),
                _text(task.get("start")),
                _text(task.get("due")),
            )
            for task in _dicts(project.get("tasks"))
        ],
        exact_requests=_pretty(value.get("exactRequests")),
    )


def _pretty(value: Any) -> str:
    if not isinstance(value, Mapping) or not value:
        return ""
    return json.dumps(value, indent=2, ensure_ascii=False)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
