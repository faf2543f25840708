"""Refuse malformed JSON bodies before they reach a route, with a 400 and a message.

Strawberry and our JSON routes assume a JSON object; a body of `null`, invalid UTF-8 or 100,000
nested brackets made them raise (a 500). This middleware reads the body of JSON requests to the
listed paths once, checks it parses to an object (or a list, for GraphQL), and replays it.
"""

from __future__ import annotations

import json

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What each path accepts at the top level (other JSON routes parse and judge bodies themselves).
JSON_PATHS: dict[str, tuple[type, ...]] = {"/graphql": (dict,)}
MAX_JSON_BYTES = 2 * 1024 * 1024


def _refuse(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": "MALFORMED", "message": message}}, status_code=status)


class JsonBodyGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        allowed = JSON_PATHS.get(scope.get("path", "")) if scope["type"] == "http" else None
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if allowed is None or scope["method"] != "POST" or "json" not in content_type:
            await self.app(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
            if len(body) > MAX_JSON_BYTES:
                await _refuse(413, f"Body larger than {MAX_JSON_BYTES} bytes")(scope, receive, send)
                return
        try:
            parsed = json.loads(bytes(body))
        except (ValueError, RecursionError, UnicodeDecodeError):
            await _refuse(400, "Body is not valid JSON")(scope, receive, send)
            return
        if not isinstance(parsed, allowed):
            await _refuse(400, "Body must be a JSON object")(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
