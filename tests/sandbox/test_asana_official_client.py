"""The official ``asana`` SDK v5 (PyPI), unchanged, against the emulator over real HTTP.

Only ``Configuration.host`` points elsewhere (reference §7.1); every call below is the SDK's
own, with its envelopes, its ``opt_fields`` strings, its page iterator following
``next_page``, its body-inside-``opts`` quirk, and its exceptions.
"""

from __future__ import annotations

import json
from typing import Any

import asana  # type: ignore[import-untyped]
import pytest
from asana.rest import ApiException  # type: ignore[import-untyped]
from urllib3.util.retry import Retry

from mcc.sandbox.asana import DEFAULT_TOKEN
from tests.support.asana import (
    Asana,
    HookReceiver,
    _receiver_server,
    asana_server,
    emu,
    hook_url,
    receiver,
)

__all__ = ["_receiver_server", "asana_server", "emu", "hook_url", "receiver"]  # fixtures


@pytest.fixture
def client(emu: Asana) -> Any:
    config = asana.Configuration()
    config.access_token = DEFAULT_TOKEN
    config.host = emu.url + "/api/1.0"
    # Fail fast instead of the SDK's ~60 s of backoff (reference §7.4).
    config.retry_strategy = Retry(total=1, backoff_factor=0.01, status_forcelist=[429, 500],
                                  raise_on_status=False)  # fmt: skip
    return asana.ApiClient(config)


def _error(exc: ApiException) -> str:
    message: str = json.loads(exc.body)["errors"][0]["message"]
    return message


async def test_projects_crud_and_pagination(emu: Asana, client: Any) -> None:
    projects = asana.ProjectsApi(client)
    created = projects.create_project_for_team(
        {"data": {"name": "Spring launch", "notes": "Brief", "due_on": "2031-03-03",
                  "start_on": "2031-01-10", "color": "light-green"}},
        emu.team,
        {"opt_fields": "name,notes,due_on,start_on,team.name,workspace.name,completed"},
    )  # fmt: skip
    assert created["name"] == "Spring launch"
    assert created["team"] == {"gid": emu.team, "name": "Marketing"}
    assert created["workspace"]["name"] == "MCC Marketing"
    assert (created["due_on"], created["start_on"], created["completed"]) == (
        "2031-03-03", "2031-01-10", False,
    )  # fmt: skip
    assert set(created) == {"gid", "name", "notes", "due_on", "start_on", "team", "workspace",
                            "completed"}  # fmt: skip
    gid = created["gid"]
    assert gid.isdigit()
    assert len(gid) == 16

    full = projects.get_project(gid, {})
    assert full["resource_type"] == "project"
    assert full["permalink_url"].endswith(gid)
    updated = projects.update_project({"data": {"name": "Spring launch v2"}}, gid,
                                      {"opt_fields": "name,notes"})  # fmt: skip
    assert updated == {"gid": gid, "name": "Spring launch v2", "notes": "Brief"}  # partial update

    for number in range(6):
        projects.create_project(
            {"data": {"name": f"Wave {number}", "workspace": emu.workspace, "team": emu.team}}, {}
        )
    listed = list(projects.get_projects_for_team(emu.team, {"limit": 4, "opt_fields": "name"}))
    assert [p["name"] for p in listed] == ["Spring launch v2"] + [f"Wave {n}" for n in range(6)]
    log = (await emu.admin.get("/__emulator__/requests")).json()["requests"]
    pages = [r for r in log if r["path"].endswith(f"/teams/{emu.team}/projects")
             and r["method"] == "GET"]  # fmt: skip
    assert len(pages) == 2
    assert "offset=" in pages[1]["query"]
    compact = next(iter(projects.get_projects({"workspace": emu.workspace})))
    assert set(compact) == {"gid", "name", "resource_type"}

    assert projects.delete_project(gid) == {}
    with pytest.raises(ApiException) as missing:
        projects.get_project(gid, {})
    assert missing.value.status == 404


async def test_organization_needs_a_team_and_dates_are_checked(emu: Asana, client: Any) -> None:
    projects = asana.ProjectsApi(client)
    with pytest.raises(ApiException) as no_team:
        projects.create_project({"data": {"name": "Orphan", "workspace": emu.workspace}}, {})
    assert (no_team.value.status, _error(no_team.value)) == (400, "team: Missing input")
    with pytest.raises(ApiException) as no_workspace:
        projects.create_project({"data": {"name": "Nowhere"}}, {})
    assert _error(no_workspace.value) == "workspace: Missing input"
    with pytest.raises(ApiException) as backwards:
        projects.create_project_for_team(
            {"data": {"name": "Backwards", "start_on": "2031-02-01", "due_on": "2031-01-01"}},
            emu.team, {},
        )  # fmt: skip
    assert backwards.value.status == 400
    listed = list(projects.get_projects({"workspace": emu.workspace}))
    assert listed == []  # nothing half-created


