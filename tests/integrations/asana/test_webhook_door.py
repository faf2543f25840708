"""`/webhooks/asana`: the handshake, signed deliveries, and hostile input (nothing stored)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.asana import webhook
from mcc.models import InboxEvent, SyncSecret

SECRET = "5f" * 32


def sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def event(gid: str = "1209000000000007", kind: str = "project", **extra: Any) -> dict[str, Any]:
    return {"action": "changed", "created_at": "2026-03-01T10:00:00.000Z", "user": None,
            "resource": {"gid": gid, "resource_type": kind},
            "change": {"field": "completed", "action": "changed"}, **extra}  # fmt: skip


async def inbox_count(db: Database) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)


@pytest.fixture
def hook(settings: Settings) -> str:
    return webhook.mint_hook_id(settings.resolved_webhook_token())


@pytest.fixture
async def established(client: httpx.AsyncClient, hook: str) -> str:
    response = await client.post("/webhooks/asana", params={"hook": hook},
                                 headers={"X-Hook-Secret": SECRET})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.headers["x-hook-secret"] == SECRET
    return hook


async def deliver(
    client: httpx.AsyncClient, hook: str, body: bytes, signature: str | None = None
) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Hook-Signature"] = signature
    return await client.post("/webhooks/asana", params={"hook": hook}, content=body,
                             headers=headers)  # fmt: skip


async def test_the_handshake_echoes_the_secret_and_keeps_it_encrypted(
    client: httpx.AsyncClient, db: Database, established: str
) -> None:
    async with db.read() as session:
        rows = list(await session.scalars(select(SyncSecret)))
    (row,) = [r for r in rows if r.key.startswith("asana.webhook.")]
    assert SECRET not in row.ciphertext


@pytest.mark.parametrize("which", ["none", "forged", "stale"])
async def test_a_handshake_nobody_asked_for_is_refused(
    client: httpx.AsyncClient, db: Database, settings: Settings, hook: str, which: str
) -> None:
    token = settings.resolved_webhook_token()
    chosen = {
        "none": None,
        "forged": hook[:-4] + "abcd",
        "stale": webhook.mint_hook_id(token, now=time.time() - webhook.HANDSHAKE_WINDOW_S - 5),
    }[which]
    params = {"hook": chosen} if chosen else {}
    response = await client.post("/webhooks/asana", params=params,
                                 headers={"X-Hook-Secret": SECRET})  # fmt: skip
    assert response.status_code == 403
    assert "x-hook-secret" not in response.headers
    async with db.read() as session:
        stored = [r.key for r in await session.scalars(select(SyncSecret))]
    assert not [key for key in stored if key.startswith("asana.webhook.")]


async def test_a_second_handshake_cannot_replace_the_secret(
    client: httpx.AsyncClient, established: str
) -> None:
    other = secrets.token_hex(32)
    response = await client.post("/webhooks/asana", params={"hook": established},
                                 headers={"X-Hook-Secret": other})  # fmt: skip
    assert response.status_code == 403
    body = json.dumps({"events": []}).encode()
    assert (await deliver(client, established, body, sign(body, other))).status_code == 401
    assert (await deliver(client, established, body, sign(body))).status_code == 200


async def test_signed_events_are_stored_once_and_heartbeats_answered(
    client: httpx.AsyncClient, db: Database, established: str
) -> None:
    heartbeat = b'{"events":[]}'
    answer = await deliver(client, established, heartbeat, sign(heartbeat))
    assert (answer.status_code, answer.json()["stored"]) == (200, 0)
    body = json.dumps({"events": [event(), event("1209000000000012", "task"),
                                  event("1209000000000099", "story")]}).encode()  # fmt: skip
    answer = await deliver(client, established, body, sign(body))
    assert (answer.status_code, answer.json()["stored"]) == (200, 2)  # the story is not synced
    again = await deliver(client, established, body, sign(body))
    assert (again.status_code, again.json()["stored"]) == (200, 0)
    assert await inbox_count(db) == 2
    async with db.read() as session:
        kinds = sorted(await session.scalars(select(InboxEvent.event_type)))
    assert kinds == ["project.changed", "task.changed"]


@pytest.mark.parametrize("signature", [None, "", "0" * 64, "not-hex"])
async def test_missing_or_wrong_signatures_are_401_and_store_nothing(
    client: httpx.AsyncClient, db: Database, established: str, signature: str | None
) -> None:
    body = json.dumps({"events": [event()]}).encode()
    response = await deliver(client, established, body, signature)
    assert response.status_code == 401
    assert await inbox_count(db) == 0


async def test_a_delivery_signed_for_another_body_or_to_an_unknown_hook_is_401(
    client: httpx.AsyncClient, db: Database, settings: Settings, established: str
) -> None:
    body = json.dumps({"events": [event()]}).encode()
    tampered = body.replace(b"changed", b"deleted", 1)
    assert (await deliver(client, established, tampered, sign(body))).status_code == 401
    unknown = webhook.mint_hook_id(settings.resolved_webhook_token())  # ours, never established
    assert (await deliver(client, unknown, body, sign(body))).status_code == 401
    assert (await deliver(client, "1.2.3", body, sign(body))).status_code == 401
    assert await inbox_count(db) == 0


async def test_malformed_nested_and_huge_signed_bodies_get_a_clear_4xx(
    client: httpx.AsyncClient, db: Database, settings: Settings, established: str
) -> None:
    cases: list[tuple[bytes, int]] = [
        (b"{not json", 400),
        (b'{"events": [{"action": "changed"}]}', 400),
        (b'{"events": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400),
        (json.dumps({"events": [event(change={"a": {"b": {"c": {"d": {"e": {}}}}}})]}).encode(),
         400),
        (b'{"events": [], "pad": "' + b"x" * settings.webhook_max_bytes + b'"}', 413),
    ]  # fmt: skip
    for body, status in cases:
        response = await deliver(client, established, body, sign(body))
        assert response.status_code == status, (body[:60], response.text)
        assert response.json()["error"]["message"]
    assert await inbox_count(db) == 0
