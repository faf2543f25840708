"""Core API over real HTTP: CRUD, aliases, method tunnelling, fields, templates, actions."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import httpx
import pytest

from .helpers import create_project

WF_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}:\d{3}[+-]\d{4}$")


async def test_create_get_update_delete_roundtrip(wf: httpx.AsyncClient) -> None:
    created = await create_project(wf, extRefID="camp-1", plannedStartDate="2026-02-02")
    assert re.fullmatch(r"[0-9a-f]{32}", created["ID"])
    assert created["objCode"] == "PROJ"
    assert created["status"] == "CUR"  # the default for new projects
    assert set(created) == {
        "ID",
        "name",
        "objCode",
        "percentComplete",
        "plannedCompletionDate",
        "plannedStartDate",
        "priority",
        "projectedCompletionDate",
        "status",
    }
    assert WF_DATE.match(created["plannedStartDate"])
    assert created["plannedStartDate"] == "2026-02-02T00:00:00:000-0800"

    got = (await wf.get(f"/project/{created['ID']}", params={"fields": "extRefID"})).json()
    assert got["data"]["extRefID"] == "camp-1"

    updated = await wf.put(f"/proj/{created['ID']}", params={"status": "PLN", "name": "Renamed"})
    assert updated.json()["data"]["status"] == "PLN"
    assert updated.json()["data"]["name"] == "Renamed"

    deleted = await wf.delete(f"/PROJ/{created['ID']}")
    assert deleted.json() == {"data": {"success": True}}
    missing = await wf.get(f"/project/{created['ID']}")
    assert missing.status_code == 404
    assert missing.json()["error"]["msgKey"] == "exception.norecordfound"


@pytest.mark.parametrize(
    "prefix",
    [
        "/attask/api/v15.0",
        "/attask/api/v22.0",
        "/attask/api",
        "/attask/api/unsupported",
        "/attask/api-unsupported",
        "/attask/api-internal",
    ],
)
@pytest.mark.parametrize("obj", ["PROJ", "proj", "project", "Project"])
async def test_url_prefixes_and_object_aliases(
    admin: httpx.AsyncClient, prefix: str, obj: str
) -> None:
    response = await admin.get(f"{prefix}/{obj}/search", params={"apiKey": "mcc-emulator-api-key"})
    assert response.status_code == 200, response.text
    assert response.json() == {"data": []}


async def test_unknown_object_and_version(wf: httpx.AsyncClient, admin: httpx.AsyncClient) -> None:
    assert (await wf.get("/nosuchthing/search")).status_code == 404
    old = await admin.get("/attask/api/v14.0/project/search", params={"apiKey": "x"})
    assert old.status_code == 404


async def test_method_tunnelling_like_python_clients(wf: httpx.AsyncClient) -> None:
    # Everything sent as POST with a form body and method=..., as python-workfront does.
    created = await wf.post("/PROJ", data={"method": "POST", "name": "Tunnelled"})
    project_id = created.json()["data"]["ID"]
    got = await wf.post("/PROJ", data={"method": "GET", "id": project_id})
    assert got.json()["data"]["name"] == "Tunnelled"
    put = await wf.get(f"/PROJ/{project_id}", params={"method": "PUT", "description": "via GET"})
    assert put.status_code == 200
    fetched = await wf.get(f"/PROJ/{project_id}", params={"fields": "description"})
    assert fetched.json()["data"]["description"] == "via GET"
    gone = await wf.get(f"/PROJ/{project_id}", params={"method": "DELETE"})
    assert gone.json()["data"] == {"success": True}


async def test_parameter_sources_updates_json_and_raw_body(wf: httpx.AsyncClient) -> None:
    by_updates = await wf.post("/project", params={"updates": json.dumps({"name": "From updates"})})
    assert by_updates.json()["data"]["name"] == "From updates"
    by_body = await wf.post("/project", json={"name": "From JSON body", "DE:MCC Tier": "Tier 1"})
    project_id = by_body.json()["data"]["ID"]
    got = await wf.get(f"/project/{project_id}", params={"fields": "DE:MCC Tier,parameterValues"})
    assert got.json()["data"]["DE:MCC Tier"] == "Tier 1"
    assert got.json()["data"]["parameterValues"] == {"DE:MCC Tier": "Tier 1"}
    mixed = await wf.post(
        "/project", params={"updates": json.dumps({"name": "a"}), "description": "b"}
    )
    assert mixed.status_code == 422
    assert "Cannot mix" in mixed.json()["error"]["message"]


async def test_get_many_and_fields_star_and_nested(wf: httpx.AsyncClient) -> None:
    first = await create_project(wf, name="One")
    second = await create_project(wf, name="Two")
    many = await wf.get("/project", params={"id": f"{first['ID']},{second['ID']}"})
    assert [p["name"] for p in many.json()["data"]] == ["One", "Two"]
    star = (await wf.get(f"/project/{first['ID']}", params={"fields": "*"})).json()["data"]
    assert {"lastUpdateDate", "entryDate", "ownerID", "extRefID", "scheduleMode"} <= set(star)
    nested = await wf.get(f"/project/{first['ID']}", params={"fields": "owner:emailAddr,tasks"})
    data = nested.json()["data"]
    assert data["owner"]["emailAddr"] == "admin@mcc.example"
    assert data["owner"]["objCode"] == "USER"
    assert data["tasks"] == []


async def test_template_copied_into_project_and_scheduled_back_from_launch(
    wf: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    template_id = info["templates"]["MCC Tier 3 Campaign"]
    project = await create_project(
        wf,
        templateID=template_id,
        scheduleMode="C",
        plannedCompletionDate="2026-05-01T09:00:00:000-0800",
    )
    got = await wf.get(
        f"/project/{project['ID']}",
        params={"fields": "templateID,tasks:templateTaskID,tasks:predecessors,tasks:duration"},
    )
    data = got.json()["data"]
    assert data["templateID"] == template_id
    tasks = sorted(data["tasks"], key=lambda t: t["name"])
    assert [t["name"] for t in tasks] == [
        "Build assets",
        "Campaign brief",
        "Launch",
        "Manager approval",
    ]
    assert all(t["templateTaskID"] for t in tasks)
    search = await wf.get(
        "/task/search", params={"projectID": project["ID"], "taskNumber_Sort": "asc"}
    )
    ordered = search.json()["data"]
    assert [t["taskNumber"] for t in ordered] == [1, 2, 3, 4]
    launch = ordered[-1]
    assert launch["plannedCompletionDate"] == "2026-05-01T09:00:00:000-0800"
    assert ordered[0]["plannedStartDate"] == "2026-04-26T09:00:00:000-0800"  # 1+3+1 days back
    for earlier, later in itertools.pairwise(ordered):
        assert earlier["plannedCompletionDate"] <= later["plannedStartDate"]
    assert data["plannedStartDate"] == ordered[0]["plannedStartDate"]


async def test_attach_template_action_and_copy(wf: httpx.AsyncClient, info: dict[str, Any]) -> None:
    project = await create_project(wf)
    attached = await wf.put(
        f"/project/{project['ID']}/attachTemplate",
        params={"templateID": info["templates"]["MCC Tier 2 Campaign"]},
    )
    assert attached.json() == {"data": {"result": project["ID"]}}
    count = await wf.get("/task/count", params={"projectID": project["ID"]})
    assert count.json() == {"data": {"count": 6}}
    copy = await wf.post("/project", params={"copySourceID": project["ID"], "name": "Copy"})
    copy_count = await wf.get("/task/count", params={"projectID": copy.json()["data"]["ID"]})
    assert copy_count.json()["data"]["count"] == 6


async def test_task_status_percent_and_project_rollup(wf: httpx.AsyncClient) -> None:
    project = await create_project(wf, plannedStartDate="2026-03-02T09:00:00")
    task = await wf.post(
        "/task", params={"name": "Write copy", "projectID": project["ID"], "duration": 2}
    )
    body = task.json()["data"]
    assert body["status"] == "NEW"
    assert body["taskNumber"] == 1
    assert body["wbs"] == "1"
    assert body["plannedStartDate"] == "2026-03-02T09:00:00:000-0800"
    assert body["plannedCompletionDate"] == "2026-03-04T09:00:00:000-0800"
    done = await wf.put(f"/task/{body['ID']}", params={"status": "CPL"})
    assert done.json()["data"]["percentComplete"] == 100.0
    rolled = await wf.get(f"/project/{project['ID']}")
    assert rolled.json()["data"]["percentComplete"] == 100.0
    half = await wf.put(f"/task/{body['ID']}", params={"percentComplete": 50})
    assert half.json()["data"]["status"] == "INP"
    complete = await wf.put(f"/project/{project['ID']}", params={"status": "CPL"})
    assert complete.status_code == 422
    assert complete.json()["error"]["class"].endswith("ProjectStatusViolationException")


async def test_explicit_and_constrained_task_dates(wf: httpx.AsyncClient) -> None:
    project = await create_project(wf, plannedStartDate="2026-03-02")
    pinned = await wf.post(
        "/task",
        json={
            "name": "Pinned",
            "projectID": project["ID"],
            "duration": 3,
            "taskConstraint": "MSO",
            "constraintDate": "2026-03-10T09:00:00Z",
        },
    )
    assert pinned.json()["data"]["plannedStartDate"] == "2026-03-10T01:00:00:000-0800"
    explicit = await wf.post(
        "/task",
        json={
            "name": "Explicit",
            "projectID": project["ID"],
            "plannedStartDate": "2026-04-01T09:00:00:000-0800",
            "plannedCompletionDate": "2026-04-03T17:00:00:000-0800",
        },
    )
    assert explicit.json()["data"]["plannedCompletionDate"] == "2026-04-03T17:00:00:000-0800"


async def test_assignments_collection_replace_and_actions(
    wf: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    users = (await wf.get("/user/search", params={"ID_Sort": "asc"})).json()["data"]
    mia = next(u for u in users if u["emailAddr"] == "mia@mcc.example")
    project = await create_project(wf)
    task = (await wf.post("/task", params={"name": "T", "projectID": project["ID"]})).json()["data"]
    assigned = await wf.put(
        f"/task/{task['ID']}/assign", params={"objID": mia["ID"], "objCode": "USER"}
    )
    assert assigned.json()["data"] == {"result": task["ID"]}
    got = await wf.get(f"/task/{task['ID']}", params={"fields": "assignedToID,assignments:*"})
    assert got.json()["data"]["assignedToID"] == mia["ID"]
    replaced = await wf.put(
        f"/task/{task['ID']}",
        params={"updates": json.dumps({"assignments": [{"assignedToID": info["adminUserID"]}]})},
    )
    assert replaced.status_code == 200
    got = await wf.get(f"/task/{task['ID']}", params={"fields": "assignedToID,assignments"})
    assert [a["assignedToID"] for a in got.json()["data"]["assignments"]] == [info["adminUserID"]]
    other = await create_project(wf, name="Other")
    moved = await wf.put(f"/task/{task['ID']}", params={"action": "move", "projectID": other["ID"]})
    assert moved.status_code == 200
    after = await wf.get(f"/task/{task['ID']}", params={"fields": "projectID"})
    assert after.json()["data"]["projectID"] == other["ID"]


async def test_bulk_create_edit_and_atomic(wf: httpx.AsyncClient) -> None:
    created = await wf.put(
        "/project", params={"method": "POST", "updates": json.dumps([{"name": "A"}, {"name": "B"}])}
    )
    ids = [p["ID"] for p in created.json()["data"]]
    assert len(ids) == 2
    edited = await wf.put(
        "/project", params={"updates": json.dumps([{"ID": i, "status": "ONH"} for i in ids])}
    )
    assert {p["status"] for p in edited.json()["data"]} == {"ONH"}
    bad = [{"ID": ids[0], "status": "PLN"}, {"ID": ids[1], "status": "NOPE"}]
    atomic = await wf.put("/project", params={"updates": json.dumps(bad), "atomic": "true"})
    assert atomic.status_code == 422
    unchanged = await wf.get(f"/project/{ids[0]}")
    assert unchanged.json()["data"]["status"] == "ONH"  # all-or-nothing
    ok = await wf.put("/project", params={"updates": json.dumps(bad[:1]), "atomic": "true"})
    assert ok.json() == {"data": {"success": True}}


async def test_last_update_date_maintained(wf: httpx.AsyncClient) -> None:
    project = await create_project(wf)
    fields = {"fields": "lastUpdateDate,entryDate,lastUpdatedByID"}
    before = (await wf.get(f"/project/{project['ID']}", params=fields)).json()["data"]
    await wf.put(f"/project/{project['ID']}", params={"description": "x"})
    after = (await wf.get(f"/project/{project['ID']}", params=fields)).json()["data"]
    assert WF_DATE.match(after["lastUpdateDate"])
    assert after["lastUpdateDate"] > before["lastUpdateDate"]
    assert after["entryDate"] == before["entryDate"]


async def test_status_named_query_and_metadata(wf: httpx.AsyncClient) -> None:
    statuses = (await wf.get("/CSTEM/projectStatuses")).json()["data"]
    assert {s["value"] for s in statuses} >= {
        "CUR",
        "PLN",
        "CPL",
        "DED",
        "ONH",
        "REQ",
        "APR",
        "IDA",
    }
    meta = (await wf.get("/task/metadata")).json()["data"]
    assert meta["objCode"] == "TASK"
    assert "plannedStartDate" in meta["fields"]


async def test_browse_page_lists_projects_escaped(
    wf: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    await create_project(wf, name="<script>alert(1)</script>")
    page = await admin.get("/")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
