"""What Asana's webhook deliveries look like (reference §6), and how we know they are Asana's.

Asana signs: at creation it sends a secret once (`X-Hook-Secret`, the handshake) and then signs
every delivery with `X-Hook-Signature` = lowercase hex HMAC-SHA256 of the raw body keyed with
that secret. We keep one secret per webhook. Which webhook a delivery belongs to is in its URL:
we register the target as `…/webhooks/asana?hook=<id>`, and Asana uses the full target URL,
query included, for the handshake and every delivery.

The hook id is ours and self-authenticating (`<time>.<random>.<mac>`, the mac keyed with the
server's webhook token): a handshake is accepted only for an id this server minted for a
webhook it is creating, within `HANDSHAKE_WINDOW_S`, and only once; anything else is refused,
so nobody can plant a secret of their own.

A delivery is `{"events": [...]}` (empty: a heartbeat). Each event is compact (§6.4): the
resource's gid and type, what happened and when, never the new state; the inbox worker fetches
the object (`AsanaAdapter.resolve_event`). Only project and task events are kept, one inbox row
each, deduplicated by what identifies the event.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from mcc.integrations.asana.mapping import parse_datetime

SOURCE = "asana"
HANDSHAKE_WINDOW_S = 600.0  # the create call is waiting for the handshake: minutes at most
MAX_DEPTH = 8  # a real event nests 3 levels (event → change → new_value)
MAX_EVENTS = 1000  # Asana batches events close together; far fewer in practice
MAX_WORD = 40
ACTIONS = frozenset({"added", "changed", "removed", "deleted", "undeleted"})
KEPT_TYPES = frozenset({"project", "task"})


def mint_hook_id(webhook_token: str, now: float | None = None) -> str:
    """A new webhook's id for its target URL (see the module)."""
    stamp = f"{int(time.time() if now is None else now)}.{secrets.token_hex(8)}"
    return f"{stamp}.{_mac(webhook_token, stamp)}"


def _mac(webhook_token: str, stamp: str) -> str:
    digest = hmac.new(webhook_token.encode(), f"asana-hook:{stamp}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def hook_key(hook_id: str | None, webhook_token: str) -> str | None:
    """The stable part of a hook id we minted (its secret's key), or None if we did not mint it."""
    parts = (hook_id or "").split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 16:
        return None
    stamp = f"{parts[0]}.{parts[1]}"
    ours = hmac.compare_digest(parts[2].encode(), _mac(webhook_token, stamp).encode())
    return stamp if ours else None


def handshake_fresh(key: str, now: float | None = None) -> bool:
    minted = int(key.split(".", 1)[0])
    return 0 <= (time.time() if now is None else now) - minted <= HANDSHAKE_WINDOW_S


def secret_looks_valid(secret: str | None) -> bool:
    """Asana's secrets are 64 hex characters; accept any short printable token, not a flood."""
    return bool(secret) and len(secret or "") <= 256 and (secret or "").isascii()


def signature_matches(secret: str, body: bytes, header: str | None) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (header or "").strip().lower().encode())


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Level by level, without recursion, stopping at the first level past the limit."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return True
        below: list[Any] = []
        for node in level:
            children = node.values() if isinstance(node, dict) else node
            below.extend(child for child in children if isinstance(child, dict | list))
        level, depth = below, depth + 1
    return False


def _event_refusal(event: Any) -> str | None:
    if not isinstance(event, dict):
        return "each event must be an object"
    action = event.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        return f"event action must be one of {', '.join(sorted(ACTIONS))}"
    resource = event.get("resource")
    if not isinstance(resource, dict):
        return "event without a resource"
    gid, kind = resource.get("gid"), resource.get("resource_type")
    if not (isinstance(gid, str) and gid.isdigit() and len(gid) <= 64):
        return "event resource.gid must be a numeric string"
    if not (isinstance(kind, str) and 0 < len(kind) <= MAX_WORD):
        return "event resource.resource_type must be a short text"
    try:
        created = parse_datetime(event.get("created_at"))
    except (ValueError, TypeError):
        created = None
    if created is None:
        return "event created_at is missing or not an ISO 8601 time"
    return None


def refusal(payload: Any) -> str | None:
    """Why this body is not an Asana delivery we could ever use, or None if it may be."""
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        return "Body is not an Asana delivery (no events array)"
    if len(payload["events"]) > MAX_EVENTS:
        return f"More than {MAX_EVENTS} events in one delivery"
    if _depth_exceeds(payload, MAX_DEPTH):
        return f"Body nests deeper than {MAX_DEPTH} levels"
    for event in payload["events"]:
        if (reason := _event_refusal(event)) is not None:
            return reason
    return None


def kept_events(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The events the sync applies (projects and tasks), of a delivery `refusal` accepted."""
    return [e for e in payload["events"] if e["resource"]["resource_type"] in KEPT_TYPES]


def dedupe_key(event: dict[str, Any]) -> str:
    """Asana sends no event id; a redelivery repeats the resource, the action and its time."""
    change = event.get("change") if isinstance(event.get("change"), dict) else {}
    parent = event.get("parent") if isinstance(event.get("parent"), dict) else {}
    user = event.get("user") if isinstance(event.get("user"), dict) else {}
    basis = [
        event["resource"]["resource_type"], event["resource"]["gid"], event["action"],
        event.get("created_at"), (change or {}).get("field"), (change or {}).get("action"),
        (parent or {}).get("gid"), (user or {}).get("gid"),
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(basis, default=str).encode()).hexdigest()


def event_type(event: dict[str, Any]) -> str:
    return f"{event['resource']['resource_type']}.{event['action']}"
