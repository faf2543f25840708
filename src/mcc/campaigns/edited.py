"""A campaign's provenance after an edit: a field changed by hand no longer came "from your
words" of the conversation that created it, so its entry says who changed it and through which
door, and a tier reason the edit made stale is dropped (the page shows the current one as
"Why:"). Without this, a budget edited from 45k to 52k still read `from your words: “45k”`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mcc.audit.schemas import Actor

# The status has its own history on the page; it never had a provenance of its own.
_NOT_NOTED = frozenset({"status"})


def edited_provenance(
    stored: Mapping[str, Any] | None,
    changed: Iterable[str],
    actor: Actor,
    *,
    channels_before: Iterable[str],
    channels_after: Iterable[str],
    tier_reason: str | None,
) -> dict[str, Any]:
    """`stored` with an "edited" entry for every field in `changed` (the audited diff)."""
    result = dict(stored or {})
    note = {"source": "edited", "by": actor.name, "door": actor.source.value}
    fields = dict(result.get("fields") or {})
    for name in changed:
        if name in _NOT_NOTED:
            continue
        if name == "channels":
            result["channels"] = _channels(result.get("channels"), channels_before,
                                           channels_after, note)  # fmt: skip
            continue
        result.pop(name, None)  # the flat form an API caller may have stored
        fields[name] = note
    if fields:
        result["fields"] = fields
    tier = result.get("tier")
    if isinstance(tier, Mapping) and tier.get("reason") and tier["reason"] != tier_reason:
        result["tier"] = {key: value for key, value in tier.items() if key != "reason"}
    return result


def _channels(
    stored: Any, before: Iterable[str], after: Iterable[str], note: Mapping[str, str]
) -> dict[str, Any]:
    """Channels kept keep their provenance, removed ones lose it, added ones are noted."""
    kept = dict(stored) if isinstance(stored, Mapping) else {}
    old = set(before)
    return {name: (kept.get(name) if name in old and name in kept else dict(note))
            for name in after}  # fmt: skip
