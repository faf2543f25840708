"""Sync fixtures: the Workfront emulator and MCC itself, both over real HTTP on 127.0.0.1.

Sync tests run workers that open many transactions concurrently, so they use `fresh_db` (a
freshly migrated database of their own, on each backend) instead of the rolled-back transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcc.config import Environment, Settings
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.sandbox.workfront import DEFAULT_API_KEY, create_workfront_emulator
from mcc.sync.runtime import build_backend
from tests.support.live import LiveServer


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[LiveServer]:
    server = LiveServer(create_workfront_emulator(":memory:")).start()
    yield server
    server.stop()


@pytest.fixture
async def emulator(emulator_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    """The emulator's admin API (`/__emulator__`), reset before each test."""
    async with httpx.AsyncClient(base_url=emulator_server.url, timeout=10) as admin:
        (await admin.post("/__emulator__/reset")).raise_for_status()
        await admin.post("/__emulator__/faults", json={"retry_delay_scale": 0.0005})
        yield admin


@pytest.fixture
def sync_settings(emulator_server: LiveServer, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        env=Environment.TEST,
        data_dir=tmp_path,
        workmgmt_backend="workfront",
        workfront_url=emulator_server.url,
        workfront_api_key=DEFAULT_API_KEY,
        workfront_max_retries=2,
        embedder="none",
        knowledge_load_bundled=False,
        workfront_retry_base_seconds=0.01,
        outbox_poll_seconds=0.05,
        reconcile_seconds=3600,
        webhook_token="test-webhook-token",
    )


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


@pytest.fixture
def workfront(sync_settings: Settings, http: httpx.AsyncClient) -> WorkfrontAdapter:
    backend = build_backend(sync_settings, http)
    assert isinstance(backend, WorkfrontAdapter)
    return backend


async def wf_search(emulator_url: str, obj: str, **filters: Any) -> list[dict[str, Any]]:
    """Read the emulator's state the way any Workfront client would."""
    params = {"apiKey": DEFAULT_API_KEY, "fields": "*,parameterValues", **filters}
    async with httpx.AsyncClient(base_url=f"{emulator_url}/attask/api/v21.0") as client:
        response = await client.get(f"/{obj}/search", params=params)
    response.raise_for_status()
    data: list[dict[str, Any]] = response.json()["data"]
    return data
