"""What Workfront's event deliveries look like (reference §8): the token, the dedupe key, the shape.

Workfront does not sign deliveries: it sends back the `authToken` we registered, as
`Authorization: Bearer <token>` (or the bare token), and we compare it in constant time.
Workfront sends no event id either, so a redelivery is recognised by what it repeats.

What can be checked cheaply is checked before storing, so garbage is refused with a reason
instead of being accepted and parked later: the JSON's nesting depth (a Workfront state is a
flat object with a few nested custom-field maps), the event type, a parseable `eventTime`
(events are ordered by it) and the shape of the states. The generic door (`mcc.inbox.routes`)
reads, stores and answers; these rules are all it knows of Workfront.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from mcc.integrations.workfront.mapping import parse_datetime

SOURCE = "workfront"
MAX_DEPTH = 16  # a real delivery nests 3-4 levels; the limit leaves room, not for bombs
# eventType and objCode are stored together as the event's kind (a 100-character column)
MAX_WORD = 40


def token_matches(header: str | None, expected: str) -> bool:
    presented = (header or "").strip()
    if presented[:7].lower() == "bearer ":
        presented = presented[7:].strip()
    return hmac.compare_digest(presented.encode(), expected.encode())


def dedupe_key(payload: dict[str, Any]) -> str:
    """Workfront sends no event id; a redelivery repeats subscription, time, object and state."""
    state = payload.get("newState") or payload.get("oldState") or {}
    object_id = state.get("ID") if isinstance(state, dict) else None
    fingerprint = (
        object_id or hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()
    )
    basis = [payload.get("subscriptionId"), payload.get("eventTime"), payload.get("eventType")]
    basis.append(fingerprint)
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()


def event_type(payload: dict[str, Any]) -> str:
    """`PROJ.UPDATE`-style: the object code of the state, then Workfront's event type."""
    state = payload.get("newState") or payload.get("oldState") or {}
    obj_code = state.get("objCode", "?") if isinstance(state, dict) else "?"
    return f"{obj_code}.{payload['eventType']}"


def _depth_exceeds(value: Any, limit: int) -> bool:
    """True if any branch nests deeper than `limit`. Level by level, without recursion (a
    deep body must not cost a RecursionError), stopping at the first level past the limit."""
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


def refusal(payload: Any) -> str | None:
    """Why this body is not a Workfront event we could ever apply, or None if it may be."""
    if not isinstance(payload, dict) or "eventType" not in payload:
        return "Body is not a Workfront event (no eventType)"
    if not isinstance(payload["eventType"], str):
        return "eventType must be a string"
    if len(payload["eventType"]) > MAX_WORD:  # Workfront sends CREATE, UPDATE, DELETE
        return f"eventType is longer than {MAX_WORD} characters"
    if _depth_exceeds(payload, MAX_DEPTH):
        return f"Body nests deeper than {MAX_DEPTH} levels"
    try:
        occurred = parse_datetime(payload.get("eventTime"))
    except (ValueError, TypeError, OverflowError, OSError):
        occurred = None
    if occurred is None:
        return "eventTime is missing or not a date ({epochSecond, nano} or ISO 8601)"
    for name in ("newState", "oldState"):
        state = payload.get(name)
        if state is not None and not isinstance(state, dict | str):
            return f"{name} must be an object (or base64 JSON)"
        code = state.get("objCode") if isinstance(state, dict) else None
        if code is not None and not (isinstance(code, str) and len(code) <= MAX_WORD):
            return f"{name}.objCode must be a short text such as PROJ or TASK"
    if not payload.get("newState") and not payload.get("oldState"):
        return "Event carries neither newState nor oldState"
    return None


class WorkfrontWebhook:
    """The rules above as one object, for the generic door (see `mcc.integrations.backends`)."""

    source = SOURCE

    def token_matches(self, header: str | None, expected: str) -> bool:
        return token_matches(header, expected)

    def refusal(self, payload: Any) -> str | None:
        return refusal(payload)

    def dedupe_key(self, payload: dict[str, Any]) -> str:
        return dedupe_key(payload)

    def event_type(self, payload: dict[str, Any]) -> str:
        return event_type(payload)
