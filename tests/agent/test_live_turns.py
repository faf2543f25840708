"""A real `mcc serve`: slow assistant turns never hold up lists or webhooks.

Five conversations run at once on the LLM engine with a model that takes seconds per call
(`MCC_LLM_MODEL=test:slow:SECONDS`), on a fresh data directory, while `listCampaigns` and a
Workfront webhook are sent every 250 ms: each must answer in under a second, on SQLite too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from pathlib import Path

import httpx
import pytest

from tests.auth.support import issue_token
from tests.conftest import Backend
from tests.test_serve import serving

THINK_SECONDS = 10  # the issue: "a FunctionModel that takes 10 s per call"
CONVERSATIONS = 5
TOKEN = "live-turns-webhook-token"
WEBHOOK_AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEND = """mutation($message: String!) { sendAgentMessage(message: $message)
  { conversationId content } }"""
LIST = "{ listCampaigns(limit: 20) { items { name } } }"


def event(number: int) -> dict[str, object]:
    """A Workfront project update; each one distinct, so none is a duplicate delivery."""
    project = f"{number:032x}"
    return {
        "eventType": "UPDATE",
        "subscriptionId": "4b5f3c1e-0000-4000-8000-000000000001",
        "eventTime": {"epochSecond": 1767225600 + number, "nano": 0},
        "newState": {"ID": project, "objCode": "PROJ", "status": "CUR",
                     "lastUpdateDate": "2026-01-01T00:00:00.000-0800"},
    }  # fmt: skip


async def timed(request: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await request
    return response, time.monotonic() - started


async def test_lists_and_webhooks_stay_fast_during_slow_turns(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MCC_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCC_LLM_MODEL", f"test:slow:{THINK_SECONDS}")
    monkeypatch.setenv("MCC_WEBHOOK_TOKEN", TOKEN)
    url = await backend.new_database_url()
    with serving(url) as base:
        auth = {"Authorization": f"Bearer {await issue_token(url)}"}
        async with httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as client:
            # The server's first answers (not the assistant's), so that what is timed below is
            # the effect of the turns, not of the process's first requests.
            first = await client.post("/graphql", json={"query": LIST})
            assert first.status_code == 200, first.text
            first = await client.post("/webhooks/workfront", json=event(0), headers=WEBHOOK_AUTH)
            assert first.status_code == 202, first.text
            started = time.monotonic()
            turns = [
                asyncio.create_task(
                    client.post(
                        "/graphql", json={"query": SEND, "variables": {"message": f"Hello {n}"}}
                    )
                )
                for n in range(CONVERSATIONS)
            ]
            lists: list[float] = []
            hooks: list[float] = []
            number = 0
            while not all(turn.done() for turn in turns):
                number += 1
                listed, took = await timed(client.post("/graphql", json={"query": LIST}))
                assert listed.status_code == 200, listed.text
                assert "errors" not in listed.json(), listed.text
                lists.append(took)
                hook, took = await timed(
                    client.post("/webhooks/workfront", json=event(number), headers=WEBHOOK_AUTH)
                )
                assert hook.status_code == 202, hook.text
                hooks.append(took)
                await asyncio.sleep(0.25)
            elapsed = time.monotonic() - started
            replies = [(await turn).json() for turn in turns]
    for reply in replies:
        assert "errors" not in reply, reply
        assert reply["data"]["sendAgentMessage"]["content"].startswith("(test model)")
    assert len({r["data"]["sendAgentMessage"]["conversationId"] for r in replies}) == CONVERSATIONS
    assert elapsed >= THINK_SECONDS  # the probes really ran while the turns were thinking
    assert len(lists) >= 2 * THINK_SECONDS
    assert max(lists) < 1.0, f"listCampaigns took up to {max(lists):.2f} s: {lists}"
    assert max(hooks) < 1.0, f"the webhook took up to {max(hooks):.2f} s: {hooks}"
