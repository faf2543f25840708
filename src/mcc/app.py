"""`create_app()`: the FastAPI application with its typed lifespan.

The lifespan owns process-wide resources (the database engine; later HTTP clients and workers).
Tests pass their own `Database` (bound to a rolled-back transaction) instead of a URL.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CollectorRegistry
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection

from mcc import __version__
from mcc.agent.routes import router as agent_router
from mcc.auth.cookies import AuthConfig
from mcc.auth.deps import get_current_user as get_user
from mcc.auth.middleware import AuthMiddleware
from mcc.briefs.routes import router as briefs_router
from mcc.campaigns.routes import router as campaigns_router
from mcc.config import Settings, get_settings
from mcc.db import Database
from mcc.exceptions import MCCError, ValidationError
from mcc.graphql.context import Context
from mcc.graphql.ide import SWAGGER_OFFLINE_NOTICE, with_offline_notice
from mcc.graphql.schema import build_schema
from mcc.graphql.uploads import GuardedGraphQLRouter
from mcc.inbox.asana import router as asana_webhook_router
from mcc.inbox.routes import router as inbox_router
from mcc.knowledge.runtime import knowledge_service
from mcc.logging import get_logger
from mcc.observability.bodies import JsonBodyGuard
from mcc.observability.gauges import HealthGauges
from mcc.observability.metrics import HttpMetrics, MetricsMiddleware
from mcc.observability.pilot import PilotMetrics
from mcc.observability.routes import router as operations_router
from mcc.pilot import uptime
from mcc.serving.link import ServingLink
from mcc.sync.runtime import SyncRuntime, build_backend
from mcc.web.errors import error_page, wants_page
from mcc.web.routes import router as web_router
from mcc.web.templating import static_files

log = get_logger(__name__)


async def _api_docs(request: Request) -> HTMLResponse:
    """Swagger UI (development only, like GraphiQL), saying so when its CDN is out of reach."""
    page = get_swagger_ui_html(openapi_url="/openapi.json", title="Marketing Command Center API")
    html = with_offline_notice(
        bytes(page.body).decode(), loaded="SwaggerUIBundle", box="swagger-ui",
        notice=SWAGGER_OFFLINE_NOTICE,
    )  # fmt: skip
    return HTMLResponse(html)


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    *,
    serving: ServingLink | None = None,
    record_uptime: bool = False,
) -> FastAPI:
    """The app; `serving` links it to the supervisor when it is one of several worker processes
    (`mcc serve --workers N`): live events and inbox wake-ups cross processes through it, and
    the knowledge index is built in turn with the other workers. `record_uptime`: this process
    is the whole server (`mcc serve --workers 1`), so it records the health checks
    (`mcc.pilot.uptime`; with several workers the supervisor does)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = database or Database.from_url(
            settings.resolved_database_url, echo=settings.database_echo
        )
        app.state.db = db
        app.state.http = httpx.AsyncClient(timeout=settings.workfront_timeout_seconds)
        listener = asyncio.create_task(db.listen(), name="mcc-events-listener")
        if serving is not None:
            await serving.connect(db)
            app.state.wake_inbox = serving.wake_inbox  # the supervisor runs the inbox worker
            knowledge = serving.start_knowledge(knowledge_service(app))
        else:
            knowledge = _prepare_knowledge(app, settings)
        sync: SyncRuntime | None = None
        checks = uptime.start(db, app.state.http, settings.host, settings.port,
                              settings.uptime_check_seconds) if record_uptime else None  # fmt: skip
        try:  # a failed start (a bad setting) still stops what was started
            sync = await _start_sync(app, settings, db)
            log.info("app.started", version=__version__, database=db.url, env=settings.env.value)
            # Exempt what start-up loaded (every import) from full garbage collections: those
            # objects live as long as the process, and a full collection walks every tracked
            # object on the event loop (the embedding model does the same: embedders/local.py).
            gc.freeze()
            yield
        finally:
            if sync is not None:
                await sync.stop()
            tasks = [task for task in (listener, knowledge, checks) if task is not None]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if (service := getattr(app.state, "knowledge", None)) is not None:
                await service.index.close()  # an upload's background embedding
            if serving is not None:
                await serving.close()
            await app.state.http.aclose()
            await db.dispose()
            log.info("app.stopped")

    app = FastAPI(
        title="Marketing Command Center",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # served below, with a word when its CDN is out of reach
        redoc_url=None,
    )
    if settings.graphiql_enabled:
        app.add_api_route("/api/docs", _api_docs, include_in_schema=False)
    app.state.settings = settings
    app.state.registry = CollectorRegistry()
    app.state.health_gauges = HealthGauges(app.state.registry)  # refreshed by each /metrics
    app.state.pilot_metrics = PilotMetrics(app.state.registry)  # histograms from the database
    if database is not None:
        # Available before the lifespan runs, for clients that skip it (ASGI test transports).
        app.state.db = database

    async def context_getter(connection: HTTPConnection) -> Context:
        # HTTPConnection, not Request: the same getter serves WebSocket subscriptions.
        state = connection.app.state
        return Context(
            db=state.db, settings=settings, user=get_user(connection),
            knowledge=knowledge_service(connection.app),
            backend=getattr(state, "backend", None),
        )  # fmt: skip

    graphql = GuardedGraphQLRouter(
        build_schema(settings),
        context_getter=context_getter,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        # Uploads are form posts, so a browser could send one cross-site: the auth middleware's
        # CSRF check (session cookies) and bearer tokens (no cookies) keep that out.
        multipart_uploads_enabled=True,
    )
    app.include_router(graphql, prefix="/graphql")
    app.include_router(operations_router)
    app.include_router(campaigns_router)
    app.include_router(agent_router)
    app.include_router(briefs_router)  # issue 15: briefs in, drafts out
    app.include_router(web_router)
    app.include_router(asana_webhook_router)  # before the generic /webhooks/{source}
    app.include_router(inbox_router)
    app.state.webhook_token = settings.resolved_webhook_token()
    app.mount("/static", static_files(), name="static")
    _add_error_handlers(app)
    app.state.auth = AuthConfig.from_settings(settings)
    app.add_middleware(JsonBodyGuard)
    app.add_middleware(AuthMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=HttpMetrics(app.state.registry))
    return app


