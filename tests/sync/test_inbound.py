"""Workfront changes reach campaigns: by webhook, and by the reconciler when webhooks are lost."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from mcc.app import create_app
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import AuditEntry, Campaign, CampaignTask, InboxEvent
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.sync.reconciler import Reconciler
from mcc.validation import parse
from tests.support.live import LiveServer, eventually_async
from tests.sync.conftest import wf_search

TOKEN = "test-webhook-token"


@pytest.fixture
def mcc_server(sync_settings: Settings, fresh_db: Database) -> Iterator[LiveServer]:
    """MCC itself, workers on, serving the webhook over real HTTP (its own engine and loop)."""
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    settings = sync_settings.model_copy(update={"database_url": url})
    server = LiveServer(create_app(settings)).start()
    yield server
    server.stop()


@pytest.fixture
async def subscribed(
    mcc_server: LiveServer, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient
) -> list[str]:
    return await workfront.ensure_subscriptions(f"{mcc_server.url}/webhooks/workfront", TOKEN)


async def create_synced_campaign(db: Database, emulator_url: str) -> tuple[uuid.UUID, str]:
    """A campaign whose project the (running) outbox worker has created."""
    task = {"name": "Book speakers", "start": "2026-02-01", "due": "2026-02-10"}
    data = {"name": "Spring webinar", "type": "webinar", "launch_date": date(2026, 3, 10),
            "tasks": [task]}  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))

    async def linked() -> str | None:
        async with db.write() as session:
            row = await session.get(Campaign, campaign.id)
            return row.project_id if row else None

    project_id = await eventually_async(linked, timeout=15, message="project created")
    return campaign.id, project_id


async def wf_put(emulator_url: str, obj: str, object_id: str, **fields: str) -> None:
    async with httpx.AsyncClient(base_url=f"{emulator_url}/attask/api/v21.0") as client:
        response = await client.put(
            f"/{obj}/{object_id}", params={"apiKey": DEFAULT_API_KEY, **fields}
        )
    response.raise_for_status()


async def campaign_status(db: Database, campaign_id: uuid.UUID) -> str:
    async with db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign.status


async def test_status_change_in_workfront_updates_the_campaign(
    fresh_db: Database, emulator_server: LiveServer, subscribed: list[str]
) -> None:
    assert len(subscribed) == 6  # PROJ and TASK × CREATE, UPDATE, DELETE
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await wf_put(emulator_server.url, "PROJ", project_id, status="ONH")

    async def paused() -> bool:
        return await campaign_status(fresh_db, campaign_id) == "PAUSED"

    await eventually_async(paused, timeout=10, message="campaign paused")
    async with fresh_db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.project_status == "ONH"


async def test_task_progress_in_workfront_reaches_the_campaign_plan(
    fresh_db: Database, emulator_server: LiveServer, subscribed: list[str]
) -> None:
    _campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    (task,) = await wf_search(emulator_server.url, "TASK", projectID=project_id)
    await wf_put(emulator_server.url, "TASK", task["ID"], status="INP")

    async def in_progress() -> bool:
        async with fresh_db.write() as session:
            row = await session.scalar(
                select(CampaignTask).where(CampaignTask.remote_id == task["ID"])
            )
            return row is not None and row.status == "in_progress"

    await eventually_async(in_progress, timeout=10, message="task in progress")


async def test_duplicate_and_reordered_events_settle_on_the_newest_state(
    fresh_db: Database, emulator_server: LiveServer, emulator: httpx.AsyncClient,
    subscribed: list[str],
) -> None:  # fmt: skip
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await emulator.post("/__emulator__/faults", json={"duplicate_deliveries": True,
                                                      "reorder_batch": 3})  # fmt: skip
    for status in ("CUR", "ONH", "DED"):
        await wf_put(emulator_server.url, "PROJ", project_id, status=status)
    await emulator.post("/__emulator__/deliveries/flush")

    async def settled() -> bool:
        deliveries = (await emulator.get("/__emulator__/deliveries")).json()
        items = deliveries if isinstance(deliveries, list) else deliveries.get("deliveries", [])
        if any(item.get("status") in ("pending", "held") for item in items):
            return False
        async with fresh_db.write() as session:
            busy = InboxEvent.status.in_(("pending", "processing"))
            waiting = await session.scalar(select(func.count()).select_from(InboxEvent).where(busy))
        return waiting == 0

    await eventually_async(settled, timeout=15, message="all deliveries made and applied")
    assert await campaign_status(fresh_db, campaign_id) == "CANCELLED"
    async with fresh_db.write() as session:
        parked = await session.scalar(select(func.count()).select_from(InboxEvent)
                                      .where(InboxEvent.status == "parked"))  # fmt: skip
    assert parked == 0


async def test_the_reconciler_repairs_what_webhooks_missed(
    fresh_db: Database, sync_settings: Settings, workfront: WorkfrontAdapter,
    emulator_server: LiveServer, mcc_server: LiveServer,
) -> None:  # fmt: skip
    # No subscription: Workfront's events for these changes never arrive.
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    (task,) = await wf_search(emulator_server.url, "TASK", projectID=project_id)
    await wf_put(emulator_server.url, "PROJ", project_id, status="CUR")
    await wf_put(emulator_server.url, "TASK", task["ID"], status="CPL")
    assert await campaign_status(fresh_db, campaign_id) == "PLANNING"

    report = await Reconciler(fresh_db, workfront).run_once()
    assert report.repaired == 2  # the project and its task
    assert await campaign_status(fresh_db, campaign_id) == "ACTIVE"
    async with fresh_db.write() as session:
        row = await session.scalar(select(CampaignTask).where(CampaignTask.remote_id == task["ID"]))
        assert row is not None
        assert (row.status, row.percent_complete) == ("complete", 100)

    again = await Reconciler(fresh_db, workfront).run_once()  # from the saved watermark
    assert again.repaired == 0
    assert again.watermark >= report.watermark


async def test_the_reconciler_repairs_a_task_change_alone(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator_server: LiveServer,
    mcc_server: LiveServer,
) -> None:  # fmt: skip
    _, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    reconciler = Reconciler(fresh_db, workfront)
    await reconciler.run_once()
    (task,) = await wf_search(emulator_server.url, "TASK", projectID=project_id)
    await wf_put(emulator_server.url, "TASK", task["ID"], status="INP")  # no webhook arrives

    report = await reconciler.run_once()
    assert report.repaired == 1
    async with fresh_db.write() as session:
        row = await session.scalar(select(CampaignTask).where(CampaignTask.remote_id == task["ID"]))
        assert row is not None
        assert row.status == "in_progress"


async def test_an_end_date_from_workfront_is_in_the_campaigns_history(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator_server: LiveServer,
    mcc_server: LiveServer,
) -> None:  # fmt: skip
    """Finding (newcomer run): Workfront's planned completion became the campaign's end date,
    shown on its page with no provenance and missing from its History, while a status from the
    same event was listed there ("status changed by sync via sync")."""
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await wf_put(emulator_server.url, "PROJ", project_id, status="CUR",
                 plannedCompletionDate="2026-03-31")  # fmt: skip

    await Reconciler(fresh_db, workfront).run_once()

    async with fresh_db.read() as session:
        entries = (await session.scalars(
            select(AuditEntry).where(AuditEntry.campaign_id == campaign_id,
                                     AuditEntry.actor == "sync")
        )).all()  # fmt: skip
    changes = {name: pair for entry in entries for name, pair in entry.changes.items()}
    assert changes.get("end_date", [None, None])[1] == "2026-03-31", changes
    assert changes["status"] == ["PLANNING", "ACTIVE"]