async def test_tasks_sections_subtasks_and_custom_fields(emu: Asana, client: Any) -> None:
    project = asana.ProjectsApi(client).create_project_for_team({"data": {"name": "Launch"}},
                                                                emu.team, {})  # fmt: skip
    sections = asana.SectionsApi(client)
    plan = sections.create_section_for_project(project["gid"], {"body": {"data": {"name": "Plan"}}})
    build = sections.create_section_for_project(
        project["gid"], {"body": {"data": {"name": "Build"}}}
    )
    names = [s["name"] for s in sections.get_sections_for_project(project["gid"], {})]
    assert names == ["Untitled section", "Plan", "Build"]

    fields = asana.CustomFieldsApi(client)
    channel = fields.create_custom_field(
        {"data": {"workspace": emu.workspace, "name": "Channel", "resource_subtype": "enum",
                  "enum_options": [{"name": "Email"}, {"name": "Paid social"}]}}, {},
    )  # fmt: skip
    email = channel["enum_options"][0]["gid"]
    asana.ProjectsApi(client).add_custom_field_setting_for_project(
        {"data": {"custom_field": channel["gid"], "is_important": True}}, project["gid"], {}
    )
    tasks = asana.TasksApi(client)
    task = tasks.create_task(
        {"data": {"name": "Brief", "notes": "Objectives and audience", "due_on": "2031-02-01",
                  "memberships": [{"project": project["gid"], "section": plan["gid"]}],
                  "custom_fields": {channel["gid"]: email}}},
        {"opt_fields": "name,due_on,memberships.section.name,custom_fields.enum_value.name,"
                       "custom_fields.display_value,projects.name"},
    )  # fmt: skip
    assert task["memberships"] == [{"section": {"gid": plan["gid"], "name": "Plan"}}]
    assert task["projects"] == [{"gid": project["gid"], "name": "Launch"}]
    assert task["custom_fields"] == [
        {"gid": channel["gid"], "enum_value": {"gid": email, "name": "Email"},
         "display_value": "Email"}
    ]  # fmt: skip
    with pytest.raises(ApiException) as foreign:
        tasks.update_task({"data": {"custom_fields": {channel["gid"]: plan["gid"]}}},
                          task["gid"], {})  # fmt: skip
    assert foreign.value.status == 400

    sections.add_task_for_section(build["gid"], {"body": {"data": {"task": task["gid"]}}})
    in_build = list(tasks.get_tasks_for_section(build["gid"], {}))
    assert [t["gid"] for t in in_build] == [task["gid"]]
    assert list(tasks.get_tasks_for_section(plan["gid"], {})) == []

    sub = tasks.create_subtask_for_task({"data": {"name": "Draft"}}, task["gid"], {})
    assert [t["name"] for t in tasks.get_subtasks_for_task(task["gid"], {})] == ["Draft"]
    done = tasks.update_task({"data": {"completed": True}}, sub["gid"],
                             {"opt_fields": "completed,completed_at,parent.name"})  # fmt: skip
    assert done["completed"] is True
    assert done["completed_at"].endswith("Z")
    assert done["parent"] == {"gid": task["gid"], "name": "Brief"}
    listed = list(tasks.get_tasks_for_project(project["gid"], {"opt_fields": "name,completed"}))
    assert listed == [{"gid": task["gid"], "name": "Brief", "completed": False}]

    assert tasks.delete_task(task["gid"]) == {}
    for gone in (task["gid"], sub["gid"]):  # the subtask went with its parent
        with pytest.raises(ApiException) as missing:
            tasks.get_task(gone, {})
        assert missing.value.status == 404


