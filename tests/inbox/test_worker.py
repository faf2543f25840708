"""The inbox worker parks an event it cannot apply and goes on with the rest."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.inbox.worker import InboxWorker
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workfront.auth import ApiKeyAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.models import InboxEvent


def event(project_id: str, **state: Any) -> dict[str, Any]:
    return {
        "eventType": "UPDATE",
        "subscriptionId": "s1",
        "eventTime": {"epochSecond": 1767225600, "nano": 0},
        "newState": {"ID": project_id, "objCode": "PROJ", "status": "CUR",
                     "lastUpdateDate": "2026-01-01T00:00:00.000Z", **state},
    }  # fmt: skip


async def test_a_poison_event_is_failed_and_the_batch_goes_on(fresh_db: Database) -> None:
    async with httpx.AsyncClient() as http:
        backend = WorkfrontAdapter(WorkfrontClient(http, "http://127.0.0.1:9", ApiKeyAuth("k")))
        async with fresh_db.write() as session:
            inbox = InboxRepository(session)
            await inbox.store("workfront", "bad", "PROJ.UPDATE",
                              event("a" * 32, percentComplete="n/a"))  # fmt: skip
            await inbox.store("workfront", "good", "PROJ.UPDATE", event("b" * 32))
        assert await InboxWorker(fresh_db, backend).run_once() == 2
    async with fresh_db.write() as session:
        rows = {row.dedupe_key: row for row in await session.scalars(select(InboxEvent))}
    assert rows["bad"].status == "failed"
    assert "ValueError" in (rows["bad"].error or "")
    assert rows["good"].status == "ignored"  # applied: no campaign has that project
