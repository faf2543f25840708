"""`listCampaigns(limit: 50)` with and without `portfolioWarnings`, 400 campaigns colliding.

The sweep's F3 (issue 15 item 4): 400 email campaigns launching the same day made the list with
warnings 2.6 s (vs 0.07 s without), 19,950 warnings on one page, and 20 such lists in parallel
held /healthz for seconds. Same server, same run, both queries: serial medians, then 20 in
parallel while /healthz is polled. The server is its own process (`mcc serve`, SQLite).

    .venv/bin/python -m benchmarks.portfolio_list [--serial 10] [--parallel 20]
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
from datetime import date
from pathlib import Path

import httpx

from benchmarks.support import admin_token
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.validation import parse

COLLIDING = 400
LAUNCH = date(2031, 9, 9)
WITHOUT = "{ listCampaigns(limit: 50) { items { campaignId name } } }"
WITH = (
    "{ listCampaigns(limit: 50) { items { campaignId name "
    "portfolioWarnings { kind message campaignId } } } }"
)


async def seed(url: str) -> str:
    """400 email campaigns launching the same day, and an admin's token (the admin sees all)."""
    database = Database.from_url(url)
    token = await admin_token(database)
    async with database.write() as session:
        service = CampaignService(session)
        for index in range(COLLIDING):
            data = {"name": f"Burst {index}", "type": "email", "channels": ["email"],
                    "launch_date": LAUNCH, "objective": "clicks"}  # fmt: skip
            await service.create(parse(CampaignCreate, data, what="campaign"))
    await database.dispose()
    return token


async def timed(client: httpx.AsyncClient, query: str) -> tuple[float, int]:
    """Seconds for one list, and how many warnings it carried."""
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": query})
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    items = response.json()["data"]["listCampaigns"]["items"]
    assert len(items) == 50, items
    return elapsed, sum(len(item.get("portfolioWarnings", ())) for item in items)


async def burst(client: httpx.AsyncClient, query: str, parallel: int) -> tuple[float, float]:
    """All `parallel` lists at once: seconds in all, and the worst /healthz meanwhile."""
    done = asyncio.Event()
    health: list[float] = []

    async def poll() -> None:
        while not done.is_set():
            started = time.perf_counter()
            (await client.get("/healthz")).raise_for_status()
            health.append(time.perf_counter() - started)
            await asyncio.sleep(0.1)

    poller = asyncio.create_task(poll())
    started = time.perf_counter()
    await asyncio.gather(*(timed(client, query) for _ in range(parallel)))
    total = time.perf_counter() - started
    done.set()
    await poller
    return total, max(health, default=0.0)


async def wait_ready(client: httpx.AsyncClient) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.05)


async def main(serial: int, parallel: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        token = await seed(url)
        port = 18000 + os.getpid() % 1000
        env = {
            **os.environ,
            "MCC_DATABASE_URL": url,
            "MCC_LOG_LEVEL": "WARNING",
            "MCC_ENV": "production",
            "MCC_KNOWLEDGE_LOAD_BUNDLED": "false",
            "MCC_EMBEDDER": "none",
        }
        command = [sys.executable, "-m", "mcc", "serve", "--port", str(port)]
        server = subprocess.Popen(command, env=env)
        rows: list[tuple[str, float, float, int, float, float]] = []
        try:
            headers = {"Authorization": f"Bearer {token}"}
            base = f"http://127.0.0.1:{port}"
            async with httpx.AsyncClient(base_url=base, timeout=300, headers=headers) as client:
                await wait_ready(client)
                for label, query in (("without warnings", WITHOUT), ("with warnings", WITH)):
                    await timed(client, query)  # warm-up
                    runs = [await timed(client, query) for _ in range(serial)]
                    seconds = [elapsed for elapsed, _count in runs]
                    total, worst = await burst(client, query, parallel)
                    rows.append((label, statistics.median(seconds), max(seconds), runs[0][1],
                                 total, worst))  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"listCampaigns(limit: 50) as admin, {COLLIDING} email campaigns launching the same day")
    print(
        f"{'':18} {'median':>8} {'max':>8} {'warnings':>9} "
        f"{parallel:>3} parallel {'healthz max':>12}"
    )
    for label, median, worst_serial, count, total, health in rows:
        print(f"{label:18} {median:7.3f}s {worst_serial:7.3f}s {count:9} {total:11.2f}s "
              f"{health * 1000:10.0f}ms")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serial", type=int, default=10)
    parser.add_argument("--parallel", type=int, default=20)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.serial, arguments.parallel))