async def test_template_instantiation_is_a_job(emu: Asana, client: Any) -> None:
    await emu.faults(job_delay_ms=300)
    templates = asana.ProjectTemplatesApi(client)
    listed = {t["name"]: t["gid"] for t in templates.get_project_templates({"team": emu.team})}
    job = templates.instantiate_project(listed["Webinar"], {"body": {"data": {
        "name": "Autumn webinar", "public": True,
        "requested_dates": [{"gid": "1", "value": "2031-05-01"}]}}})  # fmt: skip
    assert (job["status"], job["new_project"]) == ("in_progress", None)
    jobs = asana.JobsApi(client)
    await emu.admin.post("/__emulator__/clock", json={"advance_s": 1})
    finished = jobs.get_job(job["gid"], {})
    assert finished["status"] == "succeeded"
    project = finished["new_project"]["gid"]
    tasks = list(
        asana.TasksApi(client).get_tasks_for_project(project, {"opt_fields": "name,due_on"})
    )
    assert tasks[0] == {"gid": tasks[0]["gid"], "name": "Invitations", "due_on": "2031-05-01"}
    assert tasks[-1]["due_on"] == "2031-05-16"  # shifted by the template's offsets
    with pytest.raises(ApiException) as strict:
        templates.instantiate_project(listed["Webinar"], {"body": {"data": {
            "name": "Strict", "is_strict": True, "requested_dates": []}}})  # fmt: skip
    assert strict.value.status == 422


async def test_webhook_created_through_the_handshake(
    emu: Asana, client: Any, receiver: HookReceiver, hook_url: str
) -> None:
    project = asana.ProjectsApi(client).create_project_for_team({"data": {"name": "Hooked"}},
                                                                emu.team, {})  # fmt: skip
    webhooks = asana.WebhooksApi(client)
    created = webhooks.create_webhook(
        {"data": {"resource": project["gid"], "target": hook_url}}, {}, full_payload=True
    )
    secret = created["X-Hook-Secret"]
    assert len(secret) == 64
    assert receiver.secrets == [secret]
    assert created["data"]["active"] is True
    assert created["data"]["resource"]["gid"] == project["gid"]
    listed = list(webhooks.get_webhooks(emu.workspace, {"resource": project["gid"]}))
    assert [w["gid"] for w in listed] == [created["data"]["gid"]]

    asana.TasksApi(client).create_task({"data": {"name": "Ping", "projects": [project["gid"]]}}, {})
    events = await receiver.wait_for(1)
    assert events[0]["action"] == "added"
    assert events[0]["parent"] == {"gid": project["gid"], "resource_type": "project"}
    assert all(d.valid for d in receiver.received)  # every delivery signed with the secret

    assert webhooks.delete_webhook(created["data"]["gid"]) == {}
    assert list(webhooks.get_webhooks(emu.workspace, {})) == []


async def test_events_with_sync_tokens(emu: Asana, client: Any) -> None:
    project = asana.ProjectsApi(client).create_project_for_team({"data": {"name": "Polled"}},
                                                                emu.team, {})  # fmt: skip
    events = asana.EventsApi(client)
    with pytest.raises(ApiException) as first:
        events.get_events(project["gid"], {}, full_payload=True)
    assert first.value.status == 412
    sync = json.loads(first.value.body)["sync"]

    asana.ProjectsApi(client).update_project({"data": {"notes": "Kick-off"}}, project["gid"], {})
    asana.TasksApi(client).create_task({"data": {"name": "T", "projects": [project["gid"]]}}, {})
    page = events.get_events(project["gid"], {"sync": sync}, full_payload=True)
    seen = [(e["action"], e["resource"]["resource_type"]) for e in page["data"]]
    assert seen == [("changed", "project"), ("added", "task")]
    assert page["data"][0]["change"] == {"field": "notes", "action": "changed"}
    assert page["has_more"] is False
    again = events.get_events(project["gid"], {"sync": sync}, full_payload=True)
    assert again["data"] == page["data"]  # re-sending a token is safe
    later = events.get_events(project["gid"], {"sync": page["sync"]}, full_payload=True)
    assert later["data"] == []
    with pytest.raises(ApiException) as forged:
        events.get_events(project["gid"], {"sync": "not-a-token"}, full_payload=True)
    assert forged.value.status == 412
    assert json.loads(forged.value.body)["sync"]


async def test_the_sdk_retries_a_rate_limited_get_but_not_a_post(emu: Asana, client: Any) -> None:
    await emu.faults(api_error_next=1, api_error_status=429, retry_after_s=0)
    me = asana.UsersApi(client).get_user("me", {})  # urllib3 waited Retry-After and retried
    assert me["gid"] == emu.info["user"]
    await emu.faults(api_error_next=1, api_error_status=429, retry_after_s=0)
    with pytest.raises(ApiException) as limited:  # POSTs are not retried (reference §7.4)
        asana.ProjectsApi(client).create_project_for_team({"data": {"name": "X"}}, emu.team, {})
    assert limited.value.status == 429
    assert limited.value.headers["Retry-After"] == "0"
    assert list(asana.ProjectsApi(client).get_projects_for_team(emu.team, {})) == []
