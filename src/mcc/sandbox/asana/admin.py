"""Asana's own controls under ``/__emulator__`` (not part of Asana's API).

The shared ones (health, faults, reset, flush, requests) are in :mod:`mcc.sandbox.admin`; here:

- ``GET  /__emulator__/info`` → the personal access token, the workspace, team and user gids,
  template gids, the OAuth client, the API base URL.
- ``POST /__emulator__/reset`` also empties the store, re-seeds it and puts back the wall clock.
- ``POST /__emulator__/clock`` ``{"advance_s": N}`` → move the emulator's clock forward (heartbeats,
  retries, the 24-hour deletion rule, token expiry).
- ``GET  /__emulator__/deliveries[?status=&webhook=]`` → every webhook POST queued or sent, with
  its body and attempt log.
- ``POST /__emulator__/projects/{gid}/complete`` → what a person does in Asana: mark a project
  complete (a ``complete`` status update), which fires the project's webhooks.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcc.sandbox.admin import PREFIX as ADMIN
from mcc.sandbox.admin import control_routes
from mcc.sandbox.asana import seed
from mcc.sandbox.asana.api_sections import add_status
from mcc.sandbox.asana.context import Emulator, emulator
from mcc.sandbox.asana.errors import AsanaError
from mcc.sandbox.asana.http import PREFIX, error_response


async def info(request: Request) -> Response:
    emu = emulator(request)
    base = str(request.base_url).rstrip("/")
    return JSONResponse({
        "token": emu.auth.token, "api": base + PREFIX, **seed.info(emu.service),
        "oauth": {"client_id": emu.auth.client_id, "client_secret": emu.auth.client_secret,
                  "authorize": f"{base}/-/oauth_authorize", "token": f"{base}/-/oauth_token"},
        "delivery": emu.deliver,
    })  # fmt: skip


def reset(emu: Emulator) -> None:
    """A freshly seeded store, no sessions, the wall clock."""
    emu.store.reset()
    emu.auth.reset()
    emu.clock.reset()
    seed.seed(emu.service)


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


routes = control_routes(
    info=info, reset=reset, deliveries=deliveries,
    extra=[
        Route(f"{ADMIN}/clock", clock, methods=["POST"]),
        Route(f"{ADMIN}/projects/{{gid}}/complete", complete_project, methods=["POST"]),
    ],
)  # fmt: skip
