"""The emulator's ASGI factory and the ``serve`` entry point for ``mcc sandbox workfront``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import uvicorn
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mcc.sandbox.delivery import worker_lifespan
from mcc.sandbox.workfront import admin, api, browse, oauth, seed, subscriptions_api
from mcc.sandbox.workfront.auth import Auth
from mcc.sandbox.workfront.context import Emulator, emulator
from mcc.sandbox.workfront.delivery import DeliveryWorker
from mcc.sandbox.workfront.events import Publisher
from mcc.sandbox.workfront.faults import Faults
from mcc.sandbox.workfront.service import WorkfrontService
from mcc.sandbox.workfront.store import Store

#: The API key the emulator accepts unless told otherwise (public: a local emulator).
DEFAULT_API_KEY = "mcc-emulator-api-key"
#: A fixed non-UTC offset by default, so clients that drop offsets are caught.
DEFAULT_ZONE: tzinfo = timezone(timedelta(hours=-8), "UTC-08:00")
#: How much of each request body the request log keeps.
REQUEST_LOG_BODY = 4000


def create_workfront_emulator(
    db_path: str = ":memory:",
    *,
    api_key: str = DEFAULT_API_KEY,
    base_url: str | None = None,
    delivery: bool = True,
    faults: dict[str, Any] | None = None,
    session_ttl: float = 3600.0,
    zone: tzinfo = DEFAULT_ZONE,
    clock: Callable[[], datetime] | None = None,
) -> FastAPI:
    """Build one emulator: its own store (seeded when empty), routes and delivery worker.

    ``base_url`` is what ``Location`` headers point at (default: the request's own base).
    ``delivery=False`` queues event messages without sending them (inspect them through
    ``/__emulator__/deliveries``). ``faults`` sets initial fault switches (see
    :class:`~mcc.sandbox.workfront.faults.FaultSettings`). The worker runs only while the app's
    lifespan runs, i.e. under a server such as uvicorn. ``clock`` stamps every change (default:
    the wall clock; `mcc demo --pilot` shares its simulated clock).
    """
    store = Store(db_path)
    switches = Faults(faults)
    publisher = Publisher(store, switches, zone)
    service = WorkfrontService(store, zone=zone, on_changes=publisher.publish, clock=clock)
    seed.seed(service)
    emu = Emulator(
        store=store,
        service=service,
        auth=Auth(store, api_key=api_key, session_ttl=session_ttl),
        faults=switches,
        publisher=publisher,
        worker=DeliveryWorker(store, switches, publisher),
        zone=zone,
        base_url=base_url.rstrip("/") if base_url else None,
        deliver=delivery,
    )

    app = FastAPI(
        title="Workfront emulator",
        lifespan=worker_lifespan(emu.worker, delivery),
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.emulator = emu
    app.router.routes.extend(
        [
            *admin.routes,
            *oauth.routes,
            *subscriptions_api.routes,
            Route("/attask/{rest:path}", _logged, methods=["GET", "POST", "PUT", "DELETE"]),
            *browse.routes,
        ]
    )
    return app


async def _logged(request: Request) -> Response:
    """The API, with each call noted in the emulator's request log first."""
    method = request.query_params.get("method", request.method).upper()  # `?method=` override
    body = (await request.body())[:REQUEST_LOG_BODY].decode("utf-8", "replace")  # cached
    emulator(request).requests.append(
        {"at": datetime.now(UTC).isoformat(), "method": method, "path": request.url.path,
         "query": request.url.query, "body": body}
    )  # fmt: skip
    return await api.handle(request)


def serve_workfront_emulator(host: str, port: int, db_path: str) -> None:
    """Run the emulator under uvicorn until interrupted (``mcc sandbox workfront``)."""
    app = create_workfront_emulator(db_path)
    print(  # the CLI's user needs these to point a client at the emulator
        f"Workfront emulator on http://{host}:{port}/attask/api/v21.0 "
        f"(apiKey={DEFAULT_API_KEY}, login {seed.ADMIN_USERNAME} / {seed.ADMIN_PASSWORD})",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
