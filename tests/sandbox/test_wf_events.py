"""Event subscriptions over real HTTP: management API and deliveries to a loopback receiver."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from mcc.sandbox.workfront.objects import PROJECT
from tests.support.live import Receiver, eventually_async

from .conftest import API
from .helpers import SUBS, TOKEN, received, subscribe

PAYLOAD_KEYS = {
    "eventType",
    "subscriptionId",
    "eventTime",
    "eventVersion",
    "subscriptionVersion",
    "newState",
    "oldState",
}


async def test_subscription_management(
    admin: httpx.AsyncClient, info: dict[str, Any], hook_url: str
) -> None:
    auth = {"Authorization": info["apiKey"]}
    created = await admin.post(
        SUBS,
        json={"objCode": "TASK", "eventType": "CREATE", "url": hook_url, "authToken": TOKEN},
        headers=auth,
    )
    assert created.status_code == 201
    sub_id = created.json()["id"]
    assert created.json()["version"] == "v2"
    assert created.headers["location"].endswith(f"{SUBS}/{sub_id}")
    one = (await admin.get(f"{SUBS}/{sub_id}", headers=auth)).json()
    assert one["authToken"] == "****1234"  # never returned in full
    assert one["objCode"] == "TASK"
    assert one["eventType"] == "CREATE"
    assert one["objId"] is None
    listing = (await admin.get(SUBS, params={"limit": 1}, headers=auth)).json()
    assert listing["meta"] == {"page": 1, "page_count": 1, "limit": 1, "total_count": 1}
    assert listing["subscriptions"][0]["id"] == sub_id
    legacy = (await admin.get(f"{SUBS}/list", headers=auth)).json()
    assert legacy[0]["obj_code"] == "TASK"
    duplicate = await admin.post(
        SUBS,
        json={"objCode": "TASK", "eventType": "CREATE", "url": hook_url, "authToken": TOKEN},
        headers=auth,
    )
    assert duplicate.status_code == 409
    version = await admin.put(f"{SUBS}/{sub_id}/version", json={"version": "v1"}, headers=auth)
    assert version.status_code == 200
    assert (await admin.get(f"{SUBS}/{sub_id}", headers=auth)).json()["version"] == "v1"
    assert (await admin.delete(f"{SUBS}/{sub_id}", headers=auth)).status_code == 200
    assert (await admin.delete(f"{SUBS}/{sub_id}", headers=auth)).status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"objCode": "PROJ", "eventType": "UPDATE", "url": "not a url", "authToken": "t"}, 400),
        ({"objCode": "PROJ", "eventType": "SHARE", "url": "http://x/h", "authToken": "t"}, 400),
        ({"objCode": "PROJ", "eventType": "UPDATE", "url": "http://x/h"}, 400),
        (
            {
                "objCode": "PROJ",
                "eventType": "UPDATE",
                "url": "http://x/h",
                "authToken": "t",
                "colour": "red",
            },
            400,
        ),
    ],
)
async def test_invalid_subscriptions(
    admin: httpx.AsyncClient, info: dict[str, Any], body: dict[str, Any], status: int
) -> None:
    response = await admin.post(SUBS, json=body, headers={"Authorization": info["apiKey"]})
    assert response.status_code == status


async def test_subscription_auth(admin: httpx.AsyncClient, info: dict[str, Any]) -> None:
    assert (await admin.get(SUBS)).status_code == 401
    assert (await admin.get(SUBS, headers={"Authorization": "wrong"})).status_code == 401
    mia = await admin.put(
        f"{API}/USER/generateApiKey",
        params={"username": "mia@mcc.example", "password": info["password"]},
    )
    not_admin = {"Authorization": mia.json()["data"]["result"]}
    assert (await admin.get(SUBS, headers=not_admin)).status_code == 403
    login = await admin.post(
        f"{API}/login", params={"username": info["username"], "password": info["password"]}
    )
    session = {"sessionID": login.json()["data"]["sessionID"]}
    assert (await admin.get(SUBS, headers=session)).status_code == 200


async def test_create_update_delete_deliveries(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    created_sub = await subscribe(admin, info, hook_url, eventType="CREATE")
    updated_sub = await subscribe(admin, info, hook_url, eventType="UPDATE")
    deleted_sub = await subscribe(admin, info, hook_url, eventType="DELETE")
    project = (await wf.post("/project", json={"name": "Evented", "DE:MCC Tier": "Tier 2"})).json()
    project_id = project["data"]["ID"]
    await wf.put(f"/project/{project_id}", params={"status": "PLN"})
    await wf.delete(f"/project/{project_id}")

    (create,) = await received(receiver, created_sub, 1)
    assert set(create) == PAYLOAD_KEYS
    assert create["eventType"] == "CREATE"
    assert create["oldState"] == {}
    assert create["eventVersion"] == create["subscriptionVersion"] == "v2"
    assert set(create["eventTime"]) == {"epochSecond", "nano"}
    assert list(create["newState"]) == list(PROJECT.event_fields)
    assert create["newState"]["parameterValues"] == {"DE:MCC Tier": "Tier 2"}
    assert create["newState"]["entryDate"][19] == "."  # event payloads use a dot for millis
    (update,) = await received(receiver, updated_sub, 1)
    assert (update["oldState"]["status"], update["newState"]["status"]) == ("CUR", "PLN")
    assert update["newState"]["lastUpdateDate"] > update["oldState"]["lastUpdateDate"]
    (delete,) = await received(receiver, deleted_sub, 1)
    assert delete["newState"] == {}
    assert delete["oldState"]["ID"] == project_id

    headers = next(c for c in receiver.calls if c["body"]["subscriptionId"] == created_sub)[
        "headers"
    ]
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["content-type"] == "application/json"
    assert not [h for h in headers if "signature" in h or "hmac" in h]


async def test_browse_form_status_change_fires_event(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    sub_id = await subscribe(admin, info, hook_url)
    project_id = (await wf.post("/project", params={"name": "Demo"})).json()["data"]["ID"]
    form = await admin.post(f"/projects/{project_id}/status", data={"status": "ONH"})
    assert form.status_code == 303
    page = await admin.get(form.headers["location"])
    assert "On Hold (ONH)" in page.text
    (event,) = await received(receiver, sub_id, 1)
    assert event["newState"]["status"] == "ONH"
    refused = await admin.post(f"/projects/{project_id}/status", data={"status": "BAD"})
    assert refused.status_code == 422
    assert "Invalid status" in refused.text


async def test_filters_object_id_and_base64(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    first = (await wf.post("/project", params={"name": "First"})).json()["data"]["ID"]
    second = (await wf.post("/project", params={"name": "Second"})).json()["data"]["ID"]
    only_ded = await subscribe(
        admin,
        info,
        hook_url,
        filters=[{"fieldName": "status", "fieldValue": "DED", "comparison": "eq"}],
    )
    status_changed = await subscribe(
        admin,
        info,
        hook_url,
        objId=second,
        filters=[{"fieldName": "status", "comparison": "changed"}],
    )
    encoded = await subscribe(admin, info, hook_url, objId=first, base64Encoding=True)
    await wf.put(f"/project/{first}", params={"status": "DED"})
    await wf.put(f"/project/{second}", params={"description": "no status change"})
    await wf.put(f"/project/{second}", params={"status": "ONH"})
    (ded,) = await received(receiver, only_ded, 1)
    assert ded["newState"]["ID"] == first
    (changed,) = await received(receiver, status_changed, 1)
    assert changed["newState"]["status"] == "ONH"
    (b64,) = await received(receiver, encoded, 1)
    assert json.loads(base64.b64decode(b64["newState"]))["status"] == "DED"

    async def logged() -> list[str] | None:
        response = await admin.get("/__emulator__/deliveries", params={"subscription_id": only_ded})
        statuses = [d["status"] for d in response.json()["deliveries"]]
        return statuses if "pending" not in statuses else None

    assert await eventually_async(logged, message="attempt logged") == ["delivered"]


async def test_template_project_sends_one_create_with_final_values(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    projects = await subscribe(admin, info, hook_url, eventType="CREATE")
    tasks = await subscribe(admin, info, hook_url, eventType="CREATE", objCode="TASK")
    template_id = info["templates"]["MCC Tier 3 Campaign"]
    await wf.post("/project", params={"name": "From template", "templateID": template_id})
    (project,) = await received(receiver, projects, 1)
    assert project["newState"]["templateID"] == template_id
    created_tasks = await received(receiver, tasks, 4)
    assert {t["newState"]["projectID"] for t in created_tasks} == {project["newState"]["ID"]}


async def test_only_event_field_edits_fire_updates(
    admin: httpx.AsyncClient, wf: httpx.AsyncClient, info: dict[str, Any], hook_url: str
) -> None:
    sub_id = await subscribe(admin, info, hook_url)
    project_id = (await wf.post("/project", params={"name": "Rollup"})).json()["data"]["ID"]
    task = await wf.post("/task", params={"name": "t", "projectID": project_id, "duration": 0})
    await wf.put(f"/task/{task.json()['data']['ID']}", params={"percentComplete": 40})
    rolled = await wf.get(f"/project/{project_id}")
    assert rolled.json()["data"]["percentComplete"] == 40.0
    # Messages are queued before the API answers, so the log is already complete here:
    # percentComplete is not one of PROJ's event fields, so the rollup sent nothing.
    log = await admin.get("/__emulator__/deliveries", params={"subscription_id": sub_id})
    assert log.json()["deliveries"] == []
    # And the subscription does fire on an event field, so the silence above means something.
    await wf.put(f"/project/{project_id}", params={"status": "PLN"})
    log = await admin.get("/__emulator__/deliveries", params={"subscription_id": sub_id})
    assert len(log.json()["deliveries"]) == 1
