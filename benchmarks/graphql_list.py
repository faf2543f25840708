"""Requests/second of GraphQL `listCampaigns(limit: 50)` against the bare JSON list, same server.

Both read the same 50 campaigns through the same service; the ratio is the price of GraphQL
resolution. The server runs as its own process (`mcc serve`, one worker, SQLite) so the load
generator here does not share its interpreter.

    .venv/bin/python -m benchmarks.graphql_list [--seconds 5] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import httpx

from benchmarks.support import admin_token
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.validation import parse

GRAPHQL = {"query": "{ listCampaigns(limit: 50) { items { campaignId name status } nextToken } }"}


async def seed(url: str, count: int) -> str:
    """Campaigns to list, and an API token to list them with (every route needs sign-in)."""
    database = Database.from_url(url)
    token = await admin_token(database)
    async with database.write() as session:
        service = CampaignService(session)
        for index in range(count):
            data = {"name": f"Campaign {index}", "type": "email", "budget": Decimal(1000 * index)}
            await service.create(parse(CampaignCreate, data, what="campaign"))
    await database.dispose()
    return token


async def measure(
    client: httpx.AsyncClient, request: httpx.Request, seconds: float, workers: int
) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            response = await client.send(request)
            response.raise_for_status()
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return done / (time.perf_counter() - started)


async def main(seconds: float, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        token = await seed(url, 60)
        port = 18000 + os.getpid() % 1000
        env = {
            **os.environ,
            "MCC_DATABASE_URL": url,
            "MCC_LOG_LEVEL": "WARNING",
            "MCC_ENV": "production",
            # Nothing else may use the CPU while we measure: no background knowledge indexing.
            "MCC_KNOWLEDGE_LOAD_BUNDLED": "false",
            "MCC_EMBEDDER": "none",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "mcc", "serve", "--port", str(port)], env=env
        )
        base = f"http://127.0.0.1:{port}"
        try:
            headers = {"Authorization": f"Bearer {token}"}
            async with httpx.AsyncClient(base_url=base, timeout=10, headers=headers) as client:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        if (await client.get("/healthz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        if time.monotonic() > deadline:
                            raise
                        await asyncio.sleep(0.05)
                graphql = client.build_request("POST", "/graphql", json=GRAPHQL)
                bare = client.build_request("GET", "/api/campaigns", params={"limit": 50})
                body = (await client.send(graphql)).json()
                assert len(body["data"]["listCampaigns"]["items"]) == 50, body
                assert len((await client.send(bare)).json()["items"]) == 50
                await measure(client, graphql, 1, workers)  # warm-up
                json_rps = await measure(client, bare, seconds, workers)
                graphql_rps = await measure(client, graphql, seconds, workers)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"listCampaigns(limit: 50), {workers} concurrent clients, {seconds:.0f}s each, SQLite")
    print(f"  bare JSON /api/campaigns : {json_rps:8.1f} req/s")
    print(f"  GraphQL listCampaigns    : {graphql_rps:8.1f} req/s")
    print(f"  ratio GraphQL / JSON     : {graphql_rps / json_rps:8.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.seconds, arguments.concurrency))
