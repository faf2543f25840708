"""`POST /webhooks/asana`: Asana's handshake and signed deliveries (reference §6).

Asana does not send back a token we chose (the generic door's check, `mcc.inbox.routes`): it
sends a secret once, in the handshake that happens while our `POST /webhooks` is still open, and
signs every later delivery with it. So this door:

- *handshake* (`X-Hook-Secret`, no body): accepted only for a hook id this server minted for a
  webhook it is creating (`?hook=` in the target, see `integrations.asana.webhook`), fresh and
  not yet established; the secret is stored encrypted (`SecretBox`) under the hook id and echoed
  back. Anything else gets a 403 and stores nothing.
- *delivery*: the raw body (within `MCC_WEBHOOK_MAX_BYTES`) must carry a valid
  `X-Hook-Signature` (HMAC-SHA256 with that hook's secret, compared in constant time) or it is
  refused with 401 before it is parsed; then it must be a well-formed events array (400 with the
  reason otherwise). A heartbeat (no events) is answered 200. Each project or task event is
  stored once (dedupe key) and handed to the inbox worker, like any other delivery; the worker
  fetches the object's state (`AsanaAdapter.resolve_event`).
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from mcc.auth.crypto import load_secret_key
from mcc.config import Settings
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.inbox.routes import INLINE_DECODE_BYTES, InboxTaker, read_limited
from mcc.integrations.asana import webhook
from mcc.logging import get_logger
from mcc.models.base import utcnow
from mcc.sync.repository import SyncRepository
from mcc.sync.secrets import SecretBox

log = get_logger(__name__)
router = APIRouter(tags=["webhooks"])
SECRET_PREFIX = "asana.webhook."  # noqa: S105 - a row key prefix, not a secret


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _box(request: Request) -> SecretBox:
    box: SecretBox | None = getattr(request.app.state, "asana_secret_box", None)
    if box is None:
        box = SecretBox(load_secret_key(request.app.state.settings))
        request.app.state.asana_secret_box = box
    return box


def _cache(request: Request) -> dict[str, str]:
    cache: dict[str, str] | None = getattr(request.app.state, "asana_hook_secrets", None)
    if cache is None:
        cache = {}
        request.app.state.asana_hook_secrets = cache
    return cache


async def _secret(request: Request, key: str) -> str | None:
    """The hook's secret: from this process's cache, else the database (then cached)."""
    cache = _cache(request)
    if key in cache:
        return cache[key]
    database: Database = request.app.state.db
    async with database.read() as session:
        row = await SyncRepository(session).get_secret(SECRET_PREFIX + key)
        ciphertext = None if row is None else row.ciphertext
    secret = None if ciphertext is None else _box(request).open(ciphertext)
    if secret is not None:
        cache[key] = secret
    return secret


async def _handshake(request: Request, key: str | None, secret: str) -> JSONResponse:
    if key is None or not webhook.handshake_fresh(key):
        log.warning("webhook.asana.handshake_refused", reason="not a webhook we are creating")
        return _error(403, "FORBIDDEN", "Handshake refused: this server did not request it")
    if not webhook.secret_looks_valid(secret):
        return _error(400, "MALFORMED", "X-Hook-Secret is not a valid secret")
    database: Database = request.app.state.db
    sealed = _box(request).seal(secret)
    async with database.write() as session:
        repository = SyncRepository(session)
        if await repository.get_secret(SECRET_PREFIX + key) is not None:
            established = True
        else:
            established = False
            await repository.put_secret(SECRET_PREFIX + key, sealed, "")
    if established:  # a second handshake would let someone replace the secret
        log.warning("webhook.asana.handshake_refused", reason="already established")
        return _error(403, "FORBIDDEN", "Handshake refused: this webhook is established")
    _cache(request)[key] = secret
    log.info("webhook.asana.established", hook=key)
    return JSONResponse({}, status_code=200, headers={"X-Hook-Secret": secret})


def _decode(body: bytes) -> tuple[Any, str | None]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, "Body is not JSON"
    return payload, webhook.refusal(payload)


@router.post("/webhooks/asana")
async def receive_asana(request: Request, hook: str | None = None) -> JSONResponse:
    received_at = utcnow()
    settings: Settings = request.app.state.settings
    key = webhook.hook_key(hook, request.app.state.webhook_token)
    handshake = request.headers.get("x-hook-secret")
    if handshake is not None:
        return await _handshake(request, key, handshake)
    signature = request.headers.get("x-hook-signature")
    if key is None or not signature:
        log.warning("webhook.rejected", source="asana", reason="unknown hook or no signature")
        return _error(401, "UNAUTHENTICATED", "Missing signature or unknown webhook")
    body = await read_limited(request, settings.webhook_max_bytes)
    if body is None:
        return _error(413, "TOO_LARGE", f"Body larger than {settings.webhook_max_bytes} bytes")
    secret = await _secret(request, key)
    if secret is None or not webhook.signature_matches(secret, body, signature):
        log.warning("webhook.rejected", source="asana", reason="bad signature")
        return _error(401, "UNAUTHENTICATED", "Wrong signature")
    if len(body) > INLINE_DECODE_BYTES:  # decoding a large body would stall other requests
        payload, reason = await anyio.to_thread.run_sync(_decode, body)
    else:
        payload, reason = _decode(body)
    if reason is not None:
        log.warning("webhook.refused", source="asana", reason=reason)
        return _error(400, "MALFORMED", reason)
    events = webhook.kept_events(payload)
    if not events:  # a heartbeat, or only events the sync does not use
        return JSONResponse({"status": "ok", "stored": 0}, status_code=200)
    worker: InboxTaker | None = getattr(request.app.state, "inbox_takers", {}).get(webhook.SOURCE)
    handed = worker is not None and worker.taking
    stored: list[tuple[Any, dict[str, Any]]] = []
    database: Database = request.app.state.db
    async with database.write() as session:
        inbox = InboxRepository(session)
        for event in events:
            event_id = await inbox.store(
                webhook.SOURCE, webhook.dedupe_key(event), webhook.event_type(event), event,
                claimed=handed, received_at=received_at,
            )  # fmt: skip
            if event_id is not None:
                stored.append((event_id, event))
    if stored and handed and worker is not None:
        for event_id, event in stored:
            worker.take(event_id, event)
    elif stored and (wake := getattr(request.app.state, "wake_inbox", None)) is not None:
        wake()
    return JSONResponse({"status": "ok", "stored": len(stored)}, status_code=200)
