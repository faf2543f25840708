"""The inbox worker parks an event it cannot apply, goes on with the rest, and replays on demand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workfront.auth import ApiKeyAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.models import InboxEvent
from mcc.sync.inbound import MAX_ATTEMPTS, InboxWorker


def event(project_id: str, **state: Any) -> dict[str, Any]:
    return {
        "eventType": "UPDATE",
        "subscriptionId": "s1",
        "eventTime": {"epochSecond": 1767225600, "nano": 0},
        "newState": {"ID": project_id, "objCode": "PROJ", "status": "CUR",
                     "lastUpdateDate": "2026-01-01T00:00:00.000Z", **state},
    }  # fmt: skip


@pytest.fixture
async def workfront() -> AsyncIterator[WorkfrontAdapter]:
    async with httpx.AsyncClient() as http:  # never called: applying events reads no API
        yield WorkfrontAdapter(WorkfrontClient(http, "http://127.0.0.1:9", ApiKeyAuth("k")))


async def rows(db: Database) -> dict[str, InboxEvent]:
    async with db.read() as session:
        return {row.dedupe_key: row for row in await session.scalars(select(InboxEvent))}


async def test_a_poison_event_is_parked_with_a_short_reason_and_the_batch_goes_on(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    async with fresh_db.write() as session:
        inbox = InboxRepository(session)
        await inbox.store("workfront", "bad", "PROJ.UPDATE", event("a" * 32, percentComplete="n/a"))
        await inbox.store("workfront", "undecodable", "PROJ.UPDATE",
                          {**event("c" * 32), "eventType": "EXPLODE"})  # fmt: skip
        await inbox.store("workfront", "good", "PROJ.UPDATE", event("b" * 32))
    worker = InboxWorker(fresh_db, workfront)
    assert await worker.run_once() == 3
    found = await rows(fresh_db)
    assert (found["bad"].status, found["bad"].attempts) == ("parked", 1)
    assert (found["bad"].error or "").startswith("ValueError")
    assert found["undecodable"].status == "parked"
    assert "unknown Workfront eventType" in (found["undecodable"].error or "")
    assert all(len(row.error or "") <= 300 for row in found.values())
    assert found["good"].status == "ignored"  # applied: no campaign has that project
    # Parked events are out of the queue: the next passes do not touch them again.
    assert await worker.run_once() == 0
    assert (await rows(fresh_db))["bad"].attempts == 1


async def test_a_parked_event_is_replayed_after_a_fix(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    async with fresh_db.write() as session:
        await InboxRepository(session).store(
            "workfront", "bad", "PROJ.UPDATE", {**event("a" * 32), "eventType": "TOUCH"}
        )
    worker = InboxWorker(fresh_db, workfront)
    await worker.run_once()
    parked = (await rows(fresh_db))["bad"]
    assert parked.status == "parked"

    # The fix: here, the stored payload is corrected (in real life, usually a code change).
    async with fresh_db.write() as session:
        row = await session.get(InboxEvent, parked.id)
        assert row is not None
        row.payload = event("a" * 32)
    async with fresh_db.write() as session:
        assert await InboxRepository(session).replay(parked.id) is True
        assert await InboxRepository(session).replay(parked.id) is False  # queued, not parked
    assert await worker.run_once() == 1
    replayed = (await rows(fresh_db))["bad"]
    assert (replayed.status, replayed.error) == ("ignored", None)


async def test_an_event_that_keeps_taking_the_worker_down_is_parked_on_restart(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    async with fresh_db.write() as session:
        await InboxRepository(session).store("workfront", "crasher", "PROJ.UPDATE", event("a" * 32))
    worker = InboxWorker(fresh_db, workfront)
    for _ in range(MAX_ATTEMPTS):  # claimed, then the process dies before settling it
        async with fresh_db.write() as session:
            assert len(await InboxRepository(session).claim("workfront", 10)) == 1
        await worker.recover()
    crasher = (await rows(fresh_db))["crasher"]
    assert (crasher.status, crasher.attempts) == ("parked", MAX_ATTEMPTS)
    assert "worker stopped while applying it" in (crasher.error or "")
    assert await worker.run_once() == 0
