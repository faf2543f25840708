"""Visible conflicts on Asana, over real HTTP: a person renames the project and rewrites its
objective in the Asana emulator; its webhook reaches a running MCC, whose inbox worker fetches the
project and opens a conflict per owned field (theirs, ours, when, who) that changes nothing until
someone decides. Accept takes theirs (audited); overwrite sends ours back to Asana."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcc.app import create_app
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.integrations.backends import build_backend
from mcc.models import Campaign
from mcc.sync.conflict_repository import ConflictRepository
from mcc.validation import parse
from tests.auth.support import issue_token
from tests.integrations.asana.conftest import asana_settings
from tests.integrations.asana.test_exact_preview import text_field
from tests.support.asana import Asana
from tests.support.graphql import gql
from tests.support.live import LiveServer, eventually_async
from tests.sync.test_conflicts import CONFLICTS, RESOLVE, campaign_name, wait_for_conflict


@pytest.fixture
async def fields(emu: Asana) -> dict[str, str]:
    return {"objective": await text_field(emu, "MCC Objective"),
            "budget": await text_field(emu, "MCC Budget")}  # fmt: skip


@pytest.fixture
def settings(emu: Asana, tmp_path: Path, fields: dict[str, str], fresh_db: Database) -> Settings:
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    return asana_settings(emu, tmp_path, asana_custom_fields=fields, database_url=url,
                          outbox_poll_seconds=0.05, reconcile_seconds=3600)  # fmt: skip


@pytest.fixture
def mcc_server(settings: Settings) -> Iterator[LiveServer]:
    """MCC itself, workers on, its Asana webhook door on real HTTP (its own engine and loop)."""
    server = LiveServer(create_app(settings)).start()
    yield server
    server.stop()


@pytest.fixture
async def api(mcc_server: LiveServer, fresh_db: Database) -> AsyncIterator[httpx.AsyncClient]:
    token = await issue_token(fresh_db.engine.url.render_as_string(hide_password=False))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=mcc_server.url, headers=headers, timeout=10) as client:
        yield client


@pytest.fixture
async def asana(settings: Settings, http: httpx.AsyncClient) -> AsanaAdapter:
    backend = build_backend(settings, http)
    assert isinstance(backend, AsanaAdapter)
    return backend


async def synced_campaign(db: Database) -> tuple[uuid.UUID, str]:
    data = {"name": "Spring webinar", "type": "webinar", "launch_date": date(2031, 3, 10),
            "objective": "Fill the funnel", "budget": Decimal(12000),
            "currency": "USD"}  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))

    async def linked() -> str | None:
        """The project, once our creation has landed: an edit while our write is in flight is
        not a conflict yet (`conflicts.notice`), so the person edits after it."""
        async with db.read() as session:
            row = await session.get(Campaign, campaign.id)
            if await ConflictRepository(session).our_write_pending(campaign.id):
                return None
            return row.project_id if row else None

    return campaign.id, await eventually_async(linked, timeout=15, message="project created")


async def project_fields(emu: Asana, gid: str) -> dict[str, Any]:
    response = await emu.api.get(f"/projects/{gid}", params={
        "opt_fields": "name,custom_fields.gid,custom_fields.display_value"})  # fmt: skip
    data: dict[str, Any] = response.json()["data"]
    return data


async def test_an_asana_rename_and_objective_edit_are_conflicts_to_accept_or_overwrite(
    fresh_db: Database, emu: Asana, fields: dict[str, str], mcc_server: LiveServer,
    asana: AsanaAdapter, api: httpx.AsyncClient,
) -> None:  # fmt: skip
    hooks = await asana.ensure_subscriptions(f"{mcc_server.url}/webhooks/asana",
                                             "test-webhook-token")  # fmt: skip
    assert len(hooks) == 1
    campaign_id, project = await synced_campaign(fresh_db)
    held = await project_fields(emu, project)
    values = {f["gid"]: f["display_value"] for f in held["custom_fields"]}
    assert values[fields["objective"]] == "Fill the funnel"  # ours, written at creation

    # A person in Asana renames the project and rewrites its objective.
    edit = {"name": "Spring webinar EMEA", "custom_fields": {fields["objective"]: "EMEA leads"}}
    response = await emu.api.put(f"/projects/{project}", json={"data": edit})
    assert response.status_code == 200, response.text

    name = await wait_for_conflict(fresh_db, campaign_id, "Spring webinar EMEA")
    objective = await wait_for_conflict(fresh_db, campaign_id, "EMEA leads")
    assert (name.field, name.ours, name.backend) == ("name", "Spring webinar", "asana")
    assert (objective.field, objective.ours) == ("objective", "Fill the funnel")
    assert name.remote_by == emu.info["user"]  # who: the Asana user the event names
    assert name.remote_at is not None  # when
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar"  # shown, not applied
    listed = await gql(api, CONFLICTS, {"id": str(campaign_id)})
    assert {c["field"] for c in listed["data"]["campaignConflicts"]} == {"name", "objective"}
    assert "EMEA leads" in (await api.get(f"/campaigns/{campaign_id}")).text

    # Accept the name: theirs becomes ours, nothing is sent back.
    accepted = await gql(api, RESOLVE, {"id": str(name.id), "action": "accept"})
    assert accepted["data"]["resolveConflict"]["state"] == "accepted"
    assert await campaign_name(fresh_db, campaign_id) == "Spring webinar EMEA"

    # Overwrite the objective: Asana gets ours back through the outbox.
    overwritten = await gql(api, RESOLVE, {"id": str(objective.id), "action": "overwrite"})
    assert overwritten["data"]["resolveConflict"]["state"] == "overwritten"

    async def restored() -> bool:
        data = await project_fields(emu, project)
        held = {f["gid"]: f["display_value"] for f in data["custom_fields"]}
        return bool(held[fields["objective"]] == "Fill the funnel")

    await eventually_async(restored, timeout=15, message="Asana has our objective back")
    async with fresh_db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert (campaign.name, campaign.objective) == ("Spring webinar EMEA", "Fill the funnel")
    assert (await project_fields(emu, project))["name"] == "Spring webinar EMEA"
