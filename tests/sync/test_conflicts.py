"""Visible conflicts over real HTTP: a rename in the Workfront emulator reaches MCC by webhook as
an open conflict (theirs, ours, when, who) that changes nothing until a person decides; accept
takes theirs (audited), overwrite sends ours back to Workfront through the outbox."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from mcc.db import Database
from mcc.models import AuditEntry, Campaign, SyncConflict
from tests.auth.support import issue_token
from tests.support.graphql import error_codes, gql
from tests.support.live import LiveServer, eventually_async
from tests.sync.conftest import wf_search
from tests.sync.test_inbound import create_synced_campaign, mcc_server, subscribed, wf_put

__all__ = ["mcc_server", "subscribed"]  # fixtures, used by name

CONFLICTS = """query($id: ID!) { campaignConflicts(campaignId: $id) {
  id field theirs ours remoteAt remoteBy backend state resolvedBy } }"""
RESOLVE = """mutation($id: ID!, $action: String!) { resolveConflict(id: $id, action: $action) {
  id state resolvedBy } }"""


@pytest.fixture
async def api(mcc_server: LiveServer, fresh_db: Database) -> AsyncIterator[httpx.AsyncClient]:
    token = await issue_token(fresh_db.engine.url.render_as_string(hide_password=False))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=mcc_server.url, headers=headers, timeout=10) as client:
        yield client


async def open_conflicts(db: Database, campaign_id: uuid.UUID) -> list[SyncConflict]:
    async with db.read() as session:
        rows = await session.scalars(
            select(SyncConflict).where(
                SyncConflict.campaign_id == campaign_id, SyncConflict.state == "open"
            )
        )
        return list(rows)


async def campaign_name(db: Database, campaign_id: uuid.UUID) -> str:
    async with db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign.name


async def wait_for_conflict(db: Database, campaign_id: uuid.UUID, theirs: str) -> SyncConflict:
    async def shown() -> SyncConflict | None:
        rows = [row for row in await open_conflicts(db, campaign_id) if row.theirs == theirs]
        return rows[0] if rows else None

    return await eventually_async(shown, timeout=15, message=f"conflict for {theirs!r}")


async def test_a_workfront_rename_is_a_conflict_to_accept_or_overwrite(
    fresh_db: Database,
    emulator_server: LiveServer,
    subscribed: list[str],
    api: httpx.AsyncClient,
) -> None:
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await wf_put(emulator_server.url, "PROJ", project_id, name="Spring webinar EMEA")

    conflict = await wait_for_conflict(fresh_db, campaign_id, "Spring webinar EMEA")
    # Shown, not applied: ours stays until someone decides.
    assert (conflict.field, conflict.ours) == ("name", "Spring webinar")
    assert conflict.remote_by  # who: the Workfront user who renamed it
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar"
    page = (await api.get(f"/campaigns/{campaign_id}")).text
    section = page[page.find('id="conflicts"') :]
    assert "Spring webinar EMEA" in section
    assert "Accept theirs" in section
    assert "Overwrite with ours" in section
    listed = await gql(api, CONFLICTS, {"id": str(campaign_id)})
    assert listed["data"]["campaignConflicts"][0]["theirs"] == "Spring webinar EMEA"
    assert listed["data"]["campaignConflicts"][0]["state"] == "open"

    # Accept: theirs becomes ours, with an audit entry; nothing is sent back.
    accepted = await gql(api, RESOLVE, {"id": str(conflict.id), "action": "accept"})
    assert accepted["data"]["resolveConflict"]["state"] == "accepted"
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar EMEA"
    async with fresh_db.read() as session:
        entry = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "conflict_accepted")
        )
    assert entry is not None
    assert entry.changes == {"name": ["Spring webinar", "Spring webinar EMEA"]}
    again = await gql(api, RESOLVE, {"id": str(conflict.id), "action": "accept"})
    assert error_codes(again) == ["CONFLICT"]

    # A second rename, overwritten: Workfront gets ours back and the echo settles quietly.
    await wf_put(emulator_server.url, "PROJ", project_id, name="Webinar (renamed by ops)")
    second = await wait_for_conflict(fresh_db, campaign_id, "Webinar (renamed by ops)")
    response = await api.post(
        f"/campaigns/{campaign_id}/conflicts/{second.id}", data={"action": "overwrite"}
    )
    assert response.status_code == 303, response.text

    async def restored() -> bool:
        (project,) = await wf_search(emulator_server.url, "PROJ", ID=project_id)
        return bool(project["name"] == "Spring webinar EMEA")

    await eventually_async(restored, timeout=15, message="Workfront has our name back")
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar EMEA"
    assert await open_conflicts(fresh_db, campaign_id) == []


async def test_bad_resolutions_are_clear_errors_and_change_nothing(
    fresh_db: Database,
    emulator_server: LiveServer,
    subscribed: list[str],
    api: httpx.AsyncClient,
) -> None:
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await wf_put(emulator_server.url, "PROJ", project_id, name="Renamed remotely")
    conflict = await wait_for_conflict(fresh_db, campaign_id, "Renamed remotely")

    bad_action = await gql(api, RESOLVE, {"id": str(conflict.id), "action": "merge"})
    bad_id = await gql(api, RESOLVE, {"id": "not-a-uuid", "action": "accept"})
    unknown = await gql(api, RESOLVE, {"id": str(uuid.uuid4()), "action": "accept"})
    other = await api.post(
        f"/campaigns/{uuid.uuid4()}/conflicts/{conflict.id}", data={"action": "accept"}
    )

    assert error_codes(bad_action) == ["VALIDATION"]
    assert error_codes(bad_id) == ["VALIDATION"]
    assert error_codes(unknown) == ["NOT_FOUND"]
    assert other.status_code == 404
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar"
    assert [row.id for row in await open_conflicts(fresh_db, campaign_id)] == [conflict.id]
