"""A webhook stored by another process (`mcc serve` beside `mcc worker`) wakes the inbox worker
at once on PostgreSQL (a NOTIFY in the door's statement), not at its next poll."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mcc import migrations
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workfront.auth import ApiKeyAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.models import InboxEvent
from mcc.sync.inbound import InboxWorker
from tests.conftest import Backend
from tests.support.live import eventually_async


def event(project_id: str) -> dict[str, Any]:
    return {
        "eventType": "UPDATE",
        "subscriptionId": "s1",
        "eventTime": {"epochSecond": 1767225600, "nano": 0},
        "newState": {"ID": project_id, "objCode": "PROJ", "status": "CUR",
                     "lastUpdateDate": "2026-01-01T00:00:00.000Z"},
    }  # fmt: skip


@pytest.fixture
async def workfront() -> AsyncIterator[WorkfrontAdapter]:
    async with httpx.AsyncClient() as http:  # never called: applying events reads no API
        yield WorkfrontAdapter(WorkfrontClient(http, "http://127.0.0.1:9", ApiKeyAuth("k")))


async def store(door: Database, key: str) -> None:
    """What the webhook door of another process does (stored pending: not handed over)."""
    async with door.write_one() as session:
        assert await InboxRepository(session).store("workfront", key, "PROJ.UPDATE", event(key))


async def test_a_webhook_stored_by_another_process_wakes_the_inbox_worker(
    backend: Backend, workfront: WorkfrontAdapter
) -> None:
    if backend.name != "postgresql":
        pytest.skip("SQLite has no NOTIFY: another process's door is found by the poll")
    url = await backend.new_database_url()
    worker_db, door_db = Database.from_url(url), Database.from_url(url)
    await migrations.upgrade(worker_db.engine)
    listener = asyncio.create_task(worker_db.listen())
    worker = InboxWorker(worker_db, workfront, poll_seconds=3600)  # no poll within the test
    worker_db.inbox_wakers[worker.source] = worker.wake  # as `SyncRuntime.start` does
    running = asyncio.create_task(worker.run())

    async def settled(key: str) -> bool:
        async with worker_db.read() as session:
            status = await session.scalar(
                select(InboxEvent.status).where(InboxEvent.dedupe_key == key)
            )
        return status in ("processed", "ignored")

    try:
        await asyncio.wait_for(worker_db.listening.wait(), 10)
        await store(door_db, "a" * 32)
        await eventually_async(lambda: settled("a" * 32), timeout=10, message="the first event")
        # The worker now waits for a wake-up (its poll is an hour away): only the NOTIFY
        # sent with the next insert can bring it back within the deadline.
        await store(door_db, "b" * 32)
        await eventually_async(lambda: settled("b" * 32), timeout=10, message="a wake-up")
    finally:
        for task in (running, listener):
            task.cancel()
        await asyncio.gather(running, listener, return_exceptions=True)
        await worker_db.dispose()
        await door_db.dispose()
