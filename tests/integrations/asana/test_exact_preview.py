"""With Asana configured, the exact preview (GraphQL `campaignExactRequests`, the outbox row) is
what the Asana emulator receives when the campaign's project is created: every write, in order,
body for body, but for the gids only Asana knows (the project's, its sections')."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcc.config import Settings, get_settings
from mcc.db import Database
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.integrations.asana.requests import PROJECT_ID, section_ref
from mcc.integrations.backends import build_backend
from mcc.models import Campaign
from tests.integrations.asana.conftest import asana_settings
from tests.playbooks.test_exact_preview import (
    PREVIEW,
    api,
    create_email_campaign,
    graphql,
    outbox_payload,
)
from tests.support.asana import Asana
from tests.sync.test_outbound import drain, worker

API = "/api/1.0"


async def text_field(emu: Asana, name: str) -> str:
    response = await emu.api.post("/custom_fields", json={"data": {
        "workspace": emu.workspace, "resource_subtype": "text", "name": name}})  # fmt: skip
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["gid"])


@pytest.fixture
async def asana_env(
    emu: Asana, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Settings]:
    """The process settings (what the preview and the outbox payload read) and the app's name
    the same Asana, with the objective and budget in custom fields."""
    fields = {"objective": await text_field(emu, "MCC Objective"),
              "budget": await text_field(emu, "MCC Budget")}  # fmt: skip
    for name, value in {
        "MCC_WORKMGMT_BACKEND": "asana", "MCC_ASANA_URL": f"{emu.url}{API}",
        "MCC_ASANA_TOKEN": emu.info["token"], "MCC_ASANA_WORKSPACE": emu.workspace,
        "MCC_ASANA_TEAM": emu.team, "MCC_ASANA_CUSTOM_FIELDS": json.dumps(fields),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield asana_settings(emu, tmp_path, asana_custom_fields=fields)
    get_settings.cache_clear()


async def logged_writes(emu: Asana, skip: int) -> list[dict[str, Any]]:
    """The writes Asana received after the first `skip` calls, as the preview lists them."""
    log = (await emu.admin.get("/__emulator__/requests")).json()["requests"][skip:]
    return [
        {"method": r["method"], "path": r["path"].removeprefix(API),
         "body": json.loads(r["body"])["data"]}
        for r in log if r["method"] != "GET"
    ]  # fmt: skip


async def with_gids(emu: Asana, preview: list[dict[str, Any]], project: str) -> Any:
    """The preview with the project's and its sections' gids in place of the placeholders."""
    text = json.dumps(preview).replace(PROJECT_ID, project)
    sections = (await emu.api.get(f"/projects/{project}/sections")).json()["data"]
    for section in sections:
        text = text.replace(section_ref(section["name"]), section["gid"])
    return json.loads(text)


@pytest.mark.parametrize("template", [None, "Webinar"])
async def test_what_asana_receives_is_the_exact_preview(
    fresh_db: Database, asana_env: Settings, emu: Asana, http: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch, template: str | None,
) -> None:  # fmt: skip
    if template is not None:  # an email campaign is made from Asana's "Webinar" template
        templates = json.dumps({"email": emu.info["templates"][template]})
        monkeypatch.setenv("MCC_ASANA_TEMPLATES", templates)
        get_settings.cache_clear()
        asana_env = asana_env.model_copy(update={"asana_templates": json.loads(templates)})
    async for client in api(fresh_db, asana_env):
        campaign_id = await create_email_campaign(client)
        shown = (await graphql(client, PREVIEW, {"id": campaign_id}))["campaignExactRequests"]
        page = (await client.get(f"/campaigns/{campaign_id}")).text
    assert shown == await outbox_payload(fresh_db, campaign_id)  # the row sends what is shown
    assert shown["backend"] == "asana"
    assert "/tasks" in page
    assert "exact-requests" in page
    preview = shown["requests"]
    first = preview[0]
    if template is None:
        assert (first["method"], first["path"]) == ("POST", f"/teams/{emu.team}/projects")
        assert first["body"]["custom_fields"] == {
            asana_env.asana_custom_fields["objective"]: "Grow sign-ups by 10%",
            asana_env.asana_custom_fields["budget"]: "12000.00 USD",
        }
    else:
        assert first["path"].endswith("/instantiateProject")
        assert preview[1]["method"] == "PUT"
    tasks = [r["body"] for r in preview if r["path"] == "/tasks"]
    assert tasks
    assert all(t["due_on"] and t["memberships"] for t in tasks)

    skip = len((await emu.admin.get("/__emulator__/requests")).json()["requests"])
    backend = build_backend(asana_env, http)
    assert isinstance(backend, AsanaAdapter)
    await drain(fresh_db, worker(fresh_db, backend))  # type: ignore[arg-type]

    async with fresh_db.read() as session:
        campaign = await session.get(Campaign, uuid.UUID(campaign_id))
        assert campaign is not None
        assert campaign.project_id
        project = campaign.project_id
    received = await logged_writes(emu, skip)
    assert received == await with_gids(emu, preview, project)
    data = (await emu.api.get(f"/projects/{project}", params={
        "opt_fields": "custom_fields.gid,custom_fields.display_value"})).json()["data"]  # fmt: skip
    held = {f["gid"]: f["display_value"] for f in data["custom_fields"]}
    assert held[asana_env.asana_custom_fields["objective"]] == "Grow sign-ups by 10%"