def _prepare_knowledge(app: FastAPI, settings: Settings) -> asyncio.Task[None]:
    """Start the knowledge index build in the background (first start: after loading the
    bundled playbooks). Started before the server answers, so an early question waits for the
    playbooks instead of meeting an empty index; the build retries on failure and never takes
    the app down, and questions get keyword answers until the semantic index is in."""
    return knowledge_service(app).start(load_bundled=settings.knowledge_load_bundled)


async def _start_sync(app: FastAPI, settings: Settings, db: Database) -> SyncRuntime | None:
    """Build the configured work-management backend and, unless disabled, run its workers."""
    app.state.backend = build_backend(settings, app.state.http, db)
    if app.state.backend is None or not settings.run_workers:
        return None
    runtime = SyncRuntime(settings, db, app.state.backend)
    app.state.wake_inbox = runtime.inbox.wake
    app.state.inbox_takers = {runtime.inbox.source: runtime.inbox}  # see mcc.inbox.routes
    app.state.sync = runtime  # for operators' tools and benchmarks (the inbox's batch size)
    runtime.start()
    return runtime


_HTTP_CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND",
               405: "METHOD_NOT_ALLOWED", 413: "TOO_LARGE"}  # fmt: skip


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MCCError)
    async def _mcc_error(request: Request, error: MCCError) -> Response:
        # An error may carry headers the client should act on (a 503's Retry-After).
        headers: dict[str, str] = getattr(error, "headers", None) or {}
        if wants_page(request):
            page = error_page(request, error)
            page.headers.update(headers)
            return page
        return JSONResponse(
            {"error": {"message": error.message, **error.extensions()}},
            status_code=error.status_code,
            headers=headers,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
        # Starlette's own refusals (no such page, method not allowed) printed raw
        # `{"detail": "Not Found"}` to a browser: they go through the same two renderings.
        mcc_error = MCCError(str(error.detail))
        mcc_error.status_code = error.status_code
        fallback = "INTERNAL" if error.status_code >= 500 else "MALFORMED"
        mcc_error.code = _HTTP_CODES.get(error.status_code, fallback)
        if wants_page(request):
            return error_page(request, mcc_error)
        return JSONResponse(
            {"error": {"message": mcc_error.message, **mcc_error.extensions()}},
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, error: RequestValidationError) -> Response:
        # Only pydantic's message per field, never the input: it may be a megabyte long.
        fields = {
            ".".join(str(part) for part in item["loc"][1:]) or "request": item["msg"]
            for item in error.errors()
        }
        summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
        invalid = ValidationError(f"Invalid request: {summary}", fields)
        if wants_page(request):
            # A browser's form post: a page it can show, not JSON it would print raw.
            return error_page(request, invalid)
        return JSONResponse(
            {"error": {"message": invalid.message, **invalid.extensions()}},
            status_code=invalid.status_code,
        )


__all__ = ["create_app"]
