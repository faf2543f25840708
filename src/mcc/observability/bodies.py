"""Refuse malformed or oversized bodies before they reach a route, with a 4xx and a message.

Strawberry and our JSON routes assume a JSON object; a body of `null`, invalid UTF-8 or 100,000
nested brackets made them raise (a 500). This middleware reads the body of JSON requests to the
listed paths once, checks it parses to an object (or a list, for GraphQL), and replays it.

A compressed body (`Content-Encoding: gzip`, ...) is refused with a 415: nothing here inflates
one, so a gzipped form was parsed as no fields at all and an edit answered "Saved." having saved
nothing, and a gzipped chat message read as invalid UTF-8.

Urlencoded form bodies are capped too (`FORM_BODY_MAX`, shared with the CSRF check that reads
forms first): form parsing has no size limit of its own, so a huge form would be parsed whole.
"""

from __future__ import annotations

import json
from html import escape

from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What each path accepts at the top level; None: only the size is checked here, because the
# route judges the shape itself (the chat stream answers a malformed body with its own 422).
# Every JSON route must be listed: an unlisted one reads a body of any size into memory and
# parses it on the event loop (200 MB to the chat stream froze /healthz for 5 s, +600 MB RSS).
JSON_PATHS: dict[str, tuple[type, ...] | None] = {"/graphql": (dict,), "/api/chat/stream": None}
MAX_JSON_BYTES = 2 * 1024 * 1024
FORM_BODY_MAX = 1024 * 1024
FORM_TOO_LARGE = f"Form body larger than {FORM_BODY_MAX:,} bytes"
FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
# Room for the form's other fields and part headers beside the one document it carries.
MULTIPART_OVERHEAD = 1024 * 1024
DEFAULT_DOCUMENT_MAX = 20 * 1024 * 1024
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _refuse(status: int, message: str, code: str = "MALFORMED") -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _too_large(scope: Scope, message: str) -> Response:
    """413; a page for a browser's own form post (sign-in, upload), which would show raw JSON."""
    headers = dict(scope.get("headers") or [])
    browser = b"text/html" in headers.get(b"accept", b"") and b"hx-request" not in headers
    if browser and not str(scope.get("path", "")).startswith(("/api/", "/graphql")):
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title>'
            f"</head><body><h1>Too large</h1><p>{escape(message)}</p>"
            '<p><a href="/">Back to the dashboard</a></p></body></html>'
        )
        return HTMLResponse(page, status_code=413)
    return _refuse(413, message, "TOO_LARGE")


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The body, or None once it passes `limit` bytes (the rest is never read)."""
    body = bytearray()
    more = True
    while more:
        message = await receive()
        body.extend(message.get("body", b""))
        more = message.get("more_body", False)
        if len(body) > limit:
            return None
    return bytes(body)


def replay_body(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the already-read `body` to the app, then defers to the original."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _declared_length(headers: dict[bytes, bytes]) -> int:
    try:
        return int(headers.get(b"content-length", b"0"))
    except ValueError:
        return 0


class JsonBodyGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        encoding = headers.get(b"content-encoding", b"identity").decode("latin-1").strip()
        if encoding.lower() not in ("", "identity"):
            message = (
                f"Compressed request bodies (Content-Encoding: {encoding[:40]}) are not accepted: "
                "send the body uncompressed"
            )
            await _refuse(415, message, "UNSUPPORTED_ENCODING")(scope, receive, send)
            return
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if content_type.startswith(FORM_TYPE):
            await self._form(scope, receive, send, headers)
            return
        if content_type.startswith(MULTIPART_TYPE):
            await self._multipart(scope, receive, send, headers)
            return
        path = scope.get("path", "")
        # Every JSON body is bounded (a 200 MB POST /api/campaigns was parsed whole); webhooks
        # keep their own, configurable limit.
        if "json" not in content_type or path.startswith("/webhooks/"):
            await self.app(scope, receive, send)
            return
        body = await _read(receive, MAX_JSON_BYTES)
        if body is None:
            too_large = _refuse(413, f"Body larger than {MAX_JSON_BYTES:,} bytes", "TOO_LARGE")
            await too_large(scope, receive, send)
            return
        allowed = JSON_PATHS.get(path) if scope["method"] == "POST" else None
        if allowed is None:
            await self.app(scope, replay_body(body, receive), send)
            return
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError, UnicodeDecodeError):
            await _refuse(400, "Body is not valid JSON")(scope, receive, send)
            return
        if not isinstance(parsed, allowed):
            await _refuse(400, "Body must be a JSON object")(scope, receive, send)
            return
        await self.app(scope, replay_body(body, receive), send)

    async def _form(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes]
    ) -> None:
        too_large = _too_large(scope, FORM_TOO_LARGE)
        if _declared_length(headers) > FORM_BODY_MAX:
            await too_large(scope, receive, send)
            return
        body = await _read(receive, FORM_BODY_MAX)
        if body is None:
            await too_large(scope, receive, send)
            return
        await self.app(scope, replay_body(body, receive), send)

    async def _multipart(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes]
    ) -> None:
        """Multipart bodies carry one document at most (`MCC_KNOWLEDGE_MAX_BYTES`). Without this
        cap a form was spooled to disk whole before any route looked at it: 200 MB in an unmapped
        part of a GraphQL upload was accepted after 7 s. The body is counted as it streams (not
        buffered); a declared length over the cap is refused before reading anything."""
        settings = getattr(getattr(scope.get("app"), "state", None), "settings", None)
        limit = getattr(settings, "knowledge_max_bytes", DEFAULT_DOCUMENT_MAX) + MULTIPART_OVERHEAD
        too_large = _too_large(scope, f"Upload larger than {limit:,} bytes")
        if _declared_length(headers) > limit:
            await too_large(scope, receive, send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _BodyTooLarge:
            if started:
                raise
            await too_large(scope, receive, send)


class _BodyTooLarge(Exception):
    """Raised from `receive` once a streamed body passes its cap (no length was declared)."""
