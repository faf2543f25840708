"""`POST /webhooks/<source>`: the generic door for a work-management system's event deliveries.

The system's rules (`mcc.integrations.backends.WEBHOOKS`) say whether the token matches, why a
body is refused, and what makes two deliveries the same event; this door reads the body within
its size limit, stores it with its dedupe key before answering, so a 2xx means "kept", and wakes
the inbox worker (`mcc.sync.inbound`), whose job applying it is; when that worker runs in this
process, the event is stored already claimed for it and handed over in memory. Workfront needs
an answer within 5 s, and this path does one insert.

Garbage is refused with a 400 and a reason instead of being accepted and parked later.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Protocol

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from mcc.config import Settings
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.backends import WEBHOOKS, WebhookRules
from mcc.logging import get_logger
from mcc.models.base import utcnow

log = get_logger(__name__)
router = APIRouter(tags=["webhooks"])


class InboxTaker(Protocol):
    """The inbox worker running in this process (`mcc.sync.inbound`), when there is one: the
    door stores an event already claimed for it and hands it over, so applying it needs no
    claim transaction and no trip through the queue."""

    @property
    def taking(self) -> bool: ...

    def take(self, event_id: uuid.UUID, payload: object) -> None: ...


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


async def read_limited(request: Request, limit: int) -> bytes | None:
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
    received_at = utcnow()
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
    body = await read_limited(request, settings.webhook_max_bytes)
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
    worker: InboxTaker | None = getattr(request.app.state, "inbox_takers", {}).get(rules.source)
    handed = worker is not None and worker.taking
    async with database.write_one() as session:  # one insert: one round trip on PostgreSQL
        event_id = await InboxRepository(session).store(
            rules.source, rules.dedupe_key(payload), rules.event_type(payload), payload,
            claimed=handed, received_at=received_at,
        )  # fmt: skip
    if event_id is not None and handed and worker is not None:
        worker.take(event_id, payload)
    elif event_id is not None:
        wake = getattr(request.app.state, "wake_inbox", None)
        if wake is not None:
            wake()
    return JSONResponse({"status": "accepted" if event_id else "duplicate"}, status_code=202)
