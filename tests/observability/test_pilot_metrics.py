"""The pilot's Prometheus metrics: histograms built from the recorded rows at scrape time.

With `mcc serve --workers N` each worker has its own registry; a histogram kept in one worker's
memory would be missing from the others' `/metrics`. Built from the database, every app answers
the same, which is what the second app here shows.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
from prometheus_client.parser import text_string_to_metric_families

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.models import AssistantTurn, InboxEvent, SyncTiming
from mcc.models.base import utcnow


def samples(text: str, name: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        if family.name == name:
            for sample in family.samples:
                found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def test_latency_histograms_and_inbox_lag_come_from_the_rows(
    db: Database, client: httpx.AsyncClient, settings: Settings, auth_headers: dict[str, str]
) -> None:
    now = utcnow()
    async with db.write() as session:
        for seconds in (0.2, 0.8, 2.5, 40.0):
            session.add(AssistantTurn(engine="rules", seconds=seconds))
        session.add(AssistantTurn(engine="llm", seconds=4.0))
        for seconds in (3.0, 90.0):
            session.add(SyncTiming(event_id=uuid.uuid4(), source="workfront",
                                   object_type="project", event_at=now, applied_at=now,
                                   seconds=seconds))  # fmt: skip
        session.add(InboxEvent(source="workfront", dedupe_key="k1", event_type="UPDATE",
                               payload={}, status="pending",
                               received_at=now - timedelta(seconds=300)))  # fmt: skip
    text = (await client.get("/metrics")).text
    turns = samples(text, "mcc_assistant_turn_seconds")
    rules = (("engine", "rules"),)
    assert turns[("mcc_assistant_turn_seconds_bucket", (*rules, ("le", "0.25")))] == 1
    assert turns[("mcc_assistant_turn_seconds_bucket", (*rules, ("le", "1.0")))] == 2
    assert turns[("mcc_assistant_turn_seconds_bucket", (*rules, ("le", "3.0")))] == 3
    assert turns[("mcc_assistant_turn_seconds_bucket", (*rules, ("le", "30.0")))] == 3
    assert turns[("mcc_assistant_turn_seconds_bucket", (*rules, ("le", "+Inf")))] == 4
    assert turns[("mcc_assistant_turn_seconds_count", rules)] == 4
    assert turns[("mcc_assistant_turn_seconds_sum", rules)] == 0.2 + 0.8 + 2.5 + 40.0
    assert turns[("mcc_assistant_turn_seconds_count", (("engine", "llm"),))] == 1
    sync = samples(text, "mcc_sync_latency_seconds")
    source = (("source", "workfront"),)  # labels sorted by name: "le" first
    assert sync[("mcc_sync_latency_seconds_bucket", (("le", "5.0"), *source))] == 1
    assert sync[("mcc_sync_latency_seconds_bucket", (("le", "60.0"), *source))] == 1
    assert sync[("mcc_sync_latency_seconds_bucket", (("le", "120.0"), *source))] == 2
    assert sync[("mcc_sync_latency_seconds_count", source)] == 2
    lag = samples(text, "mcc_inbox_lag_seconds")[("mcc_inbox_lag_seconds", ())]
    assert 300 <= lag < 400

    # Another app on the same database (another worker process) reports the same histograms.
    other = create_app(settings, database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other), base_url="http://mcc.test", headers=auth_headers
    ) as second:
        again = (await second.get("/metrics")).text  # fmt: skip
    assert samples(again, "mcc_assistant_turn_seconds") == turns
    assert samples(again, "mcc_sync_latency_seconds") == sync


async def test_no_rows_no_series_and_no_lag(client: httpx.AsyncClient) -> None:
    text = (await client.get("/metrics")).text
    assert samples(text, "mcc_assistant_turn_seconds") == {}
    assert samples(text, "mcc_inbox_lag_seconds") == {("mcc_inbox_lag_seconds", ()): 0.0}
