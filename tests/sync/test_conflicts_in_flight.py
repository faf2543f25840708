"""A remote edit made while our own write is on its way is held back, not lost: once the write
lands, the project is read back and the edit becomes a conflict (issue 15: never silent)."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select

from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.service import CREATE_PROJECT
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import Campaign, OutboxMessage
from mcc.outbox.repository import IN_FLIGHT
from mcc.sync.apply import apply_project
from mcc.sync.outbound import ProjectSync
from mcc.sync.payload import project_spec
from tests.support.live import LiveServer
from tests.sync.test_conflicts import open_conflicts
from tests.sync.test_inbound import wf_put
from tests.sync.test_outbound import create_campaign


async def claim_creation(db: Database, campaign_id: uuid.UUID) -> uuid.UUID:
    """Mark the campaign's CREATE_PROJECT row as the worker does when it takes it."""
    async with db.write() as session:
        message = (
            await session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.aggregate_id == str(campaign_id),
                    OutboxMessage.topic == CREATE_PROJECT,
                )
            )
        ).one()
        message.status = IN_FLIGHT
        return message.id


async def test_a_rename_made_while_the_project_is_created_becomes_a_conflict(
    fresh_db: Database,
    workfront: WorkfrontAdapter,
    emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:
    campaign_id = await create_campaign(fresh_db)
    message_id = await claim_creation(fresh_db, campaign_id)
    async with fresh_db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        spec = project_spec(campaign, list(await CampaignRepository(session).tasks_of(campaign_id)))
    # The worker's first call has landed: the project exists, its tasks not yet. A person
    # renames it in Workfront now, and the webhook of that rename reaches us meanwhile.
    project = await workfront.create_project(spec)
    await wf_put(emulator_server.url, "PROJ", project.id, name="SMB promo (renamed)")
    async with fresh_db.write() as session:
        await apply_project(session, await workfront.get_project(project.id), source="workfront")
    # Held back while our creation is on its way: the remote is behind ours by design.
    assert await open_conflicts(fresh_db, campaign_id) == []

    async with fresh_db.read() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
    await ProjectSync(fresh_db, workfront).create_project(message)

    conflicts = await open_conflicts(fresh_db, campaign_id)
    assert [(row.field, row.ours, row.theirs) for row in conflicts] == [
        ("name", "Q1 SMB Promotion", "SMB promo (renamed)")
    ]
    async with fresh_db.read() as session:
        kept = await session.get(Campaign, campaign_id)
        assert kept is not None
        assert kept.name == "Q1 SMB Promotion"  # ours stays until a person decides
