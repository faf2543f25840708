"""Fixtures: one emulator and one webhook receiver per session, reset before each test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from mcc.sandbox.workfront import DEFAULT_API_KEY, create_workfront_emulator
from tests.support.live import LiveServer, Receiver

API = "/attask/api/v21.0"


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[LiveServer]:
    server = LiveServer(create_workfront_emulator(":memory:")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def receiver_server() -> Iterator[tuple[LiveServer, Receiver]]:
    receiver = Receiver()
    server = LiveServer(receiver.app).start()
    yield server, receiver
    server.stop()


@pytest.fixture
def receiver(receiver_server: tuple[LiveServer, Receiver]) -> Receiver:
    receiver_server[1].reset()
    return receiver_server[1]


@pytest.fixture
def hook_url(receiver_server: tuple[LiveServer, Receiver]) -> str:
    return f"{receiver_server[0].url}/hook"


@pytest.fixture(scope="session")
async def _admin_client(emulator_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator_server.url, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
async def _wf_client(emulator_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=emulator_server.url + API, params={"apiKey": DEFAULT_API_KEY}, timeout=10
    ) as client:
        yield client


@pytest.fixture
async def admin(_admin_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A client for ``/__emulator__`` (no auth); the emulator is reset before each test."""
    response = await _admin_client.post("/__emulator__/reset")
    response.raise_for_status()
    await _admin_client.post("/__emulator__/faults", json={"retry_delay_scale": 0.0005})
    return _admin_client


@pytest.fixture
async def wf(admin: httpx.AsyncClient, _wf_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A client of ``/attask/api/v21.0`` sending the API key as a parameter."""
    return _wf_client


@pytest.fixture
async def info(admin: httpx.AsyncClient) -> dict[str, Any]:
    data: dict[str, Any] = (await admin.get("/__emulator__/info")).json()
    return data
