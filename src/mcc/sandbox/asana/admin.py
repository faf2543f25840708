"""Test and demo controls under ``/__emulator__`` (not part of Asana's API).

- ``GET  /__emulator__/health`` → ``{"ok": true}`` (readiness probe).
- ``GET  /__emulator__/info`` → the personal access token, the workspace, team and user gids,
  template gids, the OAuth client, the API base URL.
- ``GET|POST|DELETE /__emulator__/faults`` → read, partially update (400 on a bad switch), reset.
- ``POST /__emulator__/reset`` → empty the store, re-seed, healthy switches, wall clock.
- ``POST /__emulator__/clock`` ``{"advance_s": N}`` → move the emulator's clock forward (heartbeats,
  retries, the 24-hour deletion rule, token expiry).
- ``GET  /__emulator__/deliveries[?status=&webhook=]`` → every webhook POST queued or sent, with
  its body and attempt log.
- ``POST /__emulator__/deliveries/flush`` → release held (reordered) deliveries and send due ones.
- ``GET  /__emulator__/requests`` → every API call received since the last reset.
- ``POST /__emulator__/projects/{gid}/complete`` → what a person does in Asana: mark a project
  complete (a ``complete`` status update), which fires the project's webhooks.

Unauthenticated on purpose: the emulator binds to loopback and holds no real data.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcc.sandbox.asana import seed
from mcc.sandbox.asana.api_sections import add_status
from mcc.sandbox.asana.context import emulator
from mcc.sandbox.asana.errors import AsanaError
from mcc.sandbox.asana.http import PREFIX, error_response

ADMIN = "/__emulator__"


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def info(request: Request) -> Response:
    emu = emulator(request)
    base = str(request.base_url).rstrip("/")
    return JSONResponse({
        "token": emu.auth.token, "api": base + PREFIX, **seed.info(emu.service),
        "oauth": {"client_id": emu.auth.client_id, "client_secret": emu.auth.client_secret,
                  "authorize": f"{base}/-/oauth_authorize", "token": f"{base}/-/oauth_token"},
        "delivery": emu.deliver,
    })  # fmt: skip


async def faults(request: Request) -> Response:
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
    emu = emulator(request)
    emu.store.reset()
    emu.auth.reset()
    emu.faults.reset()
    emu.clock.reset()
    emu.requests.clear()
    seed.seed(emu.service)
    return JSONResponse({"ok": True})


async def clock(request: Request) -> Response:
    emu = emulator(request)
    try:
        body = json.loads(await request.body() or b"{}")
        seconds = float(body["advance_s"])
        if seconds < 0:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": 'send {"advance_s": seconds ≥ 0}'}, status_code=400)
    emu.clock.advance(seconds)
    emu.worker.wake()
    return JSONResponse({"now": emu.clock.now(), "offset_s": emu.clock.offset})


async def deliveries(request: Request) -> Response:
    emu = emulator(request)
    rows = emu.store.deliveries(status=request.query_params.get("status"),
                                webhook=request.query_params.get("webhook"))  # fmt: skip
    return JSONResponse({"deliveries": rows})


async def flush(request: Request) -> Response:
    emu = emulator(request)
    released = emu.publisher.release_held(force=True)
    emu.worker.wake()
    return JSONResponse({"released": released})


async def requests_log(request: Request) -> Response:
    return JSONResponse({"requests": list(emulator(request).requests)})


async def complete_project(request: Request) -> Response:
    """Mark a project complete as a person would (a ``complete`` status update)."""
    emu = emulator(request)
    service = emu.service
    user = emu.auth.owner()
    try:
        with service.unit(user):
            project = service.get(request.path_params["gid"], "project")
            add_status(service, project, "complete", user, "Project completed")
    except AsanaError as error:
        return error_response(error)
    return JSONResponse({"data": service.render.full(project)})


routes = [
    Route(f"{ADMIN}/health", health, methods=["GET"]),
    Route(f"{ADMIN}/info", info, methods=["GET"]),
    Route(f"{ADMIN}/faults", faults, methods=["GET", "POST", "DELETE"]),
    Route(f"{ADMIN}/reset", reset, methods=["POST"]),
    Route(f"{ADMIN}/clock", clock, methods=["POST"]),
    Route(f"{ADMIN}/deliveries", deliveries, methods=["GET"]),
    Route(f"{ADMIN}/deliveries/flush", flush, methods=["POST"]),
    Route(f"{ADMIN}/requests", requests_log, methods=["GET"]),
    Route(f"{ADMIN}/projects/{{gid}}/complete", complete_project, methods=["POST"]),
]
