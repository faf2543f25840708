"""Parked inbox events as an operator meets them: `mcc sync status`/`replay` and Sync health."""

from __future__ import annotations

import json
import uuid

import httpx
from sqlalchemy import select

from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import InboxEvent
from mcc.sync.inbound import InboxWorker
from tests.auth.conftest import admin, app, marketer
from tests.auth.support import Browser
from tests.sync.test_sync_cli import mcc

__all__ = ["admin", "app", "marketer"]

BAD_EVENT = {
    "eventType": "UPDATE",
    "eventTime": {"epochSecond": 1767225600, "nano": 0},
    "newState": {"ID": "a" * 32, "objCode": "PROJ", "percentComplete": "n/a",
                 "lastUpdateDate": "2026-01-01T00:00:00.000Z"},
}  # fmt: skip


async def park_one(db: Database, http: httpx.AsyncClient) -> uuid.UUID:
    """Store a poison event and let the worker park it (no Workfront call is needed)."""
    from mcc.integrations.workfront.auth import ApiKeyAuth
    from mcc.integrations.workfront.client import WorkfrontClient

    backend = WorkfrontAdapter(WorkfrontClient(http, "http://127.0.0.1:9", ApiKeyAuth("k")))
    async with db.write() as session:
        await InboxRepository(session).store("workfront", "bad", "PROJ.UPDATE", BAD_EVENT)
    await InboxWorker(db, backend).run_once()
    async with db.read() as session:
        row = await session.scalar(select(InboxEvent))
        assert row is not None
        assert row.status == "parked"
        event_id: uuid.UUID = row.id
        return event_id


async def test_status_lists_parked_events_and_replay_queues_them_again(
    fresh_db: Database, http: httpx.AsyncClient
) -> None:
    event_id = await park_one(fresh_db, http)
    report = json.loads((await mcc(fresh_db, "sync", "status", "--json")).output)
    assert report["inbox"] == {"parked": 1}
    (parked,) = report["parked"]
    assert (parked["id"], parked["event_type"], parked["attempts"]) == (
        str(event_id), "PROJ.UPDATE", 1,
    )  # fmt: skip
    assert parked["error"].startswith("ValueError")
    table = (await mcc(fresh_db, "sync", "status")).output
    assert "Parked events" in table
    assert str(event_id) in table

    replayed = await mcc(fresh_db, "sync", "replay", str(event_id))
    assert replayed.exit_code == 0, replayed.output
    report = json.loads((await mcc(fresh_db, "sync", "status", "--json")).output)
    assert (report["inbox"], report["parked"]) == ({"pending": 1}, [])

    again = await mcc(fresh_db, "sync", "replay", str(event_id))
    assert again.exit_code == 1
    assert "No parked event" in again.output
    assert "not an inbox event id" in (await mcc(fresh_db, "sync", "replay", "nope")).output


async def test_sync_health_shows_parked_events_with_a_replay_button(
    admin: Browser, marketer: Browser, db: Database, http: httpx.AsyncClient
) -> None:
    event_id = await park_one(db, http)
    page = (await admin.client.get("/admin/sync")).text
    assert "Parked events" in page
    assert "ValueError" in page
    assert f'action="/admin/sync/inbox/{event_id}/replay"' in page

    url = f"/admin/sync/inbox/{event_id}/replay"
    assert (await marketer.client.post(url, headers=marketer.htmx)).status_code == 403
    replayed = await admin.client.post(url, headers=admin.htmx)
    assert replayed.status_code == 200
    assert "Queued for the inbox worker again." in replayed.text
    assert "No parked events." in replayed.text
    async with db.read() as session:
        row = await session.get(InboxEvent, event_id)
        assert row is not None
        assert (row.status, row.error, row.attempts) == ("pending", None, 0)
    assert (await admin.client.post(url, headers=admin.htmx)).status_code == 404
    bad_id = await admin.client.post("/admin/sync/inbox/nope/replay", headers=admin.htmx)
    assert bad_id.status_code == 404
