"""Test and demo controls under ``/__emulator__`` (not part of Workfront's API).

- ``GET  /__emulator__/health`` → ``{"ok": true}`` (readiness probe for fixtures).
- ``GET  /__emulator__/info`` → API key, admin credentials, template IDs.
- ``GET|POST|DELETE /__emulator__/faults`` → read, partially update, or reset fault switches.
- ``POST /__emulator__/reset`` → empty the store, re-seed, reset faults and sessions.
- ``GET  /__emulator__/deliveries[?status=&subscription_id=]`` → every queued/sent message,
  with its payload and attempt log.
- ``POST /__emulator__/deliveries/flush`` → release held (reordered) messages and send due ones.
- ``GET  /__emulator__/requests`` → every API call received since the last
  reset (method, path, query, the start of its body).

Unauthenticated on purpose: the emulator binds to loopback and holds no real data.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcc.sandbox.workfront import seed
from mcc.sandbox.workfront.context import emulator

PREFIX = "/__emulator__"


async def health(request: Request) -> Response:
    """Readiness: answers once the app serves requests."""
    return JSONResponse({"ok": True})


async def info(request: Request) -> Response:
    """Credentials and seeded IDs a demo or test needs."""
    emu = emulator(request)
    templates = {t["name"]: t["ID"] for t in emu.store.list_objects("TMPL")}
    return JSONResponse(
        {
            "apiKey": emu.auth.api_key,
            "username": seed.ADMIN_USERNAME,
            "password": seed.ADMIN_PASSWORD,
            "adminUserID": seed.admin_id(),
            "templates": templates,
            "delivery": emu.deliver,
        }
    )


async def faults(request: Request) -> Response:
    """GET: current switches; POST: partial update (400 on a bad name/value); DELETE: reset."""
    emu = emulator(request)
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


async def reset(request: Request) -> Response:
    """Back to a freshly seeded emulator with healthy switches."""
    emu = emulator(request)
    emu.store.reset()
    emu.auth.reset()
    emu.faults.reset()
    emu.requests.clear()
    seed.seed(emu.service)
    return JSONResponse({"ok": True})


async def requests_log(request: Request) -> Response:
    """The request log, oldest first."""
    return JSONResponse({"requests": list(emulator(request).requests)})


async def deliveries(request: Request) -> Response:
    """The delivery log, oldest first."""
    emu = emulator(request)
    rows = emu.store.deliveries(status=request.query_params.get("status"))
    wanted = request.query_params.get("subscription_id")
    if wanted:
        rows = [row for row in rows if row["subscription_id"] == wanted]
    return JSONResponse({"deliveries": rows})


async def flush(request: Request) -> Response:
    """Release held messages now and wake the worker."""
    emu = emulator(request)
    released = emu.publisher.release_held(force=True)
    emu.worker.wake()
    return JSONResponse({"released": released})


routes = [
    Route(f"{PREFIX}/health", health, methods=["GET"]),
    Route(f"{PREFIX}/info", info, methods=["GET"]),
    Route(f"{PREFIX}/faults", faults, methods=["GET", "POST", "DELETE"]),
    Route(f"{PREFIX}/reset", reset, methods=["POST"]),
    Route(f"{PREFIX}/deliveries", deliveries, methods=["GET"]),
    Route(f"{PREFIX}/deliveries/flush", flush, methods=["POST"]),
    Route(f"{PREFIX}/requests", requests_log, methods=["GET"]),
]
