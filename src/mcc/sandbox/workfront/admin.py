"""Workfront's own controls under ``/__emulator__`` (not part of Workfront's API).

The shared ones (health, faults, reset, flush, requests) are in :mod:`mcc.sandbox.admin`; here:

- ``GET  /__emulator__/info`` → API key, admin credentials, template IDs.
- ``POST /__emulator__/reset`` also empties the store, re-seeds it and forgets sessions.
- ``GET  /__emulator__/deliveries[?status=&subscription_id=]`` → every queued/sent message,
  with its payload and attempt log.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mcc.sandbox.admin import control_routes
from mcc.sandbox.workfront import seed
from mcc.sandbox.workfront.context import Emulator, emulator


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


def reset(emu: Emulator) -> None:
    """A freshly seeded store and no sessions."""
    emu.store.reset()
    emu.auth.reset()
    seed.seed(emu.service)


async def deliveries(request: Request) -> Response:
    """The delivery log, oldest first."""
    emu = emulator(request)
    rows = emu.store.deliveries(status=request.query_params.get("status"))
    wanted = request.query_params.get("subscription_id")
    if wanted:
        rows = [row for row in rows if row["subscription_id"] == wanted]
    return JSONResponse({"deliveries": rows})


routes = control_routes(info=info, reset=reset, deliveries=deliveries)
