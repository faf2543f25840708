"""`/metrics` carries sync and knowledge health as gauges, read from the database at scrape time."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

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
