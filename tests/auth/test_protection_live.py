"""Account protection against a real `mcc serve`: throttled sign-in, streams cut off on
sign-out, token revocation and deactivation, expiring tokens, password resets."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from websockets.typing import Subprotocol

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from tests.auth.live_fixtures import (
    ACCOUNT_FAILURES,
    CLIENT_FAILURES,
    LOCAL_EMAIL,
    LOCAL_PASSWORD,
    Live,
    csrf_of,
    password_sign_in,
)
from tests.support.live import eventually_async

PASSWORD = "a fine long password"
# A stream must end this soon after its credential goes: the periodic re-check interval (1 s
# here) plus the time to notice, with room for a loaded 2-core machine.
CUT_OFF_SECONDS = 5.0


async def _user(live: Live, email: str, *, token: bool = False) -> str | None:
    """A marketer with PASSWORD (made directly: the CLI under test is deactivate/reset/revoke),
    and an API token when asked."""
    database = await live.database()
    try:
        async with database.write() as session:
            service = AuthService(session)
            user = await service.create_user(email, PASSWORD, role=Role.MARKETER)
            return await service.create_api_token(user, "tests") if token else None
    finally:
        await database.dispose()


async def _open_sse(client: httpx.AsyncClient, **headers: str) -> AsyncIterator[str]:
    """The SSE stream's lines, once its `ready` event arrived (so it is subscribed)."""
    request = client.build_request("GET", "/events/campaigns", headers=headers)
    response = await client.send(request, stream=True)
    assert response.status_code == 200
    lines = response.aiter_lines()
    async with asyncio.timeout(10):
        async for line in lines:
            if line == "event: ready":
                break
    return lines


async def _ends(lines: AsyncIterator[str]) -> None:
    """Wait for the stream to end; fail if it is still open after CUT_OFF_SECONDS."""
    async with asyncio.timeout(CUT_OFF_SECONDS):
        async for line in lines:
            assert not line.startswith("event: campaign"), "an event after the cut-off"


async def test_sign_in_is_throttled_per_account_with_retry_after(live: Live) -> None:
    await _user(live, "target@mcc.test")
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        for _ in range(ACCOUNT_FAILURES):
            failed = await password_sign_in(
                client, "Target@mcc.test", "wrong", client_ip="10.1.0.1"
            )
            assert failed.status_code == 401
        locked = await password_sign_in(client, "target@mcc.test", PASSWORD, client_ip="10.1.0.1")
        assert locked.status_code == 429
        assert 0 < int(locked.headers["Retry-After"]) <= 900
        assert "Too many failed sign-ins" in locked.text
        # Per account: the right password from another address waits too.
        elsewhere = await password_sign_in(
            client, "target@mcc.test", PASSWORD, client_ip="10.1.0.2"
        )
        assert elsewhere.status_code == 429
        # An unknown address is throttled the same way, so 429 reveals nothing.
        for _ in range(ACCOUNT_FAILURES):
            ghost = await password_sign_in(client, "ghost@mcc.test", "wrong", client_ip="10.1.0.3")
            assert ghost.status_code == 401
        ghost = await password_sign_in(client, "ghost@mcc.test", "wrong", client_ip="10.1.0.3")
        assert ghost.status_code == 429
        # Other accounts are untouched.
        fine = await password_sign_in(client, LOCAL_EMAIL, LOCAL_PASSWORD, client_ip="10.1.0.4")
        assert fine.status_code == 303


async def test_sign_in_is_throttled_per_client_and_a_success_resets_the_account(
    live: Live,
) -> None:
    await _user(live, "often@mcc.test")
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        # Failures below the account limit, separated by a success: never locked.
        for _ in range(2):
            for _ in range(ACCOUNT_FAILURES - 1):
                failed = await password_sign_in(client, "often@mcc.test", "x", client_ip="10.2.0.9")
                assert failed.status_code == 401
            ok = await password_sign_in(client, "often@mcc.test", PASSWORD, client_ip="10.2.0.9")
            assert ok.status_code == 303
        # One address spraying many accounts hits the per-client limit.
        for number in range(CLIENT_FAILURES):
            sprayed = await password_sign_in(
                client, f"u{number}@mcc.test", "x", client_ip="10.2.0.1"
            )
            assert sprayed.status_code == 401
        refused = await password_sign_in(client, "fresh@mcc.test", "x", client_ip="10.2.0.1")
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0


