"""Finding 4 of the hostile sweep (sync part): one project of 100 tasks held the outbox worker
while Workfront was slow, and every other campaign's updates waited behind it. Rows of different
campaigns now go side by side (a few lanes); a campaign's own rows still go one at a time."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import date, timedelta

import httpx
import pytest

from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import OutboxMessage
from mcc.outbox.repository import OutboxRepository
from tests.support.live import LiveServer, eventually_async
from tests.sync.conftest import wf_search
from tests.sync.test_outbound import create_campaign, drain, messages, worker

BIG = [
    {"name": f"Task {i:03d}", "start": str(date(2026, 1, 1) + timedelta(days=i % 40)),
     "due": str(date(2026, 1, 2) + timedelta(days=i % 40))}
    for i in range(100)
]  # fmt: skip


async def status_of(db: Database, topic: str, campaign_id: uuid.UUID) -> str | None:
    for message in await messages(db):
        if message.topic == topic and message.aggregate_id == str(campaign_id):
            return message.status
    return None


async def test_a_small_update_lands_while_a_100_task_project_is_still_being_created(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    small = await create_campaign(fresh_db, name="Small webinar")
    outbox = worker(fresh_db, workfront)
    await drain(fresh_db, outbox)
    # Workfront slowed: each call waits 40 ms, so the 100 tasks take seconds to create.
    await emulator.post("/__emulator__/faults", json={"api_latency_ms": 40})
    big = await create_campaign(fresh_db, name="Flagship launch", tasks=BIG)
    running = asyncio.create_task(outbox.run())
    try:

        async def big_in_flight() -> bool:
            return await status_of(fresh_db, "workmgmt.create_project", big) == "in_flight"

        await eventually_async(big_in_flight, timeout=10, message="the big create started")
        async with fresh_db.write() as session:
            await CampaignService(session).update(small, CampaignUpdate(name="Small webinar v2"))
        outbox.wake()

        async def small_done() -> bool:
            return await status_of(fresh_db, "workmgmt.update_project", small) == "done"

        await eventually_async(small_done, timeout=10, message="the small update landed")
        # The update landed while the big create was still going.
        assert await status_of(fresh_db, "workmgmt.create_project", big) == "in_flight"
        (project,) = await wf_search(emulator_server.url, "PROJ", extRefID=str(small))
        assert project["name"] == "Small webinar v2"

        async def big_done() -> bool:
            return await status_of(fresh_db, "workmgmt.create_project", big) == "done"

        await eventually_async(big_done, timeout=60, message="the big create finished")
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    (created,) = await wf_search(emulator_server.url, "PROJ", extRefID=str(big))
    tasks = await wf_search(emulator_server.url, "TASK", projectID=created["ID"])
    assert len(tasks) == 100  # exactly once, every task


async def test_a_campaigns_rows_never_go_side_by_side(fresh_db: Database) -> None:
    first = await create_campaign(fresh_db, name="First")
    second = await create_campaign(fresh_db, name="Second")
    async with fresh_db.write() as session:
        (claimed,) = await OutboxRepository(session).claim(1, timedelta(minutes=15))
    assert claimed.aggregate_id == str(first)
    async with fresh_db.write() as session:
        await CampaignService(session).update(first, CampaignUpdate(name="First v2"))
    async with fresh_db.write() as session:
        again = await OutboxRepository(session).claim(10, timedelta(minutes=15))
    # First's update waits for First's create in flight; Second's create goes.
    assert [message.aggregate_id for message in again] == [str(second)]
    rows = {(m.aggregate_id, m.topic): m.status for m in await messages(fresh_db)}
    assert rows[(str(first), "workmgmt.update_project")] == "pending"
    assert isinstance(claimed, OutboxMessage)


async def test_an_update_waits_for_its_campaigns_failing_create_without_spending_retries(
    fresh_db: Database,
) -> None:
    """Sweep F7: the create failed and waits for its retry; the update behind it must wait too,
    not be tried (and count attempts toward a dead letter) while the project does not exist."""
    campaign = await create_campaign(fresh_db, name="Retried launch")
    async with fresh_db.write() as session:
        (create,) = await OutboxRepository(session).claim(1, timedelta(minutes=15))
        # The call failed: back to pending, its next attempt later (the worker's backoff).
        create.status, create.next_attempt_at = "pending", create.updated_at + timedelta(hours=1)
    async with fresh_db.write() as session:
        await CampaignService(session).update(campaign, CampaignUpdate(name="Retried launch v2"))
    async with fresh_db.write() as session:
        assert await OutboxRepository(session).claim(10, timedelta(minutes=15)) == []
    rows = {m.topic: m for m in await messages(fresh_db)}
    assert rows["workmgmt.update_project"].status == "pending"
    assert rows["workmgmt.update_project"].attempts == 0


async def test_an_idle_outbox_polls_from_one_lane_and_a_backlog_still_fans_out(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Four lanes used to run four claim transactions per poll on an idle server (a quarter of
    a busy server's samples, on the database webhooks and chat turns share)."""
    claims = 0
    original = OutboxRepository.claim

    async def counted(self: OutboxRepository, *args: object, **kwargs: object) -> object:
        nonlocal claims
        claims += 1
        return await original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(OutboxRepository, "claim", counted)
    outbox = worker(fresh_db, workfront)
    outbox.poll_seconds = 0.25
    running = asyncio.create_task(outbox.run())
    try:
        started = asyncio.get_running_loop().time()
        await eventually_async(lambda: _at_least(claims, 14), timeout=30, message="14 claims")
        polls = (asyncio.get_running_loop().time() - started) / outbox.poll_seconds
        # One claim per poll (plus the first look of each lane), never one per lane per poll.
        assert claims <= polls + outbox.lanes + 1, (claims, polls)
        # A backlog reaches the other lanes: two campaigns' creates in flight at once.
        await emulator.post("/__emulator__/faults", json={"api_latency_ms": 40})
        first = await create_campaign(fresh_db, name="Lane one", tasks=BIG[:20])
        second = await create_campaign(fresh_db, name="Lane two", tasks=BIG[:20])

        async def both_in_flight() -> bool:
            return {
                await status_of(fresh_db, "workmgmt.create_project", first),
                await status_of(fresh_db, "workmgmt.create_project", second),
            } == {"in_flight"}

        await eventually_async(both_in_flight, timeout=20, message="both creates in flight")
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


async def _at_least(value: int, bound: int) -> bool:
    return value >= bound
