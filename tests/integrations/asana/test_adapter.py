"""The Asana adapter against the emulator over real HTTP: what an operator's Asana would see."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlalchemy import select

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import AsanaAuthMethod
from mcc.db import Database
from mcc.integrations.asana import mapping
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.integrations.asana.auth import PatAuth
from mcc.integrations.asana.client import AsanaClient
from mcc.integrations.backends import build_backend
from mcc.integrations.workmgmt import (
    LogicalError,
    ProjectSpec,
    RemoteNotFound,
    TaskSpec,
    TechnicalError,
    plan_phase,
)
from mcc.models import OutboxMessage
from mcc.models.base import utcnow
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.outbound import ProjectSync
from mcc.validation import parse
from tests.integrations.asana.conftest import asana_settings
from tests.support.asana import Asana

LAUNCH = date(2026, 3, 10)
STEPS = [
    ("Brief the agency", date(2026, 2, 2), date(2026, 2, 6)),
    ("Go live", date(2026, 3, 10), date(2026, 3, 10)),
    ("Results report", date(2026, 3, 20), date(2026, 3, 24)),
]


def spec(ext_ref: str | None = None, **fields: Any) -> ProjectSpec:
    tasks = [TaskSpec(name, start, due, "Marketing Ops", phase=plan_phase(start, due, LAUNCH))
             for name, start, due in STEPS]  # fmt: skip
    values: dict[str, Any] = {
        "ext_ref": ext_ref or str(uuid.uuid4()), "name": "Spring webinar",
        "description": "Fill the funnel", "tier": 2, "campaign_type": "webinar",
        "planned_start": LAUNCH, "planned_completion": date(2026, 3, 31), "tasks": tasks,
        **fields,
    }  # fmt: skip
    return ProjectSpec(**values)


async def requests(emu: Asana) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await emu.admin.get("/__emulator__/requests")).json()["requests"]
    return found


async def test_a_campaign_becomes_a_project_with_a_section_per_phase_and_dated_tasks(
    adapter: AsanaAdapter, emu: Asana
) -> None:
    wanted = spec()
    project = await adapter.create_project(wanted)
    await adapter.create_tasks(project.id, wanted.tasks)

    data = (await emu.api.get(f"/projects/{project.id}", params={
        "opt_fields": "name,notes,team.name,due_on,start_on"})).json()["data"]  # fmt: skip
    assert data["name"] == "Spring webinar"
    assert data["team"]["gid"] == emu.team
    assert (data["start_on"], data["due_on"]) == ("2026-03-10", "2026-03-31")
    assert data["notes"].startswith("Fill the funnel")
    sections = (await emu.api.get(f"/projects/{project.id}/sections")).json()["data"]
    names = [section["name"] for section in sections]
    assert [n for n in names if n in ("Before launch", "Launch", "After launch")] == [
        "Before launch", "Launch", "After launch"
    ]  # fmt: skip
    placed: dict[str, list[str]] = {}
    for section in sections:
        rows = (await emu.api.get(f"/sections/{section['gid']}/tasks", params={
            "opt_fields": "name,due_on,start_on"})).json()["data"]  # fmt: skip
        placed[section["name"]] = [f"{r['name']}:{r.get('start_on')}:{r['due_on']}" for r in rows]
    assert placed["Before launch"] == ["Brief the agency:2026-02-02:2026-02-06"]
    assert placed["Launch"] == ["Go live:None:2026-03-10"]  # one day: a due date only
    assert placed["After launch"] == ["Results report:2026-03-20:2026-03-24"]

    assert (await adapter.find_project(wanted.ext_ref)) == await adapter.get_project(project.id)
    listed = await adapter.list_tasks(project.id)
    assert sorted(task.name for task in listed) == sorted(name for name, *_ in STEPS)
    assert {task.project_id for task in listed} == {project.id}


async def test_find_project_matches_only_our_marker(adapter: AsanaAdapter, emu: Asana) -> None:
    campaign = str(uuid.uuid4())
    await emu.project("Spring webinar", notes=f"about {campaign}")  # someone else's project
    assert await adapter.find_project(campaign) is None
    created = await adapter.create_project(spec(campaign, tasks=()))
    found = await adapter.find_project(campaign)
    assert found is not None
    assert found.id == created.id
    assert found.ext_ref == campaign


async def test_opt_fields_travel_in_the_query_of_every_method(
    adapter: AsanaAdapter, emu: Asana
) -> None:
    project = await adapter.create_project(spec(tasks=()))
    await adapter.get_project(project.id)
    calls = [r for r in await requests(emu) if r["path"].startswith("/api/1.0/")]
    asked = [parse_qs(r["query"]).get("opt_fields", [""])[0] for r in calls]
    assert all(asked), calls
    gets = [a for r, a in zip(calls, asked, strict=True) if r["method"] == "GET"]
    assert any("current_status_update.status_type" in a for a in gets)


async def test_lists_are_read_page_by_page(adapter: AsanaAdapter, emu: Asana) -> None:
    project = await adapter.create_project(spec(tasks=()))
    for index in range(105):
        response = await emu.api.post("/tasks", json={"data": {
            "name": f"Step {index}", "projects": [project.id]}})  # fmt: skip
        assert response.status_code == 201
    tasks = await adapter.list_tasks(project.id)
    assert len({task.id for task in tasks}) == 105
    pages = [
        r
        for r in await requests(emu)
        if r["method"] == "GET" and r["path"].endswith(f"/projects/{project.id}/tasks")
    ]
    assert len(pages) == 2
    assert "offset=" in pages[1]["query"]
    assert "limit=100" in pages[0]["query"]


async def test_429_waits_what_retry_after_says_even_for_a_create(
    emu: Asana, http: httpx.AsyncClient
) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = AsanaClient(http, f"{emu.url}/api/1.0", PatAuth(emu.info["token"]), sleep=sleep)
    await emu.faults(api_error_next=2, api_error_status=429, retry_after_s=3,
                     api_error_match="POST /teams")  # fmt: skip
    created = await client.post(f"/teams/{emu.team}/projects", {"name": "Rate limited"})
    assert created["gid"]
    assert slept == [3.0, 3.0]  # not processed: retrying the create is safe
    projects = [p async for p in client.list_all(f"/teams/{emu.team}/projects")]
    assert [p["name"] for p in projects].count("Rate limited") == 1


async def test_a_5xx_on_a_create_is_not_retried_but_on_a_read_it_is(
    adapter: AsanaAdapter, emu: Asana
) -> None:
    await emu.faults(api_error_next=1, api_error_status=500, api_error_match="POST /teams")
    with pytest.raises(TechnicalError):
        await adapter.create_project(spec(tasks=()))
    posts = [r for r in await requests(emu) if r["method"] == "POST"]
    assert len(posts) == 1  # the outcome is unknown: the caller looks before trying again
    project = await adapter.create_project(spec(tasks=()))
    await emu.faults(api_error_next=1, api_error_status=503, api_error_match="GET /projects/")
    assert (await adapter.get_project(project.id)).id == project.id


async def test_refusals_are_logical_errors_with_asanas_message(
    adapter: AsanaAdapter, emu: Asana
) -> None:
    with pytest.raises(RemoteNotFound):
        await adapter.get_project("1209999999999999")
    with pytest.raises(LogicalError) as refused:
        await adapter.client.post("/tasks", {"name": "Orphan"})
    assert not isinstance(refused.value, TechnicalError)
    assert refused.value.status == 400
    assert "Missing input" in refused.value.message


async def test_a_template_is_instantiated_and_marked(
    emu: Asana, tmp_path: Path, http: httpx.AsyncClient
) -> None:
    template = emu.info["templates"]["Webinar"]
    await emu.faults(job_delay_ms=150)  # the job stays in progress a while: it is polled
    settings = asana_settings(emu, tmp_path, asana_templates={"webinar": template})
    adapter = build_backend(settings, http)
    assert isinstance(adapter, AsanaAdapter)
    wanted = spec(tasks=())
    project = await adapter.create_project(wanted)
    assert project.ext_ref == wanted.ext_ref
    assert project.name == "Spring webinar"
    tasks = await adapter.list_tasks(project.id)
    assert "Live session" in {task.name for task in tasks}  # the template's own tasks
    jobs = [r for r in await requests(emu) if r["path"].startswith("/api/1.0/jobs/")]
    assert jobs


async def _refresh_token(emu: Asana) -> str:
    oauth = emu.info["oauth"]
    redirect = "http://127.0.0.1/callback"
    async with httpx.AsyncClient(base_url=emu.url) as browser:
        answer = await browser.get("/-/oauth_authorize", params={
            "client_id": oauth["client_id"], "redirect_uri": redirect, "response_type": "code",
            "state": "s"})  # fmt: skip
        code = parse_qs(urlparse(answer.headers["location"]).query)["code"][0]
        exchanged = await browser.post("/-/oauth_token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect,
            "client_id": oauth["client_id"], "client_secret": oauth["client_secret"]})  # fmt: skip
    token: str = exchanged.json()["refresh_token"]
    return token


async def test_oauth_refresh_token_is_exchanged_for_access_tokens(
    emu: Asana, tmp_path: Path, http: httpx.AsyncClient
) -> None:
    oauth = emu.info["oauth"]
    common = {"asana_auth": AsanaAuthMethod.OAUTH, "asana_token": None,
              "asana_oauth_url": oauth["token"], "asana_oauth_client_id": oauth["client_id"],
              "asana_oauth_client_secret": oauth["client_secret"]}  # fmt: skip
    settings = asana_settings(emu, tmp_path, asana_oauth_refresh_token=await _refresh_token(emu),
                              **common)  # fmt: skip
    adapter = build_backend(settings, http)
    assert isinstance(adapter, AsanaAdapter)
    project = await adapter.create_project(spec(tasks=()))
    assert (await adapter.get_project(project.id)).name == "Spring webinar"

    wrong = asana_settings(emu, tmp_path, asana_oauth_refresh_token="not-a-token", **common)
    refused = build_backend(wrong, http)
    assert refused is not None
    with pytest.raises(LogicalError) as error:
        await refused.get_project(project.id)
    assert "MCC_ASANA_OAUTH" in error.value.message


async def test_a_create_whose_answer_was_lost_is_found_not_made_again(
    fresh_db: Database, adapter: AsanaAdapter, emu: Asana
) -> None:
    """Asana committed the project, then the connection dropped before the answer: the outbox
    retries, finds the project by its marker, and adds the tasks to it."""
    data = {"name": "Lost answer", "type": "webinar", "launch_date": LAUNCH,
            "tasks": [{"name": n, "start": s.isoformat(), "due": d.isoformat()}
                      for n, s, d in STEPS]}  # fmt: skip
    async with fresh_db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
    await emu.faults(drop_next_creates=1)
    policy = RetryPolicy(max_attempts=5, base_seconds=0)
    outbox = OutboxWorker(fresh_db, ProjectSync(fresh_db, adapter).handlers(), policy=policy)
    assert await outbox.run_once() == 1  # the create's outcome is unknown: kept for a retry
    async with fresh_db.write() as session:
        (message,) = list(await session.scalars(select(OutboxMessage)))
        assert message.status == "pending"
        message.next_attempt_at = utcnow()
    assert await outbox.run_once() == 1
    found = [p async for p in adapter.client.list_all(f"/teams/{emu.team}/projects",
                                                      opt_fields="name,notes")]  # fmt: skip
    ours = [p for p in found if mapping.ext_ref_of(p.get("notes")) == str(campaign.id)]
    assert len(ours) == 1
    assert len(await adapter.list_tasks(ours[0]["gid"])) == len(STEPS)
