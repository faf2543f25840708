"""Fault switches: duplicate, reordered, failing and slow deliveries; API 429/500 injection."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.support.live import Receiver, eventually_async

from .helpers import SUBS, TOKEN, deliveries, received, set_faults, subscribe


async def test_duplicate_deliveries(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    await set_faults(admin, duplicate_deliveries=True)
    sub_id = await subscribe(admin, info, hook_url, eventType="CREATE")
    await wf.post("/project", params={"name": "Twice"})
    first, second = await received(receiver, sub_id, 2)
    assert first == second  # the same message, identical eventTime: dedupe on it
    rows = await deliveries(admin, sub_id)
    assert rows[1]["duplicate_of"] == rows[0]["id"]


async def test_out_of_order_delivery(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    await set_faults(admin, reorder_batch=3)
    sub_id = await subscribe(admin, info, hook_url)
    project_id = (await wf.post("/project", params={"name": "Reordered"})).json()["data"]["ID"]
    for status in ("PLN", "ONH", "CUR"):
        await wf.put(f"/project/{project_id}", params={"status": status})
    events = await received(receiver, sub_id, 3)
    assert [e["newState"]["status"] for e in events] == ["CUR", "ONH", "PLN"]  # newest first
    stamps = [e["newState"]["lastUpdateDate"] for e in events]
    assert stamps == sorted(stamps, reverse=True)  # a receiver must order by time itself


async def test_partial_reorder_batch_is_released_by_flush(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    await set_faults(admin, reorder_batch=5, reorder_hold_ms=60000)
    sub_id = await subscribe(admin, info, hook_url, eventType="CREATE")
    await wf.post("/project", params={"name": "Held"})
    rows = await deliveries(admin, sub_id)
    assert [r["status"] for r in rows] == ["held"]
    assert (await admin.post("/__emulator__/deliveries/flush")).json() == {"released": 1}
    await received(receiver, sub_id, 1)


async def test_injected_failures_are_retried_with_backoff(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    await set_faults(admin, fail_first_attempts=2)
    sub_id = await subscribe(admin, info, hook_url, eventType="CREATE")
    await wf.post("/project", params={"name": "Flaky"})
    await received(receiver, sub_id, 1)
    (row,) = await eventually_async(
        lambda: _delivered(admin, sub_id), message="delivery marked delivered"
    )
    assert row["attempts"] == 3
    assert [entry["error"] is not None for entry in row["log"]] == [True, True, False]
    sub = (
        await admin.get(
            f"{SUBS}/{sub_id}",
            headers={"Authorization": info["apiKey"]},
        )
    ).json()
    assert sub["subscription_url"]["failures"] == 2
    assert sub["subscription_url"]["successes"] == 1


async def _delivered(admin: httpx.AsyncClient, sub_id: str) -> list[dict[str, Any]] | None:
    rows = await deliveries(admin, sub_id)
    return rows if rows and all(r["status"] == "delivered" for r in rows) else None


async def test_receiver_errors_are_retried_then_given_up(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    receiver.fail_next = 1
    sub_id = await subscribe(admin, info, hook_url, eventType="CREATE")
    await wf.post("/project", params={"name": "Receiver hiccup"})
    (row,) = await eventually_async(lambda: _delivered(admin, sub_id), message="retried delivery")
    assert [entry["status_code"] for entry in row["log"]] == [500, 202]
    # A refusal is logged with the start of the receiver's answer (the shared delivery core).
    assert [entry["error"] for entry in row["log"]] == ['{"ok":false}', None]
    await set_faults(admin, fail_first_attempts=99, max_attempts=3)
    await wf.post("/project", params={"name": "Never lands"})
    rows = await eventually_async(
        lambda: _failed(admin, sub_id), message="delivery given up after max_attempts"
    )
    assert rows[-1]["attempts"] == 3


async def _failed(admin: httpx.AsyncClient, sub_id: str) -> list[dict[str, Any]] | None:
    rows = await deliveries(admin, sub_id)
    return rows if rows and rows[-1]["status"] == "failed" else None


async def test_raw_token_header_and_delivery_latency(
    admin: httpx.AsyncClient,
    wf: httpx.AsyncClient,
    info: dict[str, Any],
    receiver: Receiver,
    hook_url: str,
) -> None:
    await set_faults(admin, auth_header="raw", delivery_latency_ms=30)
    sub_id = await subscribe(admin, info, hook_url, eventType="CREATE")
    await wf.post("/project", params={"name": "Raw"})
    await received(receiver, sub_id, 1)
    call = next(c for c in receiver.calls if c["body"]["subscriptionId"] == sub_id)
    assert call["headers"]["authorization"] == TOKEN
    (row,) = await eventually_async(lambda: _delivered(admin, sub_id), message="attempt logged")
    assert row["log"][0]["duration_ms"] >= 30


@pytest.mark.parametrize("status", [429, 500])
async def test_api_error_injection_for_next_requests(
    admin: httpx.AsyncClient, wf: httpx.AsyncClient, status: int
) -> None:
    await set_faults(admin, api_error_status=status, api_error_next=2)
    codes = [(await wf.get("/project/search")).status_code for _ in range(3)]
    assert codes == [status, status, 200]
    await set_faults(admin, api_error_rate=1.0, seed=7)
    failed = await wf.get("/project/search")
    assert failed.status_code == status
    assert "error" in failed.json()
    await set_faults(admin, api_error_rate=0.0)
    assert (await wf.get("/project/search")).status_code == 200


async def test_concurrency_cap_answers_429(admin: httpx.AsyncClient, wf: httpx.AsyncClient) -> None:
    await set_faults(admin, max_concurrent_requests=1, api_latency_ms=150)
    results = await asyncio.gather(wf.get("/project/search"), wf.get("/project/search"))
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 429]
    throttled = next(r for r in results if r.status_code == 429)
    assert throttled.json()["error"]["message"] == "Too many concurrent API requests"


async def test_fault_endpoint_validates_and_resets(admin: httpx.AsyncClient) -> None:
    assert (await admin.post("/__emulator__/faults", json={"nope": 1})).status_code == 400
    assert (
        await admin.post("/__emulator__/faults", json={"reorder_batch": "x"})
    ).status_code == 400
    assert (
        await admin.post("/__emulator__/faults", json={"auth_header": "hmac"})
    ).status_code == 400
    await set_faults(admin, duplicate_deliveries=True)
    assert (await admin.get("/__emulator__/faults")).json()["duplicate_deliveries"] is True
    reset = await admin.delete("/__emulator__/faults")
    assert reset.json()["duplicate_deliveries"] is False
