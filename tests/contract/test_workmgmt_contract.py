"""The work-management contract, run against every backend's emulator over real HTTP.

Whatever the system (`remote`: Workfront, Asana), a campaign becomes exactly one project with
its plan's tasks, even when creation fails half-way; user changes reach the project; a project
finished in the system finishes the campaign through the webhook; duplicated and reordered
events settle on the latest state; and the reconciler repairs what webhooks missed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, update

from mcc.app import create_app
from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.workmgmt import ExecutionStatus, ProjectSpec
from mcc.models import Campaign, CampaignTask, InboxEvent, OutboxMessage
from mcc.models.base import utcnow
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.outbound import ProjectSync
from mcc.sync.reconciler import Reconciler
from mcc.validation import parse
from tests.contract.conftest import WEBHOOK_TOKEN, Remote
from tests.support.live import LiveServer, eventually_async

PLAN = [
    {"name": "Book speakers", "start": "2026-02-01", "due": "2026-02-10"},
    {"name": "Send invitations", "start": "2026-02-20", "due": "2026-03-02"},
    {"name": "Live session", "start": "2026-03-10", "due": "2026-03-10"},
]


async def new_campaign(db: Database, **fields: Any) -> uuid.UUID:
    data = {"name": "Spring webinar", "type": "webinar", "launch_date": date(2026, 3, 10),
            "tasks": PLAN, **fields}  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
        return campaign.id


async def drain(db: Database, remote: Remote) -> None:
    """Run the outbox until nothing is due, making retries due at once."""
    policy = RetryPolicy(max_attempts=6, base_seconds=0)
    outbox = OutboxWorker(db, ProjectSync(db, remote.adapter).handlers(), policy=policy)
    for _ in range(60):
        async with db.write() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.status == "pending")
                                  .values(next_attempt_at=utcnow()))  # fmt: skip
        if await outbox.run_once() == 0:
            return
    raise AssertionError("outbox did not settle")


async def campaign(db: Database, campaign_id: uuid.UUID) -> Campaign:
    async with db.read() as session:
        row = await session.get(Campaign, campaign_id)
        assert row is not None
        return row


async def test_a_campaign_becomes_exactly_one_project_with_its_tasks(
    fresh_db: Database, remote: Remote
) -> None:
    campaign_id = await new_campaign(fresh_db)
    await drain(fresh_db, remote)
    (project_id,) = await remote.projects_for(str(campaign_id))
    assert sorted(await remote.tasks(project_id)) == sorted(step["name"] for step in PLAN)
    linked = await campaign(fresh_db, campaign_id)
    assert linked.project_id == project_id
    assert linked.project_url
    assert linked.status == "PLANNING"

    # Asked again (a replayed message): found, not made twice, no task twice.
    again = await remote.adapter.find_project(str(campaign_id))
    assert again is not None
    assert again.id == project_id
    async with fresh_db.write() as session:
        session.add(
            OutboxMessage(
                topic="workmgmt.create_project",
                aggregate_id=str(campaign_id),
                payload={},
                status="pending",
                next_attempt_at=utcnow(),
            )
        )
    await drain(fresh_db, remote)
    assert await remote.projects_for(str(campaign_id)) == [project_id]
    assert len(await remote.tasks(project_id)) == len(PLAN)


async def test_failures_during_creation_leave_exactly_one_project(
    fresh_db: Database, remote: Remote
) -> None:
    first = await new_campaign(fresh_db, name="Storm")
    await remote.faults(api_error_next=2, api_error_status=500, api_error_match="POST")
    await drain(fresh_db, remote)  # the creates fail, the retries look before creating again
    assert len(await remote.projects_for(str(first))) == 1
    await remote.faults(api_error_next=2, api_error_status=429, api_error_match="POST")
    rate_limited = await new_campaign(fresh_db, name="Rate limited")
    await drain(fresh_db, remote)
    assert len(await remote.projects_for(str(rate_limited))) == 1

    # A worker created the project and died before recording it: the retry finds it.
    second = await new_campaign(fresh_db, name="Crashed")
    await remote.adapter.create_project(ProjectSpec(
        ext_ref=str(second), name="Crashed", description=None, tier=3, campaign_type="webinar",
        planned_start=None, planned_completion=None))  # fmt: skip
    await drain(fresh_db, remote)
    (project_id,) = await remote.projects_for(str(second))
    assert (await campaign(fresh_db, second)).project_id == project_id
    assert len(await remote.tasks(project_id)) == len(PLAN)


async def test_user_changes_reach_the_project(fresh_db: Database, remote: Remote) -> None:
    campaign_id = await new_campaign(fresh_db)
    await drain(fresh_db, remote)
    async with fresh_db.write() as session:
        await CampaignService(session).update(
            campaign_id, parse(CampaignUpdate, {"name": "Summer webinar", "status": "ACTIVE"},
                               what="c"))  # fmt: skip
    await drain(fresh_db, remote)
    project = await remote.adapter.get_project((await campaign(fresh_db, campaign_id)).project_id
                                               or "")  # fmt: skip
    assert (project.name, project.status) == ("Summer webinar", ExecutionStatus.ACTIVE)
    assert (await campaign(fresh_db, campaign_id)).status == "ACTIVE"  # the echo changed nothing


@pytest.fixture
def mcc(remote: Remote, fresh_db: Database) -> Iterator[LiveServer]:
    """MCC itself with its workers, serving the webhook doors over real HTTP."""
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    server = LiveServer(create_app(remote.settings.model_copy(update={"database_url": url})))
    yield server.start()
    server.stop()


async def linked_campaign(db: Database) -> tuple[uuid.UUID, str]:
    """A campaign whose project the running outbox worker has created."""
    campaign_id = await new_campaign(db)

    async def project() -> str | None:
        return (await campaign(db, campaign_id)).project_id

    return campaign_id, await eventually_async(project, timeout=15, message="project created")


async def subscribe(remote: Remote, mcc: LiveServer) -> None:
    ids = await remote.adapter.ensure_subscriptions(f"{mcc.url}/webhooks/{remote.name}",
                                                    WEBHOOK_TOKEN)  # fmt: skip
    assert ids
    again = await remote.adapter.ensure_subscriptions(f"{mcc.url}/webhooks/{remote.name}",
                                                      WEBHOOK_TOKEN)  # fmt: skip
    assert sorted(again) == sorted(ids)  # kept, not registered twice


async def test_a_project_completed_in_the_system_completes_the_campaign_by_webhook(
    fresh_db: Database, remote: Remote, mcc: LiveServer
) -> None:
    await subscribe(remote, mcc)
    campaign_id, project_id = await linked_campaign(fresh_db)
    await remote.set_status(project_id, ExecutionStatus.COMPLETE)

    async def completed() -> bool:
        return (await campaign(fresh_db, campaign_id)).status == "COMPLETED"

    await eventually_async(completed, timeout=10, message="campaign COMPLETED")


async def test_duplicated_and_reordered_events_settle_on_the_latest_state(
    fresh_db: Database, remote: Remote, mcc: LiveServer
) -> None:
    await subscribe(remote, mcc)
    campaign_id, project_id = await linked_campaign(fresh_db)
    await remote.faults(duplicate_deliveries=True, reorder_batch=3)
    for status in (ExecutionStatus.ACTIVE, ExecutionStatus.ON_HOLD, ExecutionStatus.CANCELLED):
        await remote.set_status(project_id, status)
    await remote.admin.post("/__emulator__/deliveries/flush")

    async def settled() -> bool:
        if not await remote.deliveries_done():
            return False
        async with fresh_db.read() as session:
            busy = InboxEvent.status.in_(("pending", "processing"))
            waiting = await session.scalar(select(func.count()).select_from(InboxEvent).where(busy))
        return waiting == 0 and (await campaign(fresh_db, campaign_id)).status == "CANCELLED"

    await eventually_async(settled, timeout=15, message="deliveries applied, campaign CANCELLED")
    async with fresh_db.read() as session:
        stored = await session.scalar(select(func.count()).select_from(InboxEvent))
        parked = await session.scalar(select(func.count()).select_from(InboxEvent)
                                      .where(InboxEvent.status == "parked"))  # fmt: skip
    assert stored
    assert parked == 0


async def test_the_reconciler_repairs_what_webhooks_missed(
    fresh_db: Database, remote: Remote
) -> None:
    campaign_id = await new_campaign(fresh_db)
    await drain(fresh_db, remote)
    project_id = (await campaign(fresh_db, campaign_id)).project_id or ""
    task_id = (await remote.tasks(project_id))["Book speakers"]
    await remote.set_status(project_id, ExecutionStatus.ACTIVE)  # no webhook registered
    await remote.complete_task(task_id)
    assert (await campaign(fresh_db, campaign_id)).status == "PLANNING"

    report = await Reconciler(fresh_db, remote.adapter).run_once()
    assert report.repaired == 2  # the project and its task
    assert (await campaign(fresh_db, campaign_id)).status == "ACTIVE"
    async with fresh_db.read() as session:
        row = await session.scalar(select(CampaignTask).where(CampaignTask.remote_id == task_id))
    assert row is not None
    assert (row.status, row.percent_complete) == ("complete", 100)
    assert (await Reconciler(fresh_db, remote.adapter).run_once()).repaired == 0
