"""Open streams (SSE, GraphQL WebSockets) end when their credential stops being valid.

A request is checked once, but a stream lives for hours: without this, a signed-out browser, a
revoked token or a deactivated user would keep receiving campaign data. `AuthMiddleware` runs
every stream under `guard_stream`, which re-resolves the credential every
`MCC_STREAM_RECHECK_SECONDS` and at once when this process signs someone out or revokes a token
(`Revocations.notify`). Changes made by another process (`mcc users deactivate`, `mcc tokens
revoke`) are seen at the next periodic check.

Cutting off is done at the ASGI level, the same way for both kinds: the client is sent the end of
the stream (an empty final body chunk, or a WebSocket close with code 4401), and the application
is told the client left (`http.disconnect` / `websocket.disconnect`), which is how it already
cleans up its subscriptions; anything it sends afterwards is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mcc.logging import get_logger

log = get_logger(__name__)
REVOKED_CLOSE_CODE = 4401  # WebSocket close: the credential was revoked (4000-4999: app-defined)


class Revocations:
    """An in-process "some credential was revoked" signal that wakes every stream's check."""

    def __init__(self) -> None:
        self._changed = asyncio.Event()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()  # later waiters wait for the next revocation

    async def wait(self) -> None:
        await self._changed.wait()


async def guard_stream(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    still_valid: Callable[[], Awaitable[bool]],
    revocations: Revocations,
    interval: float,
) -> None:
    """Run `app` for one stream until it ends or `still_valid()` says the credential is gone."""
    revoked = asyncio.Event()
    started = finished = False  # response begun / ended (HTTP), connection accepted / closed

    async def guarded_receive() -> Message:
        if revoked.is_set():
            return _left(scope)
        waiter = asyncio.ensure_future(receive())
        stop = asyncio.ensure_future(revoked.wait())
        done, _ = await asyncio.wait({waiter, stop}, return_when=asyncio.FIRST_COMPLETED)
        if waiter in done:
            stop.cancel()
            return waiter.result()
        waiter.cancel()
        return _left(scope)

    async def guarded_send(message: Message) -> None:
        nonlocal started, finished
        if revoked.is_set():
            return  # cut off: not one more event reaches the client
        kind = message["type"]
        started = started or kind in ("http.response.start", "websocket.accept")
        finished = (
            finished
            or kind == "websocket.close"
            or (kind == "http.response.body" and not message.get("more_body", False))
        )
        await send(message)

    async def watch() -> None:
        while True:
            wake = asyncio.ensure_future(revocations.wait())
            try:
                await asyncio.wait({wake}, timeout=interval)
            finally:
                wake.cancel()
            try:
                valid = await still_valid()
            except Exception:
                log.warning("auth.stream_recheck_failed", path=scope.get("path"), exc_info=True)
                valid = False
            if not valid:
                revoked.set()
                log.info("auth.stream_cut", path=scope.get("path"), kind=scope["type"])
                return

    watcher = asyncio.create_task(watch(), name="mcc-stream-guard")
    try:
        await app(scope, guarded_receive, guarded_send)
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
    if revoked.is_set() and not finished:
        await _end(scope, send, started)


def _left(scope: Scope) -> Message:
    if scope["type"] == "websocket":
        return {"type": "websocket.disconnect", "code": REVOKED_CLOSE_CODE}
    return {"type": "http.disconnect"}


async def _end(scope: Scope, send: Send, started: bool) -> None:
    """Tell the client the stream is over: a close frame, or the end of the chunked body."""
    message: dict[str, Any]
    if scope["type"] == "websocket":
        message = {"type": "websocket.close", "code": REVOKED_CLOSE_CODE,
                   "reason": "credential revoked"}  # fmt: skip
    elif started:
        message = {"type": "http.response.body", "body": b"", "more_body": False}
    else:
        return
    try:
        await send(message)
    except Exception:
        log.debug("auth.stream_end_failed", path=scope.get("path"))
