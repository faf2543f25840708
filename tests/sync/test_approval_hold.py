"""A campaign waiting for approval sends nothing to Workfront; its approval sends the project,
then the updates made meanwhile, then the decision as a note on the project."""

from __future__ import annotations

import uuid

import httpx

from mcc.approvals.service import ApprovalService
from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.schemas import Role
from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.validation import parse
from tests.support.live import LiveServer
from tests.sync.conftest import wf_search
from tests.sync.test_outbound import drain, messages, worker

AUTHOR = Actor(AuditSource.API, uuid.uuid4(), "author@mcc.test", Role.MARKETER)
ADMIN = Actor(AuditSource.UI, uuid.uuid4(), "boss@mcc.test", Role.ADMIN)


async def test_held_until_approved_then_project_updates_and_note_in_order(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    data = {"name": "Held Summit", "type": "event", "budget": "150000"}
    async with fresh_db.write() as session:
        service = CampaignService(session, actor=AUTHOR)
        campaign = await service.create(parse(CampaignCreate, data, what="campaign"))
        campaign_id = campaign.id
    async with fresh_db.write() as session:
        await CampaignService(session, actor=AUTHOR).update(
            campaign_id, parse(CampaignUpdate, {"name": "Held Summit 2031"}, what="update")
        )
    outbox = worker(fresh_db, workfront)
    await drain(fresh_db, outbox)
    assert [m.status for m in await messages(fresh_db)] == ["held", "held"]
    requests = (await emulator.get("/__emulator__/requests")).json()["requests"]
    assert [r for r in requests if str(campaign_id) in r["body"] + r["query"]] == []
    assert await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id)) == []

    async with fresh_db.write() as session:
        await ApprovalService(session, ADMIN).approve(campaign_id, "Go")
    await drain(fresh_db, outbox)
    rows = await messages(fresh_db)
    assert [(m.topic, m.status) for m in rows] == [
        ("workmgmt.create_project", "done"),
        ("workmgmt.update_project", "done"),
        ("workmgmt.add_note", "done"),
    ]
    [project] = await wf_search(emulator_server.url, "PROJ", extRefID=str(campaign_id))
    assert project["name"] == "Held Summit 2031"
    async with httpx.AsyncClient(base_url=f"{emulator_server.url}/attask/api/v21.0") as client:
        params = {"apiKey": DEFAULT_API_KEY, "objID": project["ID"]}
        [note] = (await client.get("/NOTE/search", params=params)).json()["data"]
    assert note["noteText"] == "Approved in MCC by boss@mcc.test (Tier 1, VP of Marketing): Go"
