"""Deleted Workfront tasks stay deleted: an early DELETE wins over a late CREATE, and the
reconciler removes tasks that are gone in Workfront (emulator over real HTTP, both backends)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

import httpx
from sqlalchemy import select

from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workfront.webhook import dedupe_key
from mcc.models import CampaignTask, InboxEvent, TaskTombstone
from mcc.models.base import utcnow
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.sync.reconciler import Reconciler
from tests.support.live import LiveServer, eventually_async
from tests.sync.conftest import wf_search
from tests.sync.test_inbound import TOKEN, create_synced_campaign, mcc_server, subscribed

__all__ = ["mcc_server", "subscribed"]


async def wf(emulator_url: str, method: str, path: str, **params: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=f"{emulator_url}/attask/api/v21.0") as client:
        response = await client.request(method, path, params={"apiKey": DEFAULT_API_KEY, **params})
    response.raise_for_status()
    data: dict[str, Any] = response.json().get("data") or {}
    return data


async def task_ids(db: Database) -> set[str]:
    async with db.read() as session:
        return {t for t in await session.scalars(select(CampaignTask.remote_id)) if t}


async def settled_status(db: Database, event: dict[str, Any]) -> str | None:
    """How the inbox settled this delivery (None while it waits or is being applied)."""
    async with db.read() as session:
        row = await session.scalar(
            select(InboxEvent).where(InboxEvent.dedupe_key == dedupe_key(event))
        )
        return None if row is None or row.status in ("pending", "processing") else row.status


async def test_a_delete_delivered_before_its_create_never_lets_the_task_appear(
    fresh_db: Database, emulator_server: LiveServer, emulator: httpx.AsyncClient,
    mcc_server: LiveServer, subscribed: list[str],
) -> None:  # fmt: skip
    _, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    # Workfront holds this batch (a long hold); we deliver its messages ourselves, DELETE first,
    # each applied before the next arrives, as a reordering network would.
    await emulator.post("/__emulator__/faults", json={"reorder_batch": 50,
                                                      "reorder_hold_ms": 600_000})  # fmt: skip
    created = await wf(emulator_server.url, "POST", "/TASK", name="Late brief",
                       projectID=project_id)  # fmt: skip
    await wf(emulator_server.url, "DELETE", f"/TASK/{created['ID']}")
    held = (await emulator.get("/__emulator__/deliveries")).json()["deliveries"]
    by_type = {
        item["payload"]["eventType"]: item["payload"] for item in held
        if item["status"] == "held"
        and (item["payload"]["newState"] or item["payload"]["oldState"]).get("ID") == created["ID"]
    }  # fmt: skip
    async with httpx.AsyncClient(base_url=mcc_server.url) as webhook:
        for event_type in ("DELETE", "CREATE"):
            response = await webhook.post("/webhooks/workfront", json=by_type[event_type],
                                          headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
            assert response.status_code == 202
            settled = partial(settled_status, fresh_db, by_type[event_type])
            await eventually_async(settled, timeout=10, message=f"{event_type} applied")

    assert await settled_status(fresh_db, by_type["DELETE"]) == "processed"  # the tombstone
    assert await settled_status(fresh_db, by_type["CREATE"]) == "ignored"
    assert created["ID"] not in await task_ids(fresh_db)
    async with fresh_db.read() as session:
        assert await session.get(TaskTombstone, created["ID"]) is not None


async def test_the_reconciler_removes_a_task_deleted_in_workfront(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator_server: LiveServer,
    mcc_server: LiveServer,
) -> None:  # fmt: skip
    # No subscription: the DELETE event never arrives; only the reconciler can notice.
    _, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    (task,) = await wf_search(emulator_server.url, "TASK", projectID=project_id)
    kept = await wf(emulator_server.url, "POST", "/TASK", name="Kept", projectID=project_id)
    reconciler = Reconciler(fresh_db, workfront)
    await reconciler.run_once()
    assert await task_ids(fresh_db) == {task["ID"], kept["ID"]}

    await wf(emulator_server.url, "DELETE", f"/TASK/{task['ID']}")
    report = await reconciler.run_once()
    assert report.removed == 1
    assert await task_ids(fresh_db) == {kept["ID"]}
    assert (await reconciler.run_once()).removed == 0
    async with fresh_db.read() as session:
        assert await session.get(TaskTombstone, task["ID"]) is not None  # stays deleted


async def test_old_tombstones_are_pruned(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient
) -> None:
    long_ago = utcnow() - timedelta(days=31)
    async with fresh_db.write() as session:
        session.add(TaskTombstone(remote_id="old", deleted_at=long_ago, recorded_at=long_ago))
        session.add(TaskTombstone(remote_id="recent", deleted_at=utcnow()))
    await Reconciler(fresh_db, workfront).run_once()
    async with fresh_db.read() as session:
        kept = set(await session.scalars(select(TaskTombstone.remote_id)))
    assert kept == {"recent"}
