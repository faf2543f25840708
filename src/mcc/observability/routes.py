"""`/healthz` (the process answers), `/readyz` (database up, schema current; the knowledge
index's and the assistant's state as details), `/metrics`."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import SecretStr

from mcc import migrations
from mcc.agent import clauses, instructions, minilm_readers, span_tagger
from mcc.db import Database
from mcc.knowledge.runtime import knowledge_service
from mcc.logging import get_logger
from mcc.observability.gauges import HealthGauges
from mcc.observability.pilot import PilotMetrics

log = get_logger(__name__)
router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    database: Database = request.app.state.db
    checks: dict[str, Any] = {}
    ready = True
    try:
        await database.ping()
        checks["database"] = "ok"
    except Exception as error:  # readiness reports any failure instead of raising it
        log.warning("readyz.database_unreachable", error=str(error))
        checks["database"] = f"unreachable: {type(error).__name__}"
        ready = False
    if ready:
        current = await migrations.current_revisions(database.engine)
        head = migrations.head_revisions()
        checks["migrations"] = "current" if current == head else "pending"
        checks["revision"] = migrations.describe(current)
        checks["expected_revision"] = migrations.describe(head)
        ready = current == head
    # A detail, not a condition: while the index builds, questions get keyword answers.
    checks["knowledge"] = knowledge_service(request.app).state.as_json()
    # Also a detail: a turn that comes while the assistant starts waits for it. The learned
    # readers load or train in the background, the rules reading alone until each is "on";
    # `acts`: whether replies are read with sentence embeddings yet (n-grams until then).
    checks["assistant"] = {
        "status": getattr(request.app.state, "assistant", "not started"),
        "clauses": clauses.TAGGER.state(),
        "instructions": instructions.DETECTOR.state(),
        "spans": span_tagger.TAGGER.state(),
        # And each reader that uses MiniLM (the one above without it answers until "on").
        **minilm_readers.states(),
    }
    return JSONResponse(
        {"status": "ready" if ready else "not ready", **checks}, status_code=200 if ready else 503
    )


def _scraper_allowed(request: Request) -> bool:
    """/metrics shows organisation-wide figures (sync latency, assistant turns): with
    MCC_METRICS_TOKEN set, only a caller presenting it may read them (compared in constant
    time); without, the endpoint is open, as Prometheus endpoints on a private network are."""
    token: SecretStr | None = request.app.state.settings.metrics_token
    if token is None:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = token.get_secret_value().encode()
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected)


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    if not _scraper_allowed(request):  # checked first: a refused scrape reads no database
        return JSONResponse(
            {"detail": "Metrics need 'Authorization: Bearer <MCC_METRICS_TOKEN>'"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    gauges: HealthGauges = request.app.state.health_gauges
    await gauges.refresh(request.app.state.db, knowledge_service(request.app).state)
    pilot: PilotMetrics = request.app.state.pilot_metrics
    await pilot.refresh(request.app.state.db)
    return Response(generate_latest(request.app.state.registry), media_type=CONTENT_TYPE_LATEST)
