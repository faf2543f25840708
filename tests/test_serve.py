"""`mcc serve` as a real process: it migrates an empty database, serves, and refuses an old one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import text

from mcc.db import create_engine
from tests.auth.support import issue_token
from tests.conftest import Backend
from tests.support.net import free_port, wait_for
from tests.support.server import mcc_serve


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    """A real `mcc serve` on `database_url` (no embedding model: these tests are about serving)."""
    with mcc_serve(database_url, env={"MCC_EMBEDDER": "none"}) as server:
        yield server.url


async def test_serve_migrates_and_answers_graphql(backend: Backend) -> None:
    url = await backend.new_database_url()
    with serving(url) as base:
        assert httpx.get(f"{base}/readyz").json()["status"] == "ready"
        assert httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}).status_code == 401
        auth = {"Authorization": f"Bearer {await issue_token(url)}"}
        created = httpx.post(
            f"{base}/graphql", headers=auth,
            json={"query": 'mutation { createCampaign(input: {name: "Live", type: "webinar", '
                  'budget: "40000"}) { campaignId tier } }'},
        ).json()  # fmt: skip
        assert created["data"]["createCampaign"]["tier"] == 2
        listed = httpx.post(
            f"{base}/graphql",
            headers=auth,
            json={"query": "{ listCampaigns(limit: 50) { items { name } } }"},
        ).json()
        assert listed["data"]["listCampaigns"]["items"] == [{"name": "Live"}]


async def test_serve_refuses_a_database_with_an_unknown_schema(backend: Backend) -> None:
    url = await backend.new_database_url()
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE legacy (id INTEGER)"))
    await engine.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "mcc", "serve", "--port", str(free_port())],
        env={**os.environ, "MCC_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no mcc schema revision" in result.stderr


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_a_fresh_server_readies_the_assistant_before_anyone_writes() -> None:
    """A server trains the assistant's act classifier as it starts (in a child process, once per
    data directory), so the cached model appears with no message sent and a newcomer's first
    message does not wait for it."""
    with mcc_serve(None, env={"MCC_EMBEDDER": "none"}) as server:
        cache = server.data_dir / "cache"
        wait_for(lambda: any(cache.glob("acts-*.npz")), timeout=120,
                 what="the act classifier trained at start, before any message")  # fmt: skip
        assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
