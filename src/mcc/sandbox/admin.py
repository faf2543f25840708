"""The ``/__emulator__`` test and demo controls every work-management emulator shares.

- ``GET  /__emulator__/health`` → ``{"ok": true}`` (readiness probe for fixtures).
- ``GET|POST|DELETE /__emulator__/faults`` → read, partially update (400 naming the bad switch,
  nothing changed), or reset the fault switches.
- ``POST /__emulator__/reset`` → healthy switches, an empty request log, then the backend's own
  reset (its store emptied and re-seeded, its sessions forgotten...).
- ``POST /__emulator__/deliveries/flush`` → release held (reordered) deliveries and send due ones.
- ``GET  /__emulator__/requests`` → every API call received since the last reset.

Each backend adds its ``info``, its ``deliveries`` listing (filtered by its own columns) and any
controls of its own. Unauthenticated on purpose: an emulator binds to loopback and holds no
real data.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from mcc.sandbox.delivery import WebhookQueue, WebhookWorker
from mcc.sandbox.faults import FaultSwitches

PREFIX = "/__emulator__"
Endpoint = Callable[[Request], Awaitable[Response]]


class Controlled(Protocol):
    """What the shared controls touch on an emulator (each backend's ``Emulator``)."""

    @property
    def faults(self) -> FaultSwitches[Any]: ...

    @property
    def publisher(self) -> WebhookQueue[Any]: ...

    @property
    def worker(self) -> WebhookWorker[Any]: ...

    @property
    def requests(self) -> deque[dict[str, str]]: ...


def _emulator(request: Request) -> Controlled:
    found: Controlled = request.app.state.emulator
    return found


async def health(request: Request) -> Response:
    """Readiness: answers once the app serves requests."""
    return JSONResponse({"ok": True})


async def faults(request: Request) -> Response:
    """GET: current switches; POST: partial update (400 on a bad name/value); DELETE: reset."""
    emu = _emulator(request)
    if request.method == "DELETE":
        emu.faults.reset()
    elif request.method == "POST":
        try:
            changes = json.loads(await request.body() or b"{}")
            if not isinstance(changes, dict):
                raise ValueError("send a JSON object of switches")
            emu.faults.update(changes)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        emu.worker.wake()
    return JSONResponse(emu.faults.snapshot())


async def flush(request: Request) -> Response:
    """Release held deliveries now and wake the worker."""
    emu = _emulator(request)
    released = emu.publisher.release_held(force=True)
    emu.worker.wake()
    return JSONResponse({"released": released})


async def requests_log(request: Request) -> Response:
    """The request log, oldest first."""
    return JSONResponse({"requests": list(_emulator(request).requests)})


def control_routes(
    *, info: Endpoint, reset: Callable[[Any], None], deliveries: Endpoint,
    extra: Sequence[BaseRoute] = (),
) -> list[BaseRoute]:  # fmt: skip
    """The shared controls plus a backend's: ``reset(emulator)`` empties and re-seeds its own
    parts after the shared ones are healthy again."""

    async def reset_endpoint(request: Request) -> Response:
        """Back to a freshly seeded emulator with healthy switches."""
        emu = _emulator(request)
        emu.faults.reset()
        emu.requests.clear()
        reset(emu)
        return JSONResponse({"ok": True})

    return [
        Route(f"{PREFIX}/health", health, methods=["GET"]),
        Route(f"{PREFIX}/info", info, methods=["GET"]),
        Route(f"{PREFIX}/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route(f"{PREFIX}/reset", reset_endpoint, methods=["POST"]),
        Route(f"{PREFIX}/deliveries", deliveries, methods=["GET"]),
        Route(f"{PREFIX}/deliveries/flush", flush, methods=["POST"]),
        Route(f"{PREFIX}/requests", requests_log, methods=["GET"]),
        *extra,
    ]
