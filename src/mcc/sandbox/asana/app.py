"""The Asana emulator's ASGI factory and the ``serve`` entry point for ``mcc sandbox asana``."""

from __future__ import annotations

import sys
from typing import Any

import uvicorn
from starlette.applications import Starlette

from mcc.sandbox.asana import (
    admin,
    api_links,
    api_org,
    api_projects,
    api_sections,
    api_tasks,
    api_templates,
    api_webhooks,
    browse,
    http,
    oauth,
    seed,
)
from mcc.sandbox.asana.auth import Auth
from mcc.sandbox.asana.context import Emulator
from mcc.sandbox.asana.delivery import DeliveryWorker
from mcc.sandbox.asana.events import Publisher
from mcc.sandbox.asana.faults import Clock, Faults
from mcc.sandbox.asana.service import AsanaService
from mcc.sandbox.asana.store import Store
from mcc.sandbox.delivery import worker_lifespan

#: The personal access token the emulator accepts (public: a local emulator).
DEFAULT_TOKEN = "mcc-asana-emulator-pat"  # noqa: S105
OAUTH_CLIENT_ID = "mcc-asana-client"
OAUTH_CLIENT_SECRET = "mcc-asana-client-secret"  # noqa: S105


def create_asana_emulator(
    db_path: str = ":memory:",
    *,
    token: str = DEFAULT_TOKEN,
    delivery: bool = True,
    faults: dict[str, Any] | None = None,
) -> Starlette:
    """Build one emulator: its own store (seeded when empty), routes and delivery worker.

    ``delivery=False`` queues webhook POSTs without sending them (inspect them through
    ``/__emulator__/deliveries``); the handshake still runs, inside ``POST /webhooks``.
    ``faults`` sets initial switches (:class:`~mcc.sandbox.asana.faults.FaultSettings`). The
    worker runs only while the app's lifespan runs, i.e. under a server such as uvicorn.
    """
    store = Store(db_path)
    switches = Faults(faults)
    clock = Clock()
    service = AsanaService(store, clock)
    publisher = Publisher(store, switches, clock)
    service.on_events = publisher.publish
    seed.seed(service)
    emu = Emulator(
        store=store,
        service=service,
        auth=Auth(
            store, clock, token=token, client_id=OAUTH_CLIENT_ID, client_secret=OAUTH_CLIENT_SECRET
        ),
        faults=switches,
        clock=clock,
        publisher=publisher,
        worker=DeliveryWorker(store, switches, publisher),
        deliver=delivery,
    )

    routes = [
        *admin.routes, *oauth.routes, *api_org.routes, *api_projects.routes,
        *api_sections.routes, *api_tasks.routes, *api_links.routes, *api_templates.routes,
        *api_webhooks.routes, *http.fallback(), *browse.routes,
    ]  # fmt: skip
    app = Starlette(routes=routes, lifespan=worker_lifespan(emu.worker, delivery))
    app.state.emulator = emu
    return app


def serve_asana_emulator(host: str, port: int, db_path: str) -> None:
    """Run the emulator under uvicorn until interrupted (``mcc sandbox asana``)."""
    app = create_asana_emulator(db_path)
    print(  # the CLI's user needs these to point a client at the emulator
        f"Asana emulator on http://{host}:{port}/api/1.0 (token {DEFAULT_TOKEN}; workspace and "
        f"team gids at http://{host}:{port}/__emulator__/info; projects at http://{host}:{port}/)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
