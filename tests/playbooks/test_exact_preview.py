"""Exact preview: what the campaign page and GraphQL show is what the outbox row will send, and
an API-created email campaign gets its checklist's tasks in Workfront (emulator, sync worker)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.campaigns.plans import bundled_checklists
from mcc.campaigns.service import CREATE_PROJECT
from mcc.config import Settings, get_settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import OutboxMessage
from tests.support.live import LiveServer
from tests.sync.conftest import wf_search
from tests.sync.test_outbound import drain, worker

LAUNCH = date.today() + timedelta(days=90)
CREATE = (
    """mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaignId } }"""
)
PREVIEW = "query($id: ID!) { campaignExactRequests(campaignId: $id) }"


async def api(db: Database, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with db.write() as session:
        auth = AuthService(session)
        user = await auth.create_user("admin@mcc.test", None, role=Role.ADMIN)
        token = await auth.create_api_token(user, "tests")
    transport = httpx.ASGITransport(app=create_app(settings, database=db))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test",
                                 headers=headers) as client:  # fmt: skip
        yield client


async def graphql(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> Any:
    body = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in body, body
    return body["data"]


async def create_email_campaign(client: httpx.AsyncClient) -> str:
    data = await graphql(client, CREATE, {"input": {
        "name": "Spring newsletter", "type": "email", "budget": "12000",
        "launchDate": LAUNCH.isoformat(), "objective": "Grow sign-ups by 10%",
    }})  # fmt: skip
    return str(data["createCampaign"]["campaignId"])


async def outbox_payload(db: Database, campaign_id: str) -> dict[str, Any]:
    async with db.read() as session:
        message = await session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.topic == CREATE_PROJECT, OutboxMessage.aggregate_id == campaign_id
            )
        )
        assert message is not None
        return dict(message.payload)


@pytest.fixture
def workfront_env(monkeypatch: pytest.MonkeyPatch, sync_settings: Settings) -> Iterator[Settings]:
    """The process settings (what services read) name the same Workfront, with a template."""
    for name, value in {
        "MCC_WORKMGMT_BACKEND": "workfront", "MCC_WORKFRONT_URL": sync_settings.workfront_url,
        "MCC_WORKFRONT_API_KEY": "x", "MCC_WORKFRONT_TEMPLATES": json.dumps({"tier1": "TPL-T1"}),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, str(value))
    get_settings.cache_clear()
    yield sync_settings
    get_settings.cache_clear()


async def test_the_expanded_preview_equals_the_outbox_payload(
    fresh_db: Database, workfront_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MCC_WORKFRONT_TEMPLATES", json.dumps({"email": "TPL-EMAIL"}))
    get_settings.cache_clear()
    async for client in api(fresh_db, workfront_env):
        campaign_id = await create_email_campaign(client)
        preview = (await graphql(client, PREVIEW, {"id": campaign_id}))["campaignExactRequests"]
        page = (await client.get(f"/campaigns/{campaign_id}")).text
    payload = await outbox_payload(fresh_db, campaign_id)
    assert preview == payload
    project = payload["project"]
    assert project["templateID"] == "TPL-EMAIL"
    assert project["parameterValues"]["DE:MCC Objective"] == "Grow sign-ups by 10%"
    checklist = bundled_checklists()["email"]
    assert [t["name"] for t in payload["tasks"]] == [item.name for item in checklist.items]
    first = checklist.items[0]
    assert (
        payload["tasks"][0]["plannedStartDate"]
        == (LAUNCH - timedelta(days=first.starts_before)).isoformat()
    )
    assert "TPL-EMAIL" in page
    assert "exact-requests" in page


async def test_an_api_created_email_campaign_gets_the_checklist_tasks_in_workfront(
    fresh_db: Database, workfront_env: Settings, workfront: WorkfrontAdapter,
    emulator: httpx.AsyncClient, emulator_server: LiveServer,
) -> None:  # fmt: skip
    async for client in api(fresh_db, workfront_env):
        campaign_id = await create_email_campaign(client)
    payload = await outbox_payload(fresh_db, campaign_id)

    await drain(fresh_db, worker(fresh_db, workfront))

    (project,) = await wf_search(emulator_server.url, "PROJ", extRefID=campaign_id)
    for field in ("name", "status", "plannedStartDate"):
        assert str(project[field]).startswith(str(payload["project"][field])), field
    tasks = await wf_search(emulator_server.url, "TASK", projectID=project["ID"])
    checklist = bundled_checklists()["email"]
    assert sorted(t["name"] for t in tasks) == sorted(item.name for item in checklist.items)
    sent = {t["name"]: t for t in payload["tasks"]}
    for task in tasks:
        assert task["plannedStartDate"].startswith(sent[task["name"]]["plannedStartDate"])
        assert task["plannedCompletionDate"].startswith(sent[task["name"]]["plannedCompletionDate"])
