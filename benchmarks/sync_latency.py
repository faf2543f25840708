"""How fast a status change in Workfront reaches the campaign, by webhook vs by polling.

200 status changes are made in the Workfront emulator (20 projects × 10 rounds). For each, we
time how long until (a) the campaign row shows it and (b) the live campaign event that the
dashboard listens to is published. The baseline, in the same run, is the polling approach: no
webhooks, only the reconciler at `--poll-interval` seconds (fewer changes: each waits a cycle).

The emulator runs as its own process; MCC runs in this process on its own thread and event loop
(so we can listen to its event bus), both over real HTTP on 127.0.0.1.

    .venv/bin/python -m benchmarks.sync_latency [--projects 20] [--rounds 10] [--poll-interval 2]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from pydantic import SecretStr
from sqlalchemy import select

from mcc import migrations
from mcc.app import create_app
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Environment, Settings, WorkManagementBackend
from mcc.db import Database
from mcc.logging import configure_logging
from mcc.models import Campaign
from mcc.sandbox.launch import start_workfront_emulator
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.validation import parse

Seen = dict[tuple[uuid.UUID, str], float]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoopCapture:
    """ASGI wrapper that remembers the server's event loop, so we can listen on its bus."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.loop = self.loop or asyncio.get_running_loop()
        await self.app(scope, receive, send)


