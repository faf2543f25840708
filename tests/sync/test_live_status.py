"""Asked for the live status, the assistant reads Workfront now instead of the last sync."""

from __future__ import annotations

import uuid

import httpx

from mcc.agent.service import AgentService
from mcc.agent.tools import Identity
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import Campaign
from mcc.sync.runtime import build_backend
from tests.support.live import LiveServer
from tests.support.net import free_port
from tests.sync.test_inbound import wf_put
from tests.sync.test_outbound import create_campaign, drain, worker


async def ask(db: Database, settings: Settings, backend: WorkfrontAdapter, text: str) -> str:
    service = AgentService(db, settings, identity=Identity("pm@mcc.test"), backend=backend)
    return (await service.send_message(None, text)).content


async def linked_campaign(db: Database, backend: WorkfrontAdapter) -> tuple[uuid.UUID, str]:
    campaign_id = await create_campaign(db)
    await drain(db, worker(db, backend))
    async with db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.project_id
        return campaign_id, campaign.project_id


async def test_live_status_reads_workfront_and_updates_the_campaign(
    fresh_db: Database, sync_settings: Settings, workfront: WorkfrontAdapter,
    emulator: httpx.AsyncClient, emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id, project_id = await linked_campaign(fresh_db, workfront)
    await wf_put(emulator_server.url, "PROJ", project_id, status="ONH")  # no webhook subscribed

    synced = await ask(fresh_db, sync_settings, workfront, "status of Q1 SMB Promotion")
    assert "status PLANNING" in synced
    assert "Checked live" not in synced

    live = await ask(fresh_db, sync_settings, workfront,
                     "what's the live status of Q1 SMB Promotion in Workfront?")  # fmt: skip
    assert "status PAUSED" in live
    assert "is ONH" in live
    assert "Checked live in Workfront just now" in live
    async with fresh_db.write() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert (campaign.status, campaign.project_status) == ("PAUSED", "ONH")


async def test_live_status_falls_back_when_workfront_is_down(
    fresh_db: Database, sync_settings: Settings, workfront: WorkfrontAdapter,
    http: httpx.AsyncClient, emulator: httpx.AsyncClient,
) -> None:  # fmt: skip
    await linked_campaign(fresh_db, workfront)
    down = sync_settings.model_copy(update={"workfront_url": f"http://127.0.0.1:{free_port()}"})
    unreachable = build_backend(down, http)
    assert isinstance(unreachable, WorkfrontAdapter)
    reply = await ask(fresh_db, sync_settings, unreachable,
                      "what is the status of Q1 SMB Promotion right now?")  # fmt: skip
    assert "status PLANNING" in reply
    assert "couldn't reach Workfront just now" in reply
