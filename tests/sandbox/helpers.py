"""Helpers shared by the emulator's tests: subscribing, waiting for deliveries, fault switches.

One place, so that a test module never imports another test module for its helpers.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.live import Receiver, eventually

SUBS = "/attask/eventsubscription/api/v1/subscriptions"
TOKEN = "receiver-shared-secret-1234"


async def create_project(wf: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    response = await wf.post("/project", params={"name": "Spring launch", **fields})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def subscribe(admin: httpx.AsyncClient, info: dict[str, Any], url: str, **fields: Any) -> str:
    body = {"objCode": "PROJ", "eventType": "UPDATE", "url": url, "authToken": TOKEN, **fields}
    response = await admin.post(SUBS, json=body, headers={"Authorization": info["apiKey"]})
    assert response.status_code == 201, response.text
    sub_id: str = response.json()["id"]
    return sub_id


def bodies(receiver: Receiver, sub_id: str) -> list[dict[str, Any]]:
    return [b for b in receiver.accepted() if b["subscriptionId"] == sub_id]


async def received(receiver: Receiver, sub_id: str, count: int) -> list[dict[str, Any]]:
    return await eventually(
        lambda: found if len(found := bodies(receiver, sub_id)) >= count else None,
        message=f"{count} deliveries for {sub_id}",
    )


async def set_faults(admin: httpx.AsyncClient, **switches: Any) -> None:
    response = await admin.post("/__emulator__/faults", json=switches)
    assert response.status_code == 200, response.text


async def deliveries(admin: httpx.AsyncClient, sub_id: str) -> list[dict[str, Any]]:
    response = await admin.get("/__emulator__/deliveries", params={"subscription_id": sub_id})
    rows: list[dict[str, Any]] = response.json()["deliveries"]
    return rows
