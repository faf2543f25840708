"""A burst of webhook events is applied as one batch: one write, the newest state per object,
with the same guarantees as one by one (stale states never win, a deleted task stays deleted,
a poison event is parked without holding up the rest)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.events import CampaignChanged, record
from mcc.inbox.repository import InboxRepository
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workfront.auth import ApiKeyAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.models import Campaign, CampaignTask, InboxEvent, TaskTombstone
from mcc.sync.inbound import InboxWorker
from mcc.validation import parse

PROJECT, OTHER, TASK = "p" * 32, "q" * 32, "t" * 32


def at(second: int) -> str:
    return f"2026-01-01T00:00:{second:02d}.000Z"


def project_event(project_id: str, status: str, second: int) -> dict[str, Any]:
    return {"eventType": "UPDATE", "subscriptionId": "s1",
            "eventTime": {"epochSecond": 1767225600 + second, "nano": 0},
            "newState": {"ID": project_id, "objCode": "PROJ", "status": status,
                         "lastUpdateDate": at(second)}}  # fmt: skip


def task_event(kind: str, second: int, status: str = "INP") -> dict[str, Any]:
    state = {"ID": TASK, "objCode": "TASK", "projectID": PROJECT, "name": "Brief",
             "status": status, "lastUpdateDate": at(second)}  # fmt: skip
    return {"eventType": kind, "subscriptionId": "s1",
            "eventTime": {"epochSecond": 1767225600 + second, "nano": 0},
            "newState": {} if kind == "DELETE" else state,
            "oldState": state if kind == "DELETE" else {}}  # fmt: skip


@pytest.fixture
async def workfront() -> AsyncIterator[WorkfrontAdapter]:
    async with httpx.AsyncClient() as http:  # never called: applying events reads no API
        yield WorkfrontAdapter(WorkfrontClient(http, "http://127.0.0.1:9", ApiKeyAuth("k")))


async def linked_campaigns(db: Database) -> dict[str, uuid.UUID]:
    """Two campaigns whose Workfront projects are PROJECT and OTHER."""
    linked = {}
    async with db.write() as session:
        for project_id in (PROJECT, OTHER):
            data = {"name": f"Campaign {project_id[0]}", "type": "email"}
            campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
            campaign.project_id = project_id
            linked[project_id] = campaign.id
    return linked


async def store(db: Database, *events: tuple[str, dict[str, Any]]) -> None:
    async with db.write() as session:
        for key, payload in events:
            await InboxRepository(session).store("workfront", key, "X", payload)


async def statuses(db: Database) -> dict[str, str]:
    async with db.read() as session:
        return {row.dedupe_key: row.status for row in await session.scalars(select(InboxEvent))}


async def test_a_burst_settles_on_each_objects_newest_state_in_one_write(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    linked = await linked_campaigns(fresh_db)
    await store(
        fresh_db,
        ("a1", project_event(PROJECT, "ONH", 1)),
        ("a3", project_event(PROJECT, "DED", 3)),  # the newest, delivered before an older one
        ("a2", project_event(PROJECT, "CUR", 2)),
        ("a3-again", project_event(PROJECT, "DED", 3)),  # a redelivery under another key
        ("b1", project_event(OTHER, "ONH", 1)),
        ("poison", {**project_event(OTHER, "CUR", 9), "eventType": "EXPLODE"}),
    )
    commits: list[object] = []

    def count(connection: object) -> None:
        commits.append(connection)

    async def run_batch() -> None:
        sa_event.listen(fresh_db.engine.sync_engine, "commit", count)
        try:
            assert await InboxWorker(fresh_db, workfront).run_once() == 6
        finally:
            sa_event.remove(fresh_db.engine.sync_engine, "commit", count)

    published = await published_during(fresh_db, run_batch)
    assert len(commits) == 2  # the claim, then one write applying and settling all six

    async with fresh_db.read() as session:
        campaigns = {
            row.project_id: row
            for row in await session.scalars(
                select(Campaign).where(Campaign.id.in_(linked.values()))
            )
        }
    assert (campaigns[PROJECT].status, campaigns[PROJECT].project_status) == ("CANCELLED", "DED")
    assert campaigns[OTHER].project_status == "ONH"
    assert await statuses(fresh_db) == {
        "a3": "processed", "a1": "ignored", "a2": "ignored", "a3-again": "ignored",
        "b1": "processed", "poison": "parked",
    }  # fmt: skip
    # The dashboard hears once per campaign, not once per event.
    assert sorted(str(item.campaign_id) for item in published) == sorted(
        str(campaign_id) for campaign_id in linked.values()
    )


async def published_during(
    db: Database, work: Callable[[], Awaitable[None]]
) -> list[CampaignChanged]:
    """The live events `work` published, in order (on PostgreSQL through NOTIFY). A marker
    event written afterwards ends the list: notifications arrive in commit order."""
    listener = asyncio.create_task(db.listen())
    try:
        if db.cross_process:
            await asyncio.wait_for(db.listening.wait(), 10)
        async with db.events.subscribe() as live:
            await work()
            marker = uuid.uuid4()
            async with db.write() as session:
                record(session, CampaignChanged(marker, "updated"))
            published: list[CampaignChanged] = []
            async with asyncio.timeout(10):
                async for item in live:
                    if item.campaign_id == marker:
                        return published
                    published.append(item)
    finally:
        listener.cancel()
    raise AssertionError("unreachable: the live feed never ends")


async def test_a_stale_state_in_a_later_batch_changes_nothing(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    await linked_campaigns(fresh_db)
    worker = InboxWorker(fresh_db, workfront)
    await store(fresh_db, ("new", project_event(PROJECT, "ONH", 5)))
    await store(fresh_db, ("x", project_event(OTHER, "ONH", 1)))  # a batch of two, not one
    assert await worker.run_once() == 2
    await store(fresh_db, ("old", project_event(PROJECT, "CUR", 4)),
                ("new-again", project_event(PROJECT, "ONH", 5)))  # fmt: skip
    assert await worker.run_once() == 2
    assert (await statuses(fresh_db))["old"] == "ignored"
    async with fresh_db.read() as session:
        campaign = await session.scalar(select(Campaign).where(Campaign.project_id == PROJECT))
        assert campaign is not None
        assert campaign.project_status == "ONH"


async def test_a_deletion_in_a_batch_wins_over_older_states_of_the_task(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    await linked_campaigns(fresh_db)
    worker = InboxWorker(fresh_db, workfront)
    # Delivered out of order in one burst: the update and the create predate the deletion.
    await store(fresh_db, ("update", task_event("UPDATE", 2)), ("delete", task_event("DELETE", 3)),
                ("create", task_event("CREATE", 1, status="NEW")))  # fmt: skip
    assert await worker.run_once() == 3
    assert await statuses(fresh_db) == {"delete": "processed", "update": "ignored",
                                        "create": "ignored"}  # fmt: skip
    async with fresh_db.read() as session:
        assert await session.get(TaskTombstone, TASK) is not None
        assert (await session.scalars(select(CampaignTask.remote_id))).all() == []
    # A state newer than the deletion (an undo in Workfront) brings the task back.
    await store(fresh_db, ("undo", task_event("UPDATE", 4)), ("older", task_event("UPDATE", 3)))
    assert await worker.run_once() == 2
    async with fresh_db.read() as session:
        tasks = (await session.scalars(select(CampaignTask))).all()
    assert [(task.remote_id, task.status) for task in tasks] == [(TASK, "in_progress")]


async def test_an_event_handed_to_a_worker_that_stopped_is_applied_after_a_restart(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    """The webhook door stores an event already claimed for the worker of its process; if that
    process stops before applying it, the next start queues it again, its attempt counted."""
    await linked_campaigns(fresh_db)
    async with fresh_db.write() as session:
        event_id = await InboxRepository(session).store(
            "workfront", "handed", "X", project_event(PROJECT, "ONH", 1), claimed=True
        )
    assert event_id is not None
    restarted = InboxWorker(fresh_db, workfront)
    assert await restarted.run_once() == 0  # claimed: not in the queue while its worker lives
    assert await restarted.recover() == 1
    assert await restarted.run_once() == 1
    async with fresh_db.read() as session:
        row = await session.get(InboxEvent, event_id)
        assert row is not None
        assert (row.status, row.attempts) == ("processed", 2)
        campaign = await session.scalar(select(Campaign).where(Campaign.project_id == PROJECT))
        assert campaign is not None
        assert campaign.project_status == "ONH"


async def test_a_batch_costs_about_one_query_per_project_not_one_per_statement(
    fresh_db: Database, workfront: WorkfrontAdapter
) -> None:
    """Each statement is a round trip on PostgreSQL: the batch loads its campaigns in one query
    and records its timings and settles its events in one statement each, so a project adds
    its open-conflicts query and little else (one by one it was six statements)."""
    projects = [f"{index:032d}" for index in range(9)]
    async with fresh_db.write() as session:
        for project_id in projects:
            data = {"name": f"Campaign {project_id[-1]}", "type": "email"}
            campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
            campaign.project_id = project_id
    statements: list[str] = []

    def sent(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    async def statements_applying(batch: list[str]) -> int:
        await store(fresh_db, *((key, project_event(key, "ONH", 1)) for key in batch))
        statements.clear()
        sa_event.listen(fresh_db.engine.sync_engine, "before_cursor_execute", sent)
        try:
            assert await InboxWorker(fresh_db, workfront).run_once() == len(batch)
        finally:
            sa_event.remove(fresh_db.engine.sync_engine, "before_cursor_execute", sent)
        return len(statements)

    one = await statements_applying(projects[:1])
    eight = await statements_applying(projects[1:])
    assert eight - one <= 2 * 7, statements
    assert set((await statuses(fresh_db)).values()) == {"processed"}
