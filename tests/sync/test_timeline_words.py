"""The sync timeline's words for a call, from real deliveries to the Workfront emulator.

A newcomer read "Sent workmgmt.create_project ... · no answer" on every campaign whose project
had been created (s29/n2): the worker records no HTTP status for a call that succeeded, and the
timeline took the missing status for a missing response.
"""

from __future__ import annotations

import httpx
from sqlalchemy import select

from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import Campaign, CampaignTask
from mcc.sync.runtime import build_backend
from mcc.sync.timeline import sync_timeline
from tests.support.net import free_port
from tests.sync.test_outbound import create_campaign, drain, worker


async def sent_entries(db: Database, campaign_id: object) -> list[str]:
    async with db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        of_campaign = select(CampaignTask).where(CampaignTask.campaign_id == campaign_id)
        tasks = list(await session.scalars(of_campaign))
        entries = await sync_timeline(session, campaign, tasks)
    return [entry.detail for entry in entries if entry.title.startswith("Sent ")]


async def test_a_delivered_call_reads_done_not_no_answer(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient
) -> None:
    campaign_id = await create_campaign(fresh_db)
    await drain(fresh_db, worker(fresh_db, workfront))
    (detail,) = await sent_entries(fresh_db, campaign_id)
    assert "3 new of 3 tasks" in detail
    assert detail.endswith("· done")
    assert "no answer" not in detail


async def test_a_call_nobody_answered_still_reads_no_answer(
    fresh_db: Database, sync_settings: Settings, http: httpx.AsyncClient
) -> None:
    nowhere = sync_settings.model_copy(
        update={"workfront_url": f"http://127.0.0.1:{free_port()}", "workfront_max_retries": 0}
    )
    backend = build_backend(nowhere, http)
    assert isinstance(backend, WorkfrontAdapter)
    campaign_id = await create_campaign(fresh_db)
    await worker(fresh_db, backend, max_attempts=1).run_once()
    (detail,) = await sent_entries(fresh_db, campaign_id)
    assert "no answer" in detail