class Mcc:
    """MCC served by uvicorn on a thread; records when each campaign event is published."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.wrapper = LoopCapture(self.app)
        config = uvicorn.Config(self.wrapper, host="127.0.0.1", port=settings.port,
                                log_level="warning", access_log=False)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.events: list[tuple[float, uuid.UUID]] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("MCC did not start")
            time.sleep(0.01)
        assert self.wrapper.loop is not None
        asyncio.run_coroutine_threadsafe(self._listen(), self.wrapper.loop)

    async def _listen(self) -> None:
        async with self.app.state.db.events.subscribe() as events:
            async for event in events:
                if "workfront_status" in event.fields:
                    with self.lock:
                        self.events.append((time.perf_counter(), event.campaign_id))

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


async def seed(db: Database, count: int) -> list[uuid.UUID]:
    ids = []
    async with db.write() as session:
        service = CampaignService(session)
        for index in range(count):
            data = {"name": f"Latency {index}", "type": "email"}
            ids.append((await service.create(parse(CampaignCreate, data, what="campaign"))).id)
    return ids


async def projects(db: Database, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        async with db.read() as session:
            rows = dict((await session.execute(
                select(Campaign.id, Campaign.workfront_project_id).where(Campaign.id.in_(ids))
            )).all())  # fmt: skip
        if all(rows.get(i) for i in ids):
            return {i: str(rows[i]) for i in ids}
        await asyncio.sleep(0.05)
    raise RuntimeError("projects were not created in time")


async def measure(
    db: Database, mcc: Mcc, wf: httpx.AsyncClient, linked: dict[uuid.UUID, str], rounds: int,
    timeout: float,
) -> tuple[list[float], list[float]]:  # fmt: skip
    row_latency: list[float] = []
    event_latency: list[float] = []
    for round_number in range(rounds):
        status = "ONH" if round_number % 2 == 0 else "CUR"
        changed_at: dict[uuid.UUID, float] = {}
        for campaign_id, project_id in linked.items():
            response = await wf.put(f"/PROJ/{project_id}", params={"status": status})
            response.raise_for_status()
            changed_at[campaign_id] = time.perf_counter()
        waiting = set(changed_at)
        deadline = time.monotonic() + timeout
        while waiting and time.monotonic() < deadline:
            async with db.read() as session:
                rows = (await session.execute(select(Campaign.id, Campaign.workfront_status)
                        .where(Campaign.id.in_(waiting)))).all()  # fmt: skip
            now = time.perf_counter()
            for campaign_id, remote_status in rows:
                if remote_status == status:
                    row_latency.append(now - changed_at[campaign_id])
                    waiting.discard(campaign_id)
            await asyncio.sleep(0.005)
        if waiting:
            raise RuntimeError(f"{len(waiting)} changes not reflected within {timeout}s")
        with mcc.lock:
            for published, campaign_id in mcc.events:
                started = changed_at.get(campaign_id)
                if started is not None and published >= started:
                    event_latency.append(published - started)
                    changed_at.pop(campaign_id)
            mcc.events.clear()
    return row_latency, event_latency


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (f"n={len(values):3d}  p50 {statistics.median(values) * 1000:8.1f} ms"
            f"  p99 {p99 * 1000:8.1f} ms")  # fmt: skip


async def run(projects_count: int, rounds: int, poll_interval: float, poll_rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wf_port, mcc_port = free_port(), free_port()
        emulator = start_workfront_emulator("127.0.0.1", wf_port, Path(tmp) / "wf.db")
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'mcc.db'}"
        base = Settings(
            _env_file=None, env=Environment.PRODUCTION, data_dir=Path(tmp), database_url=url,
            port=mcc_port, log_level="WARNING", workmgmt_backend=WorkManagementBackend.WORKFRONT,
            workfront_url=f"http://127.0.0.1:{wf_port}",
            workfront_api_key=SecretStr(DEFAULT_API_KEY), outbox_poll_seconds=0.2,
            public_url=f"http://127.0.0.1:{mcc_port}", reconcile_seconds=3600,
            knowledge_load_bundled=False, embedder="none",
        )  # fmt: skip
        configure_logging(base)
        db = Database.from_url(url)
        await migrations.upgrade(db.engine)
        wf = httpx.AsyncClient(base_url=f"http://127.0.0.1:{wf_port}/attask/api/v21.0",
                               params={"apiKey": DEFAULT_API_KEY}, timeout=10)  # fmt: skip
        try:
            mcc = Mcc(base)  # webhooks: subscribes at start (MCC_PUBLIC_URL is set)
            mcc.start()
            linked = await projects(db, await seed(db, projects_count))
            webhook_rows, webhook_events = await measure(db, mcc, wf, linked, rounds, 30)
            mcc.stop()

            subscriptions = (
                f"http://127.0.0.1:{wf_port}/attask/eventsubscription/api/v1/subscriptions"
            )
            listing = (await wf.get(subscriptions)).json()["subscriptions"]
            for item in listing:  # the baseline: events never arrive, only polling
                await wf.delete(f"{subscriptions}/{item['id']}")
            polling = base.model_copy(
                update={"public_url": None, "reconcile_seconds": poll_interval}
            )
            mcc = Mcc(polling)
            mcc.start()
            poll_rows, poll_events = await measure(db, mcc, wf, linked, poll_rounds,
                                                   poll_interval * 3 + 10)  # fmt: skip
            mcc.stop()
        finally:
            await wf.aclose()
            await db.dispose()
            emulator.terminate()
            emulator.wait(10)
    changes = projects_count * rounds
    print(f"Status changes in Workfront → campaign ({changes} by webhook; "
          f"{projects_count * poll_rounds} by polling every {poll_interval:g}s)")  # fmt: skip
    print(f"  webhook  row         {summary(webhook_rows)}")
    print(f"  webhook  live event  {summary(webhook_events)}")
    print(f"  polling  row         {summary(poll_rows)}")
    print(f"  polling  live event  {summary(poll_events)}")
    if webhook_rows and poll_rows:
        ratio = statistics.median(poll_rows) / statistics.median(webhook_rows)
        print(f"  webhook is {ratio:.0f}× faster at p50 than polling every {poll_interval:g}s "
              f"(the default MCC_RECONCILE_SECONDS is 60)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--poll-interval", type=float, default=2.0)
    parser.add_argument("--poll-rounds", type=int, default=2)
    arguments = parser.parse_args()
    asyncio.run(run(arguments.projects, arguments.rounds, arguments.poll_interval,
                    arguments.poll_rounds))  # fmt: skip
