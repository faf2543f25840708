"""The Asana emulator over real HTTP for tests: the server, clients, and a webhook receiver.

Test modules import the fixtures they use (``from tests.support.asana import emu, ...``):
the emulator runs once per module on a free loopback port and is reset before each test.
``HookReceiver`` answers the ``X-Hook-Secret`` handshake (or refuses it, as told) and checks
every later delivery's ``X-Hook-Signature`` against the secret it was given.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mcc.sandbox.asana import DEFAULT_TOKEN, create_asana_emulator
from tests.support.live import LiveServer, eventually


@dataclass
class Asana:
    """A running emulator: its URL, seeded gids, an API client and an admin client."""

    url: str
    info: dict[str, Any]
    api: httpx.AsyncClient  # /api/1.0 with the personal access token
    admin: httpx.AsyncClient  # /__emulator__ (no auth)

    @property
    def workspace(self) -> str:
        return str(self.info["workspace"])

    @property
    def team(self) -> str:
        return str(self.info["team"])

    async def faults(self, **switches: Any) -> None:
        response = await self.admin.post("/__emulator__/faults", json=switches)
        assert response.status_code == 200, response.text

    async def deliveries(self, webhook: str | None = None) -> list[dict[str, Any]]:
        params = {"webhook": webhook} if webhook else {}
        response = await self.admin.get("/__emulator__/deliveries", params=params)
        rows: list[dict[str, Any]] = response.json()["deliveries"]
        return rows

    async def project(self, name: str = "Spring launch", **fields: Any) -> dict[str, Any]:
        response = await self.api.post(
            f"/teams/{self.team}/projects", json={"data": {"name": name, **fields}}
        )
        assert response.status_code == 201, response.text
        data: dict[str, Any] = response.json()["data"]
        return data


@pytest.fixture(scope="module")
def asana_server() -> Iterator[LiveServer]:
    server = LiveServer(create_asana_emulator(":memory:")).start()
    yield server
    server.stop()


@pytest.fixture
async def emu(asana_server: LiveServer) -> AsyncIterator[Asana]:
    """The module's emulator, freshly reset, with fast webhook retries."""
    base = asana_server.url
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as admin,
        httpx.AsyncClient(
            base_url=base + "/api/1.0",
            headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
            timeout=10,
        ) as api,
    ):
        (await admin.post("/__emulator__/reset")).raise_for_status()
        await admin.post("/__emulator__/faults", json={"retry_delay_scale": 0.0005})
        info = (await admin.get("/__emulator__/info")).json()
        yield Asana(url=base, info=info, api=api, admin=admin)


@dataclass
class Delivery:
    """One POST the receiver got after the handshake."""

    body: bytes
    signature: str
    valid: bool

    @property
    def events(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(self.body)["events"]
        return found


@dataclass
class HookReceiver:
    """A webhook target: ``handshake`` is "echo", "no_echo", "wrong_echo" or "fail"."""

    handshake: str = "echo"
    fail_next: int = 0
    call_back: str | None = None  # a URL to GET (with the token) before answering a handshake
    called_back: list[int] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    received: list[Delivery] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> Response:
        secret = request.headers.get("x-hook-secret")
        body = await request.body()
        if secret is not None:
            if self.call_back:  # a receiver that asks the API something mid-handshake
                async with httpx.AsyncClient(timeout=5) as client:
                    auth = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
                    self.called_back.append(
                        (await client.get(self.call_back, headers=auth)).status_code
                    )
            if self.handshake == "fail":
                return Response(status_code=500)
            if self.handshake == "no_echo":
                return Response(status_code=200)
            self.secrets.append(secret)
            echoed = secret if self.handshake == "echo" else "0" * 64
            return Response(status_code=204, headers={"X-Hook-Secret": echoed})
        signature = request.headers.get("x-hook-signature", "")
        valid = any(
            hmac.compare_digest(hmac.new(s.encode(), body, hashlib.sha256).hexdigest(), signature)
            for s in self.secrets
        )
        with self._lock:
            failing = self.fail_next > 0
            if failing:
                self.fail_next -= 1
            else:
                self.received.append(Delivery(body, signature, valid))
        return Response(status_code=500 if failing else 200)

    def events(self) -> list[dict[str, Any]]:
        """Every event received, in arrival order (heartbeats carry none)."""
        with self._lock:
            return [event for d in self.received for event in d.events]

    async def wait_for(self, count: int, what: str = "events") -> list[dict[str, Any]]:
        return await eventually(
            lambda: found if len(found := self.events()) >= count else None,
            message=f"{count} {what}",
        )


@pytest.fixture(scope="module")
def _receiver_server() -> Iterator[tuple[LiveServer, HookReceiver]]:
    receiver = HookReceiver()
    server = LiveServer(receiver.app()).start()
    yield server, receiver
    server.stop()


@pytest.fixture
def receiver(_receiver_server: tuple[LiveServer, HookReceiver]) -> HookReceiver:
    """The module's receiver, forgetting what it saw and answering handshakes."""
    receiver = _receiver_server[1]
    receiver.handshake, receiver.fail_next, receiver.call_back = "echo", 0, None
    receiver.called_back.clear()
    receiver.secrets.clear()
    receiver.received.clear()
    return receiver


@pytest.fixture
def hook_url(_receiver_server: tuple[LiveServer, HookReceiver]) -> str:
    return f"{_receiver_server[0].url}/hook"
