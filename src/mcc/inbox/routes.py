"""`POST /webhooks/<source>`: the generic door for a work-management system's event deliveries.

The system's rules (`mcc.integrations.backends.WEBHOOKS`) say whether the token matches, why a
body is refused, and what makes two deliveries the same event; this door reads the body within
its size limit, stores it with its dedupe key before answering, so a 2xx means "kept", and wakes
the inbox worker (`mcc.sync.inbound`), whose job applying it is. Workfront needs an answer
within 5 s, and this path does one insert.

Garbage is refused with a 400 and a reason instead of being accepted and parked later.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from mcc.config import Settings
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.backends import WEBHOOKS, WebhookRules
from mcc.logging import get_logger

log = get_logger(__name__)
router = APIRouter(tags=["webhooks"])
INLINE_DECODE_BYTES = 32_768  # real deliveries are a few KB: decoded inline, larger ones off-loop


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _decode(rules: WebhookRules, body: bytes) -> tuple[Any, str | None]:
    """The parsed event and why it is refused (None: it may be stored)."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, "Body is not JSON"
    return payload, rules.refusal(payload)


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


@router.post("/webhooks/{source}", status_code=202)
async def receive_webhook(source: str, request: Request) -> JSONResponse:
    rules = WEBHOOKS.get(source)
    if rules is None:
        return _error(404, "NOT_FOUND", f"No webhook for {source!r}")
    settings: Settings = request.app.state.settings
    if not rules.token_matches(
        request.headers.get("authorization"), request.app.state.webhook_token
    ):
        log.warning(
            "webhook.rejected", reason="bad token", client=getattr(request.client, "host", None)
        )
        return _error(401, "UNAUTHENTICATED", "Missing or wrong webhook token")
    body = await _read_limited(request, settings.webhook_max_bytes)
    if body is None:
        return _error(413, "TOO_LARGE", f"Body larger than {settings.webhook_max_bytes} bytes")
    if len(body) > INLINE_DECODE_BYTES:  # decoding a large body would stall every other request
        payload, reason = await anyio.to_thread.run_sync(_decode, rules, body)
    else:
        payload, reason = _decode(rules, body)
    if reason is not None:
        log.warning("webhook.refused", reason=reason)
        return _error(400, "MALFORMED", reason)
    database: Database = request.app.state.db
    async with database.write() as session:
        new = await InboxRepository(session).store(
            rules.source, rules.dedupe_key(payload), rules.event_type(payload), payload
        )
    wake = getattr(request.app.state, "wake_inbox", None)
    if new and wake is not None:
        wake()
    return JSONResponse({"status": "accepted" if new else "duplicate"}, status_code=202)