async def test_signing_out_closes_the_browsers_open_event_stream(live: Live) -> None:
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        signed_in = await password_sign_in(
            client, LOCAL_EMAIL, LOCAL_PASSWORD, client_ip="10.3.0.1"
        )
        assert signed_in.status_code == 303
        page = await client.get("/", headers={"Accept": "text/html"})
        csrf = csrf_of(page)
        lines = await _open_sse(client)
        out = await client.post("/signout", headers={"X-CSRF-Token": csrf})
        assert out.status_code == 303
        await _ends(lines)
        assert (await client.get("/api/campaigns")).status_code == 401


async def test_revoking_a_token_closes_its_graphql_subscription(live: Live) -> None:
    token = await _user(live, "ws@mcc.test", token=True)
    assert token is not None
    url = live.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url,
        subprotocols=[Subprotocol("graphql-transport-ws")],
        additional_headers={"Authorization": f"Bearer {token}"},
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        payload = {"query": "subscription { onCampaignUpdated { name status } }"}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        revoked = live.mcc("tokens", "revoke", "--user", "ws@mcc.test", token[:12])
        assert revoked.returncode == 0, revoked.stderr
        with pytest.raises(websockets.ConnectionClosed) as closed:
            async with asyncio.timeout(CUT_OFF_SECONDS):
                await socket.recv()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4401


async def test_deactivating_a_user_cuts_off_streams_tokens_and_sign_in(live: Live) -> None:
    token = await _user(live, "leaver@mcc.test", token=True)
    bearer = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        assert (await client.get("/api/campaigns", headers=bearer)).status_code == 200
        lines = await _open_sse(client, **bearer)
        done = live.mcc("users", "deactivate", "leaver@mcc.test")
        assert done.returncode == 0, done.stderr
        assert "1 token(s) revoked" in done.stdout
        await _ends(lines)
        assert (await client.get("/api/campaigns", headers=bearer)).status_code == 401
        again = await password_sign_in(client, "leaver@mcc.test", PASSWORD, client_ip="10.4.0.1")
        assert again.status_code == 401


async def test_an_expiring_token_stops_working_when_it_expires(live: Live) -> None:
    await _user(live, "script@mcc.test")
    issued = live.mcc("tokens", "create", "--user", "script@mcc.test", "--expires-in", "6s")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip().splitlines()[-1]
    bearer = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        assert (await client.get("/api/campaigns", headers=bearer)).status_code == 200

        async def refused() -> bool:
            response = await client.get("/api/campaigns", headers=bearer)
            return response.status_code == 401 and "expired" in response.text

        await eventually_async(refused, timeout=20, message="the token to expire")
    bad = live.mcc("tokens", "create", "--user", "script@mcc.test", "--expires-in", "soon")
    assert bad.returncode == 1
    assert "Invalid duration 'soon'" in bad.stderr


async def test_reset_password_prints_a_new_one_and_signs_the_account_out(live: Live) -> None:
    await _user(live, "forgetful@mcc.test")
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        first = await password_sign_in(client, "forgetful@mcc.test", PASSWORD, client_ip="10.5.0.1")
        assert first.status_code == 303
        assert (await client.get("/api/campaigns")).status_code == 200
        reset = live.mcc("users", "reset-password", "forgetful@mcc.test")
        assert reset.returncode == 0, reset.stderr
        new_password = reset.stdout.strip().splitlines()[-1]
        assert len(new_password) >= 16
        assert "shown only this once" in reset.stderr
        assert (await client.get("/api/campaigns")).status_code == 401  # signed out
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
        old = await password_sign_in(client, "forgetful@mcc.test", PASSWORD, client_ip="10.5.0.2")
        assert old.status_code == 401
        new = await password_sign_in(
            client, "forgetful@mcc.test", new_password, client_ip="10.5.0.2"
        )
        assert new.status_code == 303
