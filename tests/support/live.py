"""Run ASGI apps over real HTTP on loopback for tests, and poll with deadlines."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

T = TypeVar("T")


class LiveServer:
    """An ASGI app served by uvicorn in a thread on a free 127.0.0.1 port."""

    def __init__(self, app: Any) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def start(self, timeout: float = 10.0) -> LiveServer:
        """Start and wait until uvicorn reports it is serving (deadline, no fixed sleep)."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"server on {self.url} did not start")
            time.sleep(0.005)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to exit (runs the lifespan shutdown) and join its thread."""
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()


async def eventually(
    probe: Callable[[], T | None], *, timeout: float = 5.0, message: str = "condition"
) -> T:
    """Poll a synchronous ``probe`` until it returns something truthy, or fail at the deadline."""

    async def wrapped() -> T | None:
        return probe()

    return await eventually_async(wrapped, timeout=timeout, message=message)


async def eventually_async(
    probe: Callable[[], Awaitable[T | None]], *, timeout: float = 5.0, message: str = "condition"
) -> T:
    """Poll an async ``probe`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        await asyncio.sleep(0.01)


class Receiver:
    """A webhook endpoint that records every delivery; can be told to fail."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.fail_next = 0
        self.fail_status = 500
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> Response:
        body = await request.json()
        with self._lock:
            failing = self.fail_next > 0
            if failing:
                self.fail_next -= 1
            self.calls.append({"headers": dict(request.headers), "body": body, "failed": failing})
        if failing:
            return JSONResponse({"ok": False}, status_code=self.fail_status)
        return JSONResponse({"ok": True}, status_code=202)

    def accepted(self) -> list[dict[str, Any]]:
        """Deliveries answered with 2xx, in arrival order."""
        with self._lock:
            return [call["body"] for call in self.calls if not call["failed"]]

    def reset(self) -> None:
        """Forget calls and failure settings."""
        with self._lock:
            self.calls.clear()
            self.fail_next = 0
            self.fail_status = 500
