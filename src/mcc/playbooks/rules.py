"""The rules in force: the tier policy and each campaign type's checklist, from the knowledge base.

Every door (chat, GraphQL, REST, CLI, the UI) asks `current_rules(session)` in its unit of work,
so every worker process applies the version in the database: nothing outlives a change. Parsing
is cached by (key, version, content hash), so a changed document is parsed once per process and
an unchanged one never again; the per-request cost is one query of the documents' keys and
versions (no text), and texts are read only for versions this process has not seen.

Which document is the rule: the one whose text carries the ```` ```yaml tier-policy ```` block,
and for each campaign type the playbook whose front matter names it (`campaign_type: email`) and
that has a `## Task Checklist`. An upload that defines the same rule takes that document's key
(`same_rule_key`), so it replaces it as its next version and the citations read "v2". Should two
documents still define one rule (two folders ingested), the most recently changed one wins.
Without any, the bundled package files apply; an operator's `MCC_TIER_POLICY_FILE` wins over the
knowledge base (a file pinned by the installation).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.plans import Checklist, bundled_checklists, checklist_from
from mcc.campaigns.tiers import TierPolicy, load_policy
from mcc.config import get_settings
from mcc.exceptions import ValidationError
from mcc.logging import get_logger
from mcc.playbooks.repository import PlaybookRepository

log = get_logger(__name__)
TIER_POLICY = "tier-policy"
_CACHE_MAX = 10_000  # entries per document version; most are None


@dataclass(frozen=True)
class RuleSource:
    """The knowledge document a rule comes from, as cited: "Campaign Tier Definitions v2"."""

    key: str
    version: int
    title: str

    @property
    def label(self) -> str:
        return f"{self.title} v{self.version}"

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "version": self.version, "title": self.title}


@dataclass(frozen=True)
class Rules:
    policy: TierPolicy
    policy_source: RuleSource | None  # None: the bundled file or the operator's file
    checklists: Mapping[str, Checklist]
    checklist_sources: Mapping[str, RuleSource] = field(default_factory=dict)

    def checklist(self, campaign_type: str) -> Checklist | None:
        return self.checklists.get(campaign_type)

    def sources_json(self, campaign_type: str | None = None) -> dict[str, Any]:
        """What a campaign records about the rules it was planned by (for the re-check)."""
        found: dict[str, Any] = {}
        if self.policy_source is not None:
            found["policy"] = self.policy_source.as_json()
        source = self.checklist_sources.get(campaign_type or "")
        if source is not None:
            found["checklist"] = source.as_json()
        return found

    @property
    def fingerprint(self) -> str:
        """Changes whenever a rule document does: what a dismissed re-check is dismissed for."""
        data = {
            "policy": self.policy_source.as_json() if self.policy_source else None,
            "checklists": {k: s.as_json() for k, s in sorted(self.checklist_sources.items())},
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class _Parsed:
    source: RuleSource
    updated_at: datetime
    policy: TierPolicy | None
    checklist: Checklist | None


_parsed: dict[tuple[str, int, str], _Parsed | None] = {}


def rule_ids(text: str, meta: Mapping[str, Any]) -> set[str]:
    """The rules a document defines: "tier-policy", "checklist:<type>"."""
    ids = set()
    if "tier-policy" in text and _policy(text, "x") is not None:
        ids.add(TIER_POLICY)
    checklist = checklist_from(meta, text)
    if checklist is not None:
        ids.add(f"checklist:{checklist.campaign_type}")
    return ids


def _policy(text: str, title: str) -> TierPolicy | None:
    try:
        return TierPolicy.from_markdown(text, title=title)
    except ValidationError:
        return None


async def _documents(session: AsyncSession) -> list[_Parsed]:
    repository = PlaybookRepository(session)
    rows = await repository.documents()
    wanted = [row.key for row in rows if (row.key, row.version, row.content_hash) not in _parsed]
    if wanted:
        if len(_parsed) + len(wanted) > _CACHE_MAX:
            _parsed.clear()
            wanted = [row.key for row in rows]
        texts: dict[str, Any] = {}
        for start in range(0, len(wanted), 500):  # bounded IN lists
            texts.update(
                {row.key: row for row in await repository.rule_texts(wanted[start : start + 500])}
            )
        asked = set(wanted)
        for row in rows:
            if row.key in asked:
                found = texts.get(row.key)
                parsed = _parse(row, found.text, found.meta or {}) if found else None
                _parsed[(row.key, row.version, row.content_hash)] = parsed
    found_rules = [_parsed.get((row.key, row.version, row.content_hash)) for row in rows]
    return [parsed for parsed in found_rules if parsed is not None]


def _parse(row: Any, text: str, meta: Mapping[str, Any]) -> _Parsed | None:
    source = RuleSource(row.key, row.version, row.title)
    policy = _policy(text, source.label) if "tier-policy" in text else None
    checklist = checklist_from(meta, text, title=source.label)
    if "tier-policy" in text and policy is None:
        # Stored before uploads were checked: skipped (the next one applies), and said.
        log.warning("playbooks.policy_unreadable", key=row.key, version=row.version)
    if policy is None and checklist is None:
        return None
    return _Parsed(source, row.updated_at, policy, checklist)


def _newest(candidates: list[_Parsed]) -> _Parsed | None:
    return max(candidates, key=lambda p: (p.updated_at, p.source.key), default=None)


async def current_rules(session: AsyncSession) -> Rules:
    """The rules in force now, for this unit of work (reads only)."""
    documents = await _documents(session)
    pinned = get_settings().tier_policy_file
    chosen = None if pinned else _newest([d for d in documents if d.policy is not None])
    policy = chosen.policy if chosen is not None and chosen.policy else load_policy(pinned)
    checklists: dict[str, Checklist] = dict(bundled_checklists())
    sources: dict[str, RuleSource] = {}
    by_type: dict[str, list[_Parsed]] = {}
    for document in documents:
        if document.checklist is not None:
            by_type.setdefault(document.checklist.campaign_type, []).append(document)
    for kind, candidates in by_type.items():
        newest = _newest(candidates)
        if newest is not None and newest.checklist is not None:
            checklists[kind], sources[kind] = newest.checklist, newest.source
    return Rules(policy, chosen.source if chosen else None, checklists, sources)


async def same_rule_key(session: AsyncSession, text: str, meta: Mapping[str, Any]) -> str | None:
    """The key of the document that defines the rule `text` defines now, if any: an upload of
    the same rule replaces that document (its next version) rather than adding a rival."""
    ids = rule_ids(text, meta)
    if not ids:
        return None
    holders = []
    for document in await _documents(session):
        defined = set()
        if document.policy is not None:
            defined.add(TIER_POLICY)
        if document.checklist is not None:
            defined.add(f"checklist:{document.checklist.campaign_type}")
        if defined & ids:
            holders.append(document)
    newest = _newest(holders)
    return newest.source.key if newest is not None else None
