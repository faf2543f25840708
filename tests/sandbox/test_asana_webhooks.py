"""Asana webhooks over real HTTP: the handshake and its failures, signed deliveries, bubbling,
filters, heartbeats, retries, the 24-hour deletion rule, and the delivery fault switches."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.asana import (
    Asana,
    HookReceiver,
    _receiver_server,
    asana_server,
    emu,
    hook_url,
    receiver,
)
from tests.support.live import eventually_async
from tests.support.net import free_port

__all__ = ["_receiver_server", "asana_server", "emu", "hook_url", "receiver"]  # fixtures


async def _hook(emu: Asana, resource: str, target: str, **fields: Any) -> httpx.Response:
    body = {"data": {"resource": resource, "target": target, **fields}}
    return await emu.api.post("/webhooks", json=body)


async def _webhook(emu: Asana, resource: str, target: str, **fields: Any) -> dict[str, Any]:
    response = await _hook(emu, resource, target, **fields)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def _listed(emu: Asana) -> list[dict[str, Any]]:
    response = await emu.api.get("/webhooks", params={"workspace": emu.workspace})
    hooks: list[dict[str, Any]] = response.json()["data"]
    return hooks


async def test_create_answers_after_the_handshake_with_the_secret(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    response = await _hook(emu, project["gid"], hook_url + "?campaign=42")
    assert response.status_code == 201
    body = response.json()
    assert len(receiver.secrets) == 1
    assert body["X-Hook-Secret"] == receiver.secrets[0]
    assert len(body["X-Hook-Secret"]) == 64
    int(body["X-Hook-Secret"], 16)  # hex
    assert body["data"]["target"].endswith("/hook?campaign=42")  # query kept for deliveries
    heartbeat = await eventually_async(
        lambda: _first(receiver), message="the heartbeat after the handshake"
    )
    assert heartbeat.events == []
    assert heartbeat.valid


async def _first(receiver: HookReceiver) -> Any:
    return receiver.received[0] if receiver.received else None


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("no_echo", "did not echo the X-Hook-Secret"),
        ("wrong_echo", "did not echo the X-Hook-Secret"),
        ("fail", "responded 500"),
    ],
)
async def test_a_failed_handshake_creates_nothing(
    emu: Asana, receiver: HookReceiver, hook_url: str, mode: str, message: str
) -> None:
    project = await emu.project()
    receiver.handshake = mode
    response = await _hook(emu, project["gid"], hook_url)
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["message"]
    assert await _listed(emu) == []
    assert receiver.received == []


async def test_an_unreachable_target_creates_nothing(emu: Asana) -> None:
    project = await emu.project()
    response = await _hook(emu, project["gid"], f"http://127.0.0.1:{free_port()}/hook")
    assert response.status_code == 400
    assert "did not respond" in response.json()["errors"][0]["message"]
    assert await _listed(emu) == []


async def test_a_receiver_may_call_the_api_during_the_handshake(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    receiver.call_back = f"{emu.url}/api/1.0/projects/{project['gid']}"
    await _webhook(emu, project["gid"], hook_url)  # no deadlock: the emulator keeps serving
    assert receiver.called_back == [200]


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"target": "ftp://example.com/hook"}, 400, "target: Must be an http(s) URL"),
        ({"resource": None}, 400, "resource: Missing input"),
        ({"resource": "1234"}, 400, "resource: Not a recognized ID: 1234"),
        ({"filters": [{"resource_type": "task", "fields": ["name"]}]}, 400, "filters.fields"),
        ({"filters": [{"action": "changed"}]}, 400, "filters.resource_type: Missing input"),
    ],
)
async def test_bad_webhook_requests_are_refused(
    emu: Asana, receiver: HookReceiver, hook_url: str, fields: dict[str, Any], status: int,
    message: str,
) -> None:  # fmt: skip
    project = await emu.project()
    body = {"resource": project["gid"], "target": hook_url, **fields}
    response = await emu.api.post("/webhooks", json={"data": body})
    assert response.status_code == status
    assert message in response.json()["errors"][0]["message"]
    assert receiver.secrets == []  # refused before any handshake
    assert await _listed(emu) == []


async def test_local_targets_can_be_forbidden_like_real_asana(emu: Asana, hook_url: str) -> None:
    project = await emu.project()
    await emu.faults(forbid_local_targets=True)
    response = await _hook(emu, project["gid"], hook_url)
    assert response.status_code == 403


async def test_workspace_webhooks_need_filters_and_see_only_projects(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    unfiltered = await _hook(emu, emu.workspace, hook_url)
    assert unfiltered.status_code == 400
    await _webhook(emu, emu.workspace, hook_url,
                   filters=[{"resource_type": "project", "action": "changed"},
                            {"resource_type": "task"}])  # fmt: skip
    project = await emu.project()
    task = await emu.api.post("/tasks", json={"data": {"name": "T", "projects": [project["gid"]]}})
    assert task.status_code == 201
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"name": "Renamed"}})
    events = await receiver.wait_for(1)
    assert [(e["action"], e["resource"]["resource_type"]) for e in events] == [
        ("changed", "project")
    ]


async def test_deliveries_are_signed_and_events_bubble_up_to_the_project(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    hook = await _webhook(emu, project["gid"], hook_url)
    created = await emu.api.post(
        "/tasks", json={"data": {"name": "Parent", "projects": [project["gid"]]}}
    )
    parent = created.json()["data"]["gid"]
    sub = await emu.api.post(f"/tasks/{parent}/subtasks", json={"data": {"name": "Child"}})
    child = sub.json()["data"]["gid"]
    await emu.api.put(f"/tasks/{child}", json={"data": {"completed": True}})
    events = await receiver.wait_for(3)
    assert [
        (e["action"], e["resource"]["gid"], (e["parent"] or {}).get("gid")) for e in events
    ] == [
        ("added", parent, project["gid"]),
        ("added", child, parent),
        ("changed", child, None),
    ]
    assert events[2]["change"] == {"field": "completed", "action": "changed"}
    assert events[0]["user"]["resource_type"] == "user"
    assert events[0]["created_at"].endswith("Z")
    assert all(d.valid for d in receiver.received)

    # The receiver records a delivery before it answers; the emulator marks it delivered only
    # after the answer arrives, so the last row may still be in flight here.
    async def all_delivered() -> bool:
        raw = await emu.deliveries(hook["gid"])
        return bool(raw) and all(row["status"] == "delivered" for row in raw)

    await eventually_async(all_delivered, message="every delivery marked delivered")


async def test_field_filters_pick_the_changes_asked_for(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    await _webhook(emu, project["gid"], hook_url, filters=[
        {"resource_type": "project", "action": "changed", "fields": ["completed"]}])  # fmt: skip
    gid = project["gid"]
    await emu.api.put(f"/projects/{gid}", json={"data": {"notes": "not this"}})
    completed = await emu.admin.post(f"/__emulator__/projects/{gid}/complete")
    assert completed.json()["data"]["completed"] is True
    events = await receiver.wait_for(1)
    assert [e["change"]["field"] for e in events] == ["completed"]
    fresh = (await emu.api.get(f"/projects/{gid}", params={"opt_fields": "completed"})).json()
    assert fresh["data"] == {"gid": gid, "completed": True}


async def test_failed_deliveries_are_retried_and_recorded(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    hook = await _webhook(emu, project["gid"], hook_url)
    await eventually_async(lambda: _count(receiver, 1), message="the first heartbeat")
    receiver.fail_next = 2
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"name": "Retried"}})
    events = await receiver.wait_for(1)
    assert events[0]["change"]["field"] == "name"

    async def attempts() -> list[Any] | None:
        rows = [d for d in await emu.deliveries(hook["gid"]) if d["kind"] == "events"]
        return rows if rows and rows[0]["status"] == "delivered" else None

    rows = await eventually_async(attempts, message="the delivery to succeed")
    assert [entry["status_code"] for entry in rows[0]["log"]][-1] == 200
    assert rows[0]["attempts"] >= 2
    state = (await emu.api.get(f"/webhooks/{hook['gid']}")).json()["data"]
    assert state["last_failure_at"] is not None
    assert state["last_success_at"] >= state["last_failure_at"]


async def test_a_webhook_failing_for_24_hours_is_deleted(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    hook = await _webhook(emu, project["gid"], hook_url)
    receiver.fail_next = 1_000_000
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"name": "Lost"}})

    async def failing() -> dict[str, Any] | None:
        found = (await emu.api.get(f"/webhooks/{hook['gid']}")).json()["data"]
        return found if found["delivery_retry_count"] >= 1 else None

    state = await eventually_async(failing, message="a failed attempt")
    assert state["failure_deletion_timestamp"] is not None
    assert state["next_attempt_after"] is not None
    await emu.admin.post("/__emulator__/clock", json={"advance_s": 25 * 3600})

    async def deleted() -> bool:
        return (await emu.api.get(f"/webhooks/{hook['gid']}")).status_code == 404

    await eventually_async(deleted, message="the webhook deleted after 24 h of failures")
    assert await _listed(emu) == []


async def test_heartbeats_follow_the_interval(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    await _webhook(emu, project["gid"], hook_url)
    await eventually_async(lambda: _count(receiver, 1), message="the first heartbeat")
    await emu.admin.post("/__emulator__/clock", json={"advance_s": 8 * 3600 + 1})
    await eventually_async(lambda: _count(receiver, 2), message="the 8-hour heartbeat")
    assert all(d.events == [] and d.valid for d in receiver.received)


async def _count(receiver: HookReceiver, count: int) -> bool:
    return len(receiver.received) >= count


async def test_duplicate_and_reordered_deliveries(
    emu: Asana, receiver: HookReceiver, hook_url: str
) -> None:
    project = await emu.project()
    await _webhook(emu, project["gid"], hook_url)
    await eventually_async(lambda: _count(receiver, 1), message="the first heartbeat")
    await emu.faults(duplicate_deliveries=True)
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"notes": "twice"}})
    events = await receiver.wait_for(2)
    assert events[0] == events[1]

    receiver.received.clear()
    await emu.faults(duplicate_deliveries=False, reorder_batch=2, reorder_hold_ms=60_000)
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"notes": "first"}})
    await emu.api.put(f"/projects/{project['gid']}", json={"data": {"name": "second"}})
    events = await receiver.wait_for(2)
    assert [e["change"]["field"] for e in events] == ["name", "notes"]  # newest first
