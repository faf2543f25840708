"""The Workfront webhook keeps what it accepts and refuses everything else without a trace."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.config import Settings
from mcc.models import InboxEvent

EVENT: dict[str, Any] = {
    "eventType": "UPDATE",
    "subscriptionId": "4b5f3c1e-0000-4000-8000-000000000001",
    "eventTime": {"epochSecond": 1767225600, "nano": 120000000},
    "eventVersion": "v2",
    "subscriptionVersion": "v2",
    "newState": {"ID": "a" * 32, "objCode": "PROJ", "status": "ONH",
                 "lastUpdateDate": "2026-01-01T00:00:00.120-0800"},
    "oldState": {"ID": "a" * 32, "objCode": "PROJ", "status": "CUR"},
}  # fmt: skip


def bearer(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.resolved_webhook_token()}"}


async def stored(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)


async def test_an_event_is_stored_once_and_acknowledged(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    first = await client.post("/webhooks/workfront", json=EVENT, headers=bearer(settings))
    assert (first.status_code, first.json()["status"]) == (202, "accepted")
    again = await client.post("/webhooks/workfront", json=EVENT, headers=bearer(settings))
    assert (again.status_code, again.json()["status"]) == (202, "duplicate")
    raw = {"Authorization": settings.resolved_webhook_token()}  # the token without "Bearer"
    third = await client.post("/webhooks/workfront", json=EVENT, headers=raw)
    assert third.status_code == 202
    assert await stored(session) == 1
    row = await session.scalar(select(InboxEvent))
    assert row is not None
    assert (row.event_type, row.status) == ("PROJ.UPDATE", "pending")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Bearer "},
        {"Authorization": "x" * 300},
    ],
)
async def test_a_wrong_or_missing_token_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, headers: dict[str, str]
) -> None:
    response = await client.post("/webhooks/workfront", json=EVENT, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    assert await stored(session) == 0


@pytest.mark.parametrize(
    "body", [b"", b"{not json", b"\xff\xfe", b"[1, 2]", b'{"no": "eventType"}', b"null"]
)
async def test_a_malformed_body_is_refused(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession, body: bytes
) -> None:
    response = await client.post("/webhooks/workfront", content=body, headers=bearer(settings))
    assert response.status_code == 400
    assert await stored(session) == 0


async def test_an_oversized_body_is_refused(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    padding = "x" * settings.webhook_max_bytes
    body = json.dumps({**EVENT, "padding": padding}).encode()
    response = await client.post("/webhooks/workfront", content=body, headers=bearer(settings))
    assert response.status_code == 413
    assert await stored(session) == 0


async def test_a_deeply_nested_body_is_refused(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    response = await client.post("/webhooks/workfront", content=body, headers=bearer(settings))
    assert response.status_code in (400, 413)
    assert await stored(session) == 0


def _nested(depth: int) -> Any:
    node: Any = {"ID": "x"}
    for _ in range(depth):
        node = {"parameterValues": node}
    return node


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"newState": {**EVENT["newState"], "deep": _nested(40)}}, "nests deeper"),
        ({"eventTime": "yesterday"}, "eventTime"),
        ({"eventTime": {"epochSecond": 10**20}}, "eventTime"),
        ({"eventTime": {"epochSecond": "soon"}}, "eventTime"),
        ({"eventTime": None}, "eventTime"),
        ({"eventType": ["UPDATE"]}, "eventType"),
        ({"newState": [1, 2], "oldState": None}, "newState"),
        ({"newState": {}, "oldState": {}}, "neither"),
    ],
)
async def test_an_event_that_could_never_be_applied_is_refused_with_the_reason(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession,
    change: dict[str, Any], reason: str,
) -> None:  # fmt: skip
    response = await client.post(
        "/webhooks/workfront", json={**EVENT, **change}, headers=bearer(settings)
    )
    assert response.status_code == 400
    assert reason in response.json()["error"]["message"]
    assert await stored(session) == 0


async def test_a_real_delivery_with_custom_fields_passes_the_door(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    state = {**EVENT["newState"], "parameterValues": {"DE:Objective": {"value": ["a", "b"]}}}
    event = {**EVENT, "newState": state, "eventTime": "2026-01-01T00:00:00.000Z"}
    response = await client.post("/webhooks/workfront", json=event, headers=bearer(settings))
    assert response.status_code == 202
    assert await stored(session) == 1


async def test_a_system_without_a_webhook_gets_a_404_and_nothing_is_stored(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    """The door serves the systems in `integrations.backends.WEBHOOKS`, no other path."""
    response = await client.post("/webhooks/jira", json=EVENT, headers=bearer(settings))
    assert (response.status_code, response.json()["error"]["code"]) == (404, "NOT_FOUND")
    assert await stored(session) == 0
