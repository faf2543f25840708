"""Campaigns become Workfront projects exactly once, whatever fails on the way."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update

from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workmgmt import ExecutionStatus, ProjectChanges, ProjectSpec
from mcc.models import Campaign, CampaignTask, OutboxAttempt, OutboxMessage
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.outbound import ProjectSync
from mcc.sync.runtime import build_backend
from mcc.validation import parse
from tests.support.live import LiveServer
from tests.support.net import free_port
from tests.sync.conftest import wf_search

PLAN = [
    {"name": "Finalize audience segment", "start": "2026-01-20", "due": "2026-01-23",
     "owner_role": "Marketing Ops"},
    {"name": "Write and review copy", "start": "2026-01-26", "due": "2026-02-02"},
    {"name": "Send", "start": "2026-02-15", "due": "2026-02-15"},
]  # fmt: skip


async def create_campaign(db: Database, **fields: Any) -> uuid.UUID:
    data = {"name": "Q1 SMB Promotion", "type": "email", "budget": "30000",
            "launch_date": date(2026, 2, 15), "objective": "Increase sign-ups by 10%",
            "tasks": PLAN, **fields}  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(
            parse(CampaignCreate, data, what="campaign")
        )
        return campaign.id


def worker(db: Database, backend: WorkfrontAdapter, **options: Any) -> OutboxWorker:
    policy = RetryPolicy(max_attempts=options.pop("max_attempts", 5), base_seconds=0)
    return OutboxWorker(db, ProjectSync(db, backend).handlers(), policy=policy, **options)


async def drain(db: Database, outbox: OutboxWorker) -> None:
    """Run until no row is due, making retries due at once (tests don't wait for backoff)."""
    for _ in range(60):
        async with db.write() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.status == "pending")
                                  .values(next_attempt_at=utcnow()))  # fmt: skip
        if await outbox.run_once() == 0:
            return
    raise AssertionError("outbox did not settle")


async def synced_campaign(
    db: Database, backend: WorkfrontAdapter, emulator_url: str
) -> tuple[uuid.UUID, OutboxWorker, dict[str, Any]]:
    """A campaign whose project the outbox has created: its id, the worker, the project."""
    campaign_id = await create_campaign(db)
    outbox = worker(db, backend)
    await drain(db, outbox)
    (project,) = await wf_search(emulator_url, "PROJ", extRefID=str(campaign_id))
    return campaign_id, outbox, project


async def campaign_of(db: Database, campaign_id: uuid.UUID) -> Campaign:
    async with db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign


async def messages(db: Database) -> list[OutboxMessage]:
    async with db.write() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.created_at)))


async def attempts(db: Database) -> list[OutboxAttempt]:
    async with db.write() as session:
        return list(await session.scalars(select(OutboxAttempt).order_by(OutboxAttempt.started_at)))


async def test_a_campaign_becomes_exactly_one_project_with_its_tasks(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id = await create_campaign(fresh_db)
    (message,) = await messages(fresh_db)
    assert (message.topic, message.status) == ("workmgmt.create_project", "pending")

    await drain(fresh_db, worker(fresh_db, workfront))

    projects = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
    assert len(projects) == 1
    project = projects[0]
    assert project["name"] == "Q1 SMB Promotion"
    assert project["status"] == "PLN"
    assert project["parameterValues"]["DE:MCC Objective"] == "Increase sign-ups by 10%"
    tasks = await wf_search(emulator_server.url, "TASK", projectID=project["ID"])
    assert sorted(task["name"] for task in tasks) == sorted(step["name"] for step in PLAN)

    campaign = await campaign_of(fresh_db, campaign_id)
    assert campaign.project_id == project["ID"]
    assert campaign.project_url == f"{emulator_server.url}/project/{project['ID']}/overview"
    assert campaign.project_status == "PLN"
    async with fresh_db.write() as session:
        rows = list(await session.scalars(select(CampaignTask).where(
            CampaignTask.campaign_id == campaign_id)))  # fmt: skip
    assert all(row.remote_id for row in rows)
    (message,) = await messages(fresh_db)
    assert message.status == "done"
    (attempt,) = await attempts(fresh_db)
    assert attempt.error is None
    assert "3 new of 3 tasks" in (attempt.request_summary or "")


async def test_workfront_down_then_back_makes_one_project(
    fresh_db: Database, sync_settings: Settings, workfront: WorkfrontAdapter,
    http: httpx.AsyncClient, emulator: httpx.AsyncClient, emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id = await create_campaign(fresh_db)
    down = sync_settings.model_copy(update={"workfront_url": f"http://127.0.0.1:{free_port()}"})
    unreachable = build_backend(down, http)
    assert isinstance(unreachable, WorkfrontAdapter)

    assert await worker(fresh_db, unreachable).run_once() == 1
    (message,) = await messages(fresh_db)
    assert message.status == "pending"  # kept, to retry later
    assert "unreachable" in (message.last_error or "")
    assert (await campaign_of(fresh_db, campaign_id)).project_id is None

    await drain(fresh_db, worker(fresh_db, workfront))
    assert len(await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))) == 1
    assert [a.error is None for a in await attempts(fresh_db)] == [False, True]


