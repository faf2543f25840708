"""Compact Asana events in the inbox: fetched for their state, kept when Asana cannot answer."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.integrations.asana import webhook
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.models import Campaign, InboxEvent
from mcc.models.base import utcnow
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.inbound import InboxWorker
from mcc.sync.outbound import ProjectSync
from mcc.validation import parse
from tests.support.asana import Asana


async def linked(db: Database, adapter: AsanaAdapter) -> tuple[uuid.UUID, str]:
    data = {"name": "Autumn launch", "type": "product_launch", "launch_date": date(2026, 9, 1)}
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
    outbox = OutboxWorker(db, ProjectSync(db, adapter).handlers(),
                          policy=RetryPolicy(max_attempts=3, base_seconds=0))  # fmt: skip
    assert await outbox.run_once() == 1
    async with db.read() as session:
        row = await session.get(Campaign, campaign.id)
        assert row is not None
        assert row.project_id
        return campaign.id, row.project_id


def completed_event(project_id: str) -> dict[str, object]:
    return {"action": "changed", "created_at": utcnow().isoformat().replace("+00:00", "Z"),
            "resource": {"gid": project_id, "resource_type": "project"},
            "change": {"field": "completed", "action": "changed"}, "user": None}  # fmt: skip


async def test_an_event_waits_while_asana_cannot_answer_then_applies_its_current_state(
    fresh_db: Database, adapter: AsanaAdapter, emu: Asana
) -> None:
    campaign_id, project_id = await linked(fresh_db, adapter)
    (await emu.admin.post(f"/__emulator__/projects/{project_id}/complete")).raise_for_status()
    event = completed_event(project_id)
    async with fresh_db.write() as session:
        await InboxRepository(session).store(
            webhook.SOURCE, webhook.dedupe_key(event), webhook.event_type(event), event
        )
    worker = InboxWorker(fresh_db, adapter)
    await emu.faults(api_error_next=50, api_error_status=503, api_error_match="GET /projects/")
    assert await worker.run_once() == 1
    async with fresh_db.read() as session:
        (row,) = list(await session.scalars(select(InboxEvent)))
        campaign = await session.get(Campaign, campaign_id)
    assert row.status == "pending"  # not parked: the event is fine, Asana was not
    assert campaign is not None
    assert campaign.status == "PLANNING"

    await emu.faults(api_error_next=0)
    assert await worker.run_once() == 1
    async with fresh_db.read() as session:
        (row,) = list(await session.scalars(select(InboxEvent)))
        campaign = await session.get(Campaign, campaign_id)
    assert row.status == "processed"
    assert campaign is not None
    assert (campaign.status, campaign.project_status) == ("COMPLETED", "completed")


async def test_events_of_a_deleted_task_or_unknown_project_change_nothing(
    fresh_db: Database, adapter: AsanaAdapter, emu: Asana
) -> None:
    campaign_id, _project_id = await linked(fresh_db, adapter)
    other = await emu.project("Not a campaign")
    events = [completed_event(other["gid"]), completed_event("1209999999999999"),
              {**completed_event("1209999999999998"), "action": "deleted",
               "resource": {"gid": "1209999999999998", "resource_type": "task"}}]  # fmt: skip
    async with fresh_db.write() as session:
        inbox = InboxRepository(session)
        for event in events:
            await inbox.store(webhook.SOURCE, webhook.dedupe_key(event),
                              webhook.event_type(event), event)  # fmt: skip
    assert await InboxWorker(fresh_db, adapter).run_once() == 3
    async with fresh_db.read() as session:
        statuses = sorted(
            (e.event_type, e.status) for e in await session.scalars(select(InboxEvent))
        )
        campaign = await session.get(Campaign, campaign_id)
    # Projects that are not a campaign's (one gone from Asana) are ignored, not parked; a task
    # deletion leaves its tombstone (a late create of that task must not bring it back).
    assert statuses == [
        ("project.changed", "ignored"),
        ("project.changed", "ignored"),
        ("task.deleted", "processed"),
    ]
    assert campaign is not None
    assert campaign.status == "PLANNING"
