"""Asana (issue 15, sweep F6): a rename made in Asana while our rename is queued stays there when
our row is delivered, and becomes an open conflict (theirs, ours, who); overwrite sends ours.
The outbox handler is run directly so the order is deterministic; Asana is its emulator on HTTP."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.models import Campaign
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.conflicts import ConflictService
from mcc.sync.outbound import ProjectSync
from mcc.teams.scope import Scope
from mcc.validation import parse
from tests.integrations.asana.test_conflicts import asana, fields, project_fields, settings
from tests.support.asana import Asana
from tests.sync.test_conflicts import campaign_name, open_conflicts
from tests.sync.test_outbound import drain

__all__ = ["asana", "fields", "settings"]  # fixtures, used by name


async def test_an_asana_rename_while_ours_is_queued_stays_and_becomes_a_conflict(
    fresh_db: Database, emu: Asana, asana: AsanaAdapter
) -> None:
    outbox = OutboxWorker(fresh_db, ProjectSync(fresh_db, asana).handlers(),
                          policy=RetryPolicy(max_attempts=5, base_seconds=0))  # fmt: skip
    data = {"name": "Spring webinar", "type": "webinar", "launch_date": date(2031, 3, 10),
            "objective": "Fill the funnel", "budget": Decimal(12000),
            "currency": "USD"}  # fmt: skip
    async with fresh_db.write() as session:
        campaign_id = (
            await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
        ).id
    await drain(fresh_db, outbox)
    async with fresh_db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.project_id
        gid = campaign.project_id

    async with fresh_db.write() as session:  # ours, queued
        await CampaignService(session).update(campaign_id, CampaignUpdate(name="Ours while theirs"))
    response = await emu.api.put(f"/projects/{gid}", json={"data": {"name": "Theirs meanwhile"}})
    assert response.status_code == 200, response.text
    await drain(fresh_db, outbox)

    assert (await project_fields(emu, gid))["name"] == "Theirs meanwhile"
    (conflict,) = await open_conflicts(fresh_db, campaign_id)
    assert (conflict.field, conflict.ours, conflict.theirs, conflict.backend) == (
        "name", "Ours while theirs", "Theirs meanwhile", "asana"
    )  # fmt: skip
    # who: Asana's project read names no modifier (only its webhook events do), so none here
    assert await campaign_name(fresh_db, campaign_id) == "Ours while theirs"

    async with fresh_db.write() as session:
        await ConflictService(session, Scope.system()).resolve(conflict.id, "overwrite")
    await drain(fresh_db, outbox)
    assert (await project_fields(emu, gid))["name"] == "Ours while theirs"
    assert await open_conflicts(fresh_db, campaign_id) == []
