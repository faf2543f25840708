"""A remote edit made while our own update is still queued is not overwritten when the update is
delivered (issue 15: never silent last-write-wins): the field is left as theirs and becomes an open
conflict; overwrite then sends ours. Real HTTP to the Workfront emulator, the handler run directly
(through the outbox worker) so the order is deterministic."""

from __future__ import annotations

import httpx

from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workmgmt import ProjectChanges
from mcc.sync.conflicts import ConflictService
from mcc.teams.scope import Scope
from tests.support.live import LiveServer
from tests.sync.conftest import wf_search
from tests.sync.test_conflicts import campaign_name, open_conflicts
from tests.sync.test_inbound import wf_put
from tests.sync.test_outbound import drain, synced_campaign


async def test_a_rename_there_while_ours_is_queued_stays_and_becomes_a_conflict(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id, outbox, project = await synced_campaign(fresh_db, workfront, emulator_server.url)
    async with fresh_db.write() as session:  # ours, queued
        await CampaignService(session).update(campaign_id, CampaignUpdate(name="Ours while theirs"))
    await wf_put(emulator_server.url, "PROJ", project["ID"], name="Theirs meanwhile")
    await drain(fresh_db, outbox)  # our queued row is delivered now

    (project,) = await wf_search(emulator_server.url, "PROJ", ID=project["ID"])
    assert project["name"] == "Theirs meanwhile"  # not overwritten
    (conflict,) = await open_conflicts(fresh_db, campaign_id)
    assert (conflict.field, conflict.ours, conflict.theirs) == (
        "name", "Ours while theirs", "Theirs meanwhile"
    )  # fmt: skip
    assert conflict.remote_by  # who renamed it there
    assert await campaign_name(fresh_db, campaign_id) == "Ours while theirs"

    async with fresh_db.write() as session:  # the person chooses ours
        await ConflictService(session, Scope.system()).resolve(conflict.id, "overwrite")
    await drain(fresh_db, outbox)
    (project,) = await wf_search(emulator_server.url, "PROJ", ID=project["ID"])
    assert project["name"] == "Ours while theirs"
    assert await open_conflicts(fresh_db, campaign_id) == []


async def test_a_queued_rename_does_not_resend_an_objective_edited_there(
    fresh_db: Database, workfront: WorkfrontAdapter, emulator: httpx.AsyncClient,
    emulator_server: LiveServer,
) -> None:  # fmt: skip
    campaign_id, outbox, project = await synced_campaign(fresh_db, workfront, emulator_server.url)
    async with fresh_db.write() as session:
        await CampaignService(session).update(campaign_id, CampaignUpdate(name="Renamed here"))
    before = (await workfront.get_project(project["ID"])).strategy
    assert before.get("objective") == "Increase sign-ups by 10%"
    await workfront.update_project(project["ID"], _objective("Double sign-ups"))
    await drain(fresh_db, outbox)

    remote = await workfront.get_project(project["ID"])
    assert remote.name == "Renamed here"  # ours: nobody changed it there
    assert remote.strategy.get("objective") == "Double sign-ups"  # theirs: not resent
    (conflict,) = await open_conflicts(fresh_db, campaign_id)
    assert (conflict.field, conflict.theirs) == ("objective", "Double sign-ups")


def _objective(text: str) -> ProjectChanges:
    return ProjectChanges(strategy={"objective": text})
