"""With Workfront configured, the exact preview (GraphQL `campaignExactRequests`, the outbox row)
is what the Workfront emulator receives when the campaign's project is created: the project's
body, then each task's, body for body, but for the project's ID, which Workfront assigns."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from mcc.config import Settings, get_settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import Campaign
from mcc.sync.payload import PROJECT_ID
from tests.playbooks.test_exact_preview import (  # noqa: F401  (a fixture, used by name)
    PREVIEW,
    api,
    create_email_campaign,
    graphql,
    outbox_payload,
    workfront_env,
)
from tests.support.live import LiveServer
from tests.sync.test_outbound import drain, worker


async def created_bodies(emulator: httpx.AsyncClient, skip: int) -> list[tuple[str, Any]]:
    """(object, body) of each create Workfront received after its first `skip` calls."""
    log = (await emulator.get("/__emulator__/requests")).json()["requests"][skip:]
    return [
        (r["path"].rsplit("/", 1)[-1], json.loads(r["body"]))
        for r in log
        if r["method"] == "POST" and r["path"].rsplit("/", 1)[-1] in ("PROJ", "TASK")
    ]


async def test_what_workfront_receives_is_the_exact_preview(
    fresh_db: Database, workfront_env: Settings, workfront: WorkfrontAdapter,  # noqa: F811
    emulator: httpx.AsyncClient, emulator_server: LiveServer, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # The worker's adapter (`workfront`) and the preview (the process settings) agree: the
    # default custom fields, no template.
    monkeypatch.setenv("MCC_WORKFRONT_TEMPLATES", "{}")
    get_settings.cache_clear()
    async for client in api(fresh_db, workfront_env):
        campaign_id = await create_email_campaign(client)
        shown = (await graphql(client, PREVIEW, {"id": campaign_id}))["campaignExactRequests"]
    assert shown == await outbox_payload(fresh_db, campaign_id)
    assert shown["project"]["parameterValues"]["DE:MCC Objective"] == "Grow sign-ups by 10%"

    skip = len((await emulator.get("/__emulator__/requests")).json()["requests"])
    await drain(fresh_db, worker(fresh_db, workfront))
    async with fresh_db.read() as session:
        campaign = await session.get(Campaign, uuid.UUID(campaign_id))
        assert campaign is not None
        assert campaign.project_id
        project = campaign.project_id

    expected = [("PROJ", shown["project"])] + [
        ("TASK", {**task, "projectID": project}) for task in shown["tasks"]
    ]
    assert all(task["projectID"] == PROJECT_ID for task in shown["tasks"])
    assert await created_bodies(emulator, skip) == expected
