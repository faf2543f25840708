"""Webhook and list latency while assistant turns run, against the same requests on an idle server.

A real `mcc serve` (SQLite in a fresh data directory, the bundled playbooks, the configured
assistant) gets a Workfront webhook and a GraphQL `listCampaigns` every `--period` seconds, first
alone (the baseline), then while `--chats` conversations send messages back to back (knowledge
questions and campaign drafts). The ratio busy/idle is the price other users pay for a chat turn;
on SQLite it stays small only if no turn holds the write lock while it thinks.

    .venv/bin/python -m benchmarks.busy_server [--seconds 20] [--chats 5] [--period 0.25]
        [--llm-model test:slow:10]   # an LLM engine whose every call takes 10 s (no network)
        [--brief-chars 9900]         # each turn a new conversation pasting a brief that long

With `--brief-chars`, the turns are the heaviest the offline engine reads: a pasted brief of that
many characters (a webinar brief said again and again), which it reads sentence by sentence.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks.support import admin_token
from mcc.db import Database

WEBHOOK_TOKEN = "benchmark-webhook-token-0123456789"
LIST = {"query": "{ listCampaigns(limit: 50) { items { campaignId name status } nextToken } }"}
SEND = """mutation($id: ID, $message: String!) {
  sendAgentMessage(conversationId: $id, message: $message) { conversationId content }
}"""
CONVERSATION = [
    "Who needs to approve a Tier 1 campaign?",
    "I want to plan a webinar for IT directors about our security release",
    "Budget 40k, launch on 2027-09-15, objective: 300 registrations",
    "when should webinar reminder emails go out?",
]


async def issue_token(url: str) -> str:
    database = Database.from_url(url)
    try:
        return await admin_token(database)
    finally:
        await database.dispose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def probe(
    client: httpx.AsyncClient, seconds: float, period: float, headers: dict[str, str]
) -> dict[str, list[float]]:
    """Webhooks and lists at a fixed rate for `seconds`; their latencies in milliseconds."""
    timings: dict[str, list[float]] = {"webhook": [], "list": []}
    deadline = time.monotonic() + seconds
    sequence = 0

    async def webhook() -> None:
        nonlocal sequence
        sequence += 1
        now = datetime.now(UTC).isoformat()
        state = {"ID": f"bench-{sequence}", "objCode": "PROJ", "lastUpdateDate": now}
        event = {"eventType": "UPDATE", "subscriptionId": "bench", "eventTime": now,
                 "newState": state}  # fmt: skip
        auth = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
        response = await client.post("/webhooks/workfront", json=event, headers=auth)
        assert response.status_code == 202, response.text

    async def listing() -> None:
        response = await client.post("/graphql", json=LIST, headers=headers)
        assert response.status_code == 200, response.text

    async def loop(name: str, call: Any) -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            await call()
            elapsed = time.perf_counter() - started
            timings[name].append(elapsed * 1000)
            await asyncio.sleep(max(0.0, period - elapsed))

    await asyncio.gather(loop("webhook", webhook), loop("list", listing))
    return timings


BRIEF = (
    "We want to run a spring webinar series for IT directors at mid-size manufacturing firms. "
    "The goal is 300 registrations and 40 sales-qualified leads. Budget is around 45k, launch in "
    "April 2027. Channels: email, LinkedIn and our partner newsletter. The team will reuse last "
    "year's deck. "
)


async def chat(
    client: httpx.AsyncClient, headers: dict[str, str], stop: asyncio.Event, brief_chars: int = 0
) -> int:
    turns, conversation = 0, None
    while not stop.is_set():
        message = CONVERSATION[turns % len(CONVERSATION)]
        if brief_chars:  # a new conversation each time, pasting the long brief
            message, conversation = (BRIEF * (brief_chars // len(BRIEF) + 1))[:brief_chars], None
        body = {"query": SEND, "variables": {"id": conversation, "message": message}}
        response = (await client.post("/graphql", json=body, headers=headers)).json()
        if "errors" not in response:
            conversation = response["data"]["sendAgentMessage"]["conversationId"]
        turns += 1
    return turns


async def main(
    seconds: float, chats: int, period: float, llm_model: str | None, brief_chars: int = 0
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'mcc.db'}"
        token = await issue_token(url)
        headers = {"Authorization": f"Bearer {token}"}
        port = 18000 + os.getpid() % 1000
        env = {**os.environ, "MCC_DATA_DIR": tmp, "MCC_DATABASE_URL": url,
               "MCC_WEBHOOK_TOKEN": WEBHOOK_TOKEN, "MCC_LOG_LEVEL": "WARNING",
               "MCC_ENV": "production"}  # fmt: skip
        if llm_model:
            env["MCC_LLM_MODEL"] = llm_model
        server = subprocess.Popen([sys.executable, "-m", "mcc", "serve", "--port", str(port)],
                                  env=env)  # fmt: skip
        try:
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", timeout=120
            ) as client:
                await wait_until_ready(client)
                idle = await probe(client, seconds, period, headers)
                stop = asyncio.Event()
                chatting = [
                    asyncio.create_task(chat(client, headers, stop, brief_chars))
                    for _ in range(chats)
                ]
                busy = await probe(client, seconds, period, headers)
                stop.set()
                turns = sum(await asyncio.gather(*chatting))
        finally:
            server.terminate()
            server.wait(timeout=20)
    engine = f"LLM {llm_model}" if llm_model else "offline rules engine"
    pasted = f", each turn a {brief_chars:,}-character brief" if brief_chars else ""
    print(f"SQLite, {chats} conversations ({engine}, {turns} turns{pasted}), one webhook and one "
          f"list every {period}s for {seconds:.0f}s per phase")  # fmt: skip
    print(f"{'request':10} {'idle p50':>9} {'idle p99':>9} {'busy p50':>9} {'busy p99':>9} "
          f"{'p99 ratio':>9}")  # fmt: skip
    for name in ("webhook", "list"):
        a, b = idle[name], busy[name]
        row = [statistics.median(a), percentile(a, 0.99), statistics.median(b), percentile(b, 0.99)]
        cells = " ".join(f"{value:8.1f}ms" for value in row)
        print(f"{name:10} {cells} {row[3] / row[1]:9.2f}")


async def wait_until_ready(client: httpx.AsyncClient) -> None:
    """Until the server answers and, when it says, its knowledge index is built (steady state)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            ready = (await client.get("/readyz")).json()
            knowledge = ready.get("knowledge") or {}
            if ready.get("status") == "ready" and knowledge.get("state", "ready") == "ready":
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise TimeoutError("the server was not ready within 180 s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--chats", type=int, default=5)
    parser.add_argument("--period", type=float, default=0.25)
    parser.add_argument("--llm-model", default=None)
    parser.add_argument("--brief-chars", type=int, default=0, help="paste a brief this long")
    arguments = parser.parse_args()
    options = (arguments.seconds, arguments.chats, arguments.period, arguments.llm_model)
    asyncio.run(main(*options, brief_chars=arguments.brief_chars))
