"""`/metrics` carries sync and knowledge health as gauges, read from the database at scrape time."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
from pydantic import SecretStr

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.models import OutboxMessage
from mcc.models.base import utcnow


def value(body: str, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} (\S+)$", body, re.M)
    assert found, (name, body[-2000:])
    return float(found.group(1))


async def test_outbox_depth_dead_letters_lag_and_index_state(
    client: httpx.AsyncClient, db: Database
) -> None:
    before = (await client.get("/metrics")).text
    assert value(before, 'mcc_outbox_messages{status="pending"}') == 0
    assert value(before, "mcc_sync_lag_seconds") == 0
    assert value(before, "mcc_inbox_last_event_age_seconds") == -1
    assert value(before, "mcc_metrics_database_up") == 1
    old = utcnow() - timedelta(minutes=5)
    async with db.write() as session:
        session.add_all(
            [
                OutboxMessage(topic="t", aggregate_id="a", payload={}, created_at=old),
                OutboxMessage(topic="t", aggregate_id="b", payload={}),
                OutboxMessage(topic="t", aggregate_id="c", payload={}, status="dead"),
            ]
        )
    body = (await client.get("/metrics")).text
    assert value(body, 'mcc_outbox_messages{status="pending"}') == 2
    assert value(body, 'mcc_outbox_messages{status="dead"}') == 1
    assert value(body, "mcc_outbox_dead_letters") == 1
    assert 290 <= value(body, "mcc_sync_lag_seconds") < 600
    states = [
        value(body, f'mcc_knowledge_index_state{{state="{s}"}}')
        for s in ("building", "ready", "failed")
    ]
    assert sorted(states) == [0, 0, 1]  # exactly one state is current


async def test_metrics_need_the_token_when_one_is_set(db: Database, settings: Settings) -> None:
    """Sweep F4: with MCC_METRICS_TOKEN, /metrics answers only its bearer; without, it is open
    (the client has no credential either way)."""
    secured = settings.model_copy(update={"metrics_token": SecretStr("scrape-me-123")})
    open_app, closed_app = create_app(settings, database=db), create_app(secured, database=db)
    for app, expected in ((open_app, 200), (closed_app, 401)):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
            response = await client.get("/metrics")
            assert response.status_code == expected
    transport = httpx.ASGITransport(app=closed_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
        refused = await client.get("/metrics")
        assert "mcc_" not in refused.text
        assert refused.headers["www-authenticate"] == "Bearer"
        for wrong in ("Bearer scrape-me-12", "Basic scrape-me-123", "scrape-me-123"):
            response = await client.get("/metrics", headers={"Authorization": wrong})
            assert response.status_code == 401, wrong
        right = await client.get("/metrics", headers={"Authorization": "Bearer scrape-me-123"})
        assert right.status_code == 200
        assert value(right.text, "mcc_metrics_database_up") == 1
