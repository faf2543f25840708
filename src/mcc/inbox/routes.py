"""`POST /webhooks/workfront`: the receiving end of Workfront's event subscriptions (reference §8).

Workfront does not sign deliveries: it sends back the `authToken` we registered, as
`Authorization: Bearer <token>` (or the bare token), and we compare it in constant time. The body
is stored with a dedupe key before we answer, so a 2xx means "kept"; applying it is the inbox
worker's job. Workfront needs an answer within 5 s, and this path does one insert.

What can be checked cheaply is checked before storing, so garbage is refused with a 400 and a
reason instead of being accepted and parked later: the body size, the JSON's nesting depth (a
Workfront state is a flat object with a few nested custom-field maps), the event type, a
parseable `eventTime` (events are ordered by it) and the shape of the states.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from mcc.config import Settings
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.workfront.mapping import parse_datetime
from mcc.logging import get_logger

log = get_logger(__name__)
router = APIRouter(tags=["webhooks"])
SOURCE = "workfront"
MAX_DEPTH = 16  # a real delivery nests 3-4 levels; the limit leaves room, not for bombs
# eventType and objCode are stored together as the event's kind (a 100-character column)
MAX_WORD = 40
INLINE_DECODE_BYTES = 32_768  # real deliveries are a few KB: decoded inline, larger ones off-loop


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _token_matches(header: str | None, expected: str) -> bool:
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


def _decode(body: bytes) -> tuple[Any, str | None]:
    """The parsed event and why it is refused (None: it may be stored)."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, "Body is not JSON"
    return payload, refusal(payload)


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None once it passes `limit` bytes (stop reading: don't buffer a flood)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            return None
    return bytes(body)


@router.post("/webhooks/workfront", status_code=202)
async def workfront_webhook(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    if not _token_matches(request.headers.get("authorization"), request.app.state.webhook_token):
        log.warning(
            "webhook.rejected", reason="bad token", client=getattr(request.client, "host", None)
        )
        return _error(401, "UNAUTHENTICATED", "Missing or wrong webhook token")
    body = await _read_limited(request, settings.webhook_max_bytes)
    if body is None:
        return _error(413, "TOO_LARGE", f"Body larger than {settings.webhook_max_bytes} bytes")
    if len(body) > INLINE_DECODE_BYTES:  # decoding a large body would stall every other request
        payload, reason = await anyio.to_thread.run_sync(_decode, body)
    else:
        payload, reason = _decode(body)
    if reason is not None:
        log.warning("webhook.refused", reason=reason)
        return _error(400, "MALFORMED", reason)
    state = payload.get("newState") or payload.get("oldState") or {}
    obj_code = state.get("objCode", "?") if isinstance(state, dict) else "?"
    database: Database = request.app.state.db
    async with database.write() as session:
        new = await InboxRepository(session).store(
            SOURCE, dedupe_key(payload), f"{obj_code}.{payload['eventType']}", payload
        )
    wake = getattr(request.app.state, "wake_inbox", None)
    if new and wake is not None:
        wake()
    return JSONResponse({"status": "accepted" if new else "duplicate"}, status_code=202)
