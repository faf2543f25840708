"""Asana adapter fixtures: the emulator over real HTTP (`tests.support.asana`) and an adapter
configured the way an operator would, through `Settings`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from mcc.config import Environment, Settings
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.integrations.backends import build_backend
from tests.support.asana import Asana, asana_server, emu

__all__ = ["asana_server", "emu"]


def asana_settings(emu: Asana, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": Environment.TEST, "data_dir": tmp_path, "embedder": "none",
        "knowledge_load_bundled": False, "workmgmt_backend": "asana",
        "asana_url": f"{emu.url}/api/1.0", "asana_token": emu.info["token"],
        "asana_workspace": emu.workspace, "asana_team": emu.team, "asana_max_retries": 2,
        "asana_retry_base_seconds": 0.01, "webhook_token": "test-webhook-token",
        **overrides,
    }  # fmt: skip
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


@pytest.fixture
def adapter(emu: Asana, tmp_path: Path, http: httpx.AsyncClient) -> AsanaAdapter:
    backend = build_backend(asana_settings(emu, tmp_path), http)
    assert isinstance(backend, AsanaAdapter)
    return backend