async def test_429_and_500_storms_are_retried_without_duplicates(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_ids = [await create_campaign(fresh_db, name=f"Storm {i}") for i in range(3)]
    await emulator.post("/__emulator__/faults", json={"api_error_status": 429, "api_error_next": 7})
    # A 500 on a create is not retried inside the client (it may have created the object): each
    # one costs an outbox attempt, which looks by extRefID first. Give the storm room.
    outbox = worker(fresh_db, workfront, max_attempts=40)
    await outbox.run_once()
    storm = {"api_error_status": 500, "api_error_rate": 0.3, "seed": 7}
    await emulator.post("/__emulator__/faults", json=storm)
    await drain(fresh_db, outbox)
    await emulator.post("/__emulator__/faults", json={"api_error_rate": 0.0})
    await drain(fresh_db, outbox)

    for campaign_id in campaign_ids:
        projects = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
        assert len(projects) == 1
        tasks = await wf_search(emulator_server.url, "TASK", projectID=projects[0]["ID"])
        assert len(tasks) == len(PLAN)
    assert {m.status for m in await messages(fresh_db)} == {"done"}
    assert any(a.response_status == 429 for a in await attempts(fresh_db))


async def test_a_permanent_refusal_becomes_a_dead_letter_with_the_reason(
    fresh_db: Database, sync_settings: Settings, http: httpx.AsyncClient,
    emulator: httpx.AsyncClient,
) -> None:  # fmt: skip
    broken = sync_settings.model_copy(update={"workfront_templates": {"email": "f" * 32}})
    backend = build_backend(broken, http)
    assert isinstance(backend, WorkfrontAdapter)
    await create_campaign(fresh_db)

    assert await worker(fresh_db, backend).run_once() == 1
    (message,) = await messages(fresh_db)
    assert message.status == "dead"
    assert message.attempts == 1  # a logical error is not retried
    assert "refused" in (message.last_error or "") or "not found" in (message.last_error or "")

    async with fresh_db.write() as session:
        assert await OutboxRepository(session).revive(message.id)
    (message,) = await messages(fresh_db)
    assert (message.status, message.attempts) == ("pending", 0)


async def test_retries_give_up_after_the_limit(
    fresh_db: Database, sync_settings: Settings, http: httpx.AsyncClient
) -> None:
    down = sync_settings.model_copy(update={"workfront_url": f"http://127.0.0.1:{free_port()}"})
    backend = build_backend(down, http)
    assert isinstance(backend, WorkfrontAdapter)
    await create_campaign(fresh_db)
    await drain(fresh_db, worker(fresh_db, backend, max_attempts=3))
    (message,) = await messages(fresh_db)
    assert (message.status, message.attempts) == ("dead", 3)
    assert len(await attempts(fresh_db)) == 3


async def test_a_worker_killed_after_claiming_leaves_the_row_for_the_next_one(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id = await create_campaign(fresh_db)
    async with fresh_db.write() as session:  # a worker claims the row, then dies
        (claimed,) = await OutboxRepository(session).claim(10, lease=timedelta(minutes=5))
    assert claimed.status == "in_flight"
    # The dead worker may even have created the project before dying.
    await workfront.create_project(
        ProjectSpec(ext_ref=str(campaign_id), name="Q1 SMB Promotion", description=None, tier=2,
                    campaign_type="email", planned_start=None, planned_completion=None)
    )  # fmt: skip

    restarted = worker(fresh_db, workfront)
    assert await restarted.run_once() == 0  # the lease still holds
    async with fresh_db.write() as session:  # time passes: the lease runs out
        await session.execute(update(OutboxMessage).values(locked_until=utcnow() - timedelta(1)))
    await drain(fresh_db, restarted)

    projects = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
    assert len(projects) == 1
    assert (await campaign_of(fresh_db, campaign_id)).project_id == projects[0]["ID"]
    (message,) = await messages(fresh_db)
    assert message.status == "done"


async def test_user_changes_are_pushed_and_their_echo_changes_nothing(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id = await create_campaign(fresh_db)
    outbox = worker(fresh_db, workfront)
    await drain(fresh_db, outbox)
    async with fresh_db.write() as session:
        await CampaignService(session).update(
            campaign_id, CampaignUpdate(name="Q1 SMB Promotion (EMEA)", status="ACTIVE")
        )
    await drain(fresh_db, outbox)

    (project,) = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
    assert project["name"] == "Q1 SMB Promotion (EMEA)"
    assert project["status"] == "CUR"
    campaign = await campaign_of(fresh_db, campaign_id)
    assert campaign.project_status == "CUR"
    assert [m.topic for m in await messages(fresh_db)] == [
        "workmgmt.create_project", "workmgmt.update_project"
    ]  # fmt: skip


async def test_our_write_takes_workfronts_newer_status_instead_of_hiding_it(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id, outbox, project = await synced_campaign(fresh_db, workfront, emulator_server.url)
    await workfront.update_project(project["ID"], ProjectChanges(status=ExecutionStatus.ACTIVE))
    async with fresh_db.write() as session:  # a rename here, before any webhook arrived
        await CampaignService(session).update(campaign_id, CampaignUpdate(name="Renamed"))
    await drain(fresh_db, outbox)
    campaign = await campaign_of(fresh_db, campaign_id)
    assert (campaign.status, campaign.project_status) == ("ACTIVE", "CUR")


async def test_a_late_retry_pushes_the_current_value_not_its_own(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id = await create_campaign(fresh_db)
    outbox = worker(fresh_db, workfront)
    await drain(fresh_db, outbox)
    for name in ("Spring B", "Spring C"):
        async with fresh_db.write() as session:
            await CampaignService(session).update(campaign_id, CampaignUpdate(name=name))
    async with fresh_db.write() as session:  # "Spring B" failed once and waits for its retry
        updates = select(OutboxMessage).where(OutboxMessage.topic == "workmgmt.update_project")
        rows = list(await session.scalars(updates.order_by(OutboxMessage.created_at)))
        rows[0].next_attempt_at = utcnow() + timedelta(hours=1)
    await outbox.run_once()  # "Spring C" goes first
    async with fresh_db.write() as session:
        await session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    await drain(fresh_db, outbox)
    (project,) = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
    assert project["name"] == "Spring C"
