"""How fast a burst of status changes in Workfront reaches the campaigns, batched vs one by one.

200 status changes are made in the Workfront emulator (20 projects × 10 rounds: each round
changes all 20 at once, a burst; the emulator then delivers the burst one event at a time). For
each we time how long until the campaign row changed, seen the way the dashboard sees it: the
live event on `GET /events/campaigns`, sent once the row is committed. Two figures: from the
delivery (the inbox row's `received_at`: the webhook reached MCC) and from the change in
Workfront (includes the emulator's one-at-a-time delivery queue).

Two real `mcc serve` processes, each with its own emulator and database, run side by side: one
applies webhook events in batches (MCC_INBOX_BATCH_SIZE=100, the default: one transaction per
batch, newest state per object), the baseline one event per transaction (batch size 1). Bursts
alternate between them, so both meet the same load on this shared machine. PostgreSQL is a
throw-away server (tests/support/postgres.py, fsync off as in the tests).

    .venv/bin/python -m benchmarks.sync_latency [--projects 20] [--rounds 10]
        [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import select
from tests.support.postgres import PostgresServer
from tests.support.server import mcc_serve

from benchmarks.support import admin_token
from mcc.app import create_app
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.models import Campaign, InboxEvent
from mcc.models.base import utcnow
from mcc.sandbox.launch import start_workfront_emulator
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.validation import parse

BATCHED = 100  # the default MCC_INBOX_BATCH_SIZE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mcc:
    """MCC served by uvicorn on a thread of this process (`benchmarks.assistant_latency`)."""

    def __init__(self, settings: Settings) -> None:
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=settings.port,
                                log_level="warning", access_log=False)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("MCC did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


@dataclass
class Samples:
    """Latencies (seconds) until the campaign's live event, for one way of applying events."""

    from_delivery: list[float] = field(default_factory=list)
    from_change: list[float] = field(default_factory=list)


@dataclass
class Setup:
    """One `mcc serve` with its own emulator and database, and what its live feed said."""

    batch_size: int
    db: Database
    wf: httpx.AsyncClient
    linked: dict[uuid.UUID, str] = field(default_factory=dict)  # campaign → project
    seen: list[tuple[float, uuid.UUID]] = field(default_factory=list)  # (wall time, campaign)
    samples: Samples = field(default_factory=Samples)
    rounds: int = 0


async def listen(url: str, token: str, setup: Setup, ready: asyncio.Event) -> None:
    """Record when each campaign's status change reaches the dashboard's live feed."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(timeout=None) as client,
        client.stream("GET", f"{url}/events/campaigns", headers=headers) as response,
    ):
        response.raise_for_status()
        async for line in response.aiter_lines():
            if line.startswith("event: ready"):
                ready.set()
            if not line.startswith("data: {"):
                continue
            data = json.loads(line[len("data: ") :])
            if "project_status" in data.get("fields", ()):
                setup.seen.append((time.time(), uuid.UUID(data["campaignId"])))


async def seed(setup: Setup, count: int) -> None:
    """Campaigns whose projects the server's outbox creates in its emulator."""
    ids = []
    async with setup.db.write() as session:
        service = CampaignService(session)
        for index in range(count):
            data = {"name": f"Latency {index}", "type": "email"}
            ids.append((await service.create(parse(CampaignCreate, data, what="campaign"))).id)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        async with setup.db.read() as session:
            rows = dict((await session.execute(
                select(Campaign.id, Campaign.project_id).where(Campaign.id.in_(ids))
            )).all())  # fmt: skip
        if all(rows.get(i) for i in ids):
            setup.linked = {i: str(rows[i]) for i in ids}
            return
        await asyncio.sleep(0.1)
    raise RuntimeError("projects were not created in time")


async def burst(setup: Setup, timeout: float = 60) -> None:
    """Change every project's status at once, wait until every campaign's live event came."""
    status = "ONH" if setup.rounds % 2 == 0 else "CUR"
    setup.rounds += 1
    setup.seen.clear()
    started = utcnow()
    changed_at: dict[uuid.UUID, float] = {}
    for campaign_id, project_id in setup.linked.items():
        changed_at[campaign_id] = time.time()  # before: the webhook may beat the PUT's answer
        response = await setup.wf.put(f"/PROJ/{project_id}", params={"status": status})
        response.raise_for_status()
    reached: dict[uuid.UUID, float] = {}
    deadline = time.monotonic() + timeout
    while len(reached) < len(changed_at) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
        for at, campaign_id in setup.seen:
            if at >= changed_at.get(campaign_id, at + 1):
                reached.setdefault(campaign_id, at)
    async with setup.db.read() as session:
        rows = dict((await session.execute(
            select(Campaign.id, Campaign.project_status).where(Campaign.id.in_(changed_at))
        )).all())  # fmt: skip
        events = (await session.scalars(
            select(InboxEvent).where(InboxEvent.received_at >= started)
        )).all()  # fmt: skip
    missing = [i for i in changed_at if i not in reached or rows.get(i) != status]
    if missing:
        raise RuntimeError(f"{len(missing)} changes not reflected within {timeout}s")
    delivered: dict[str, float] = {}
    for event in events:
        state = event.payload.get("newState") or {}
        if state.get("status") == status:
            received = event.received_at.replace(tzinfo=event.received_at.tzinfo or UTC).timestamp()
            delivered[state["ID"]] = min(received, delivered.get(state["ID"], received))
    for campaign_id, at in reached.items():
        setup.samples.from_change.append(at - changed_at[campaign_id])
        arrived = delivered.get(setup.linked[campaign_id])
        if arrived is not None:
            setup.samples.from_delivery.append(at - arrived)


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (f"n={len(values):3d}  p50 {statistics.median(values) * 1000:7.1f} ms"
            f"  p99 {p99 * 1000:7.1f} ms")  # fmt: skip


@contextlib.asynccontextmanager
async def database_urls(backend: str, tmp: Path) -> AsyncIterator[list[str]]:
    if backend == "sqlite":
        yield [f"sqlite+aiosqlite:///{tmp / f'mcc{index}.db'}" for index in range(2)]
        return
    server = PostgresServer()
    server.start()
    try:
        yield [await server.create_database(f"mcc_bench{index}") for index in range(2)]
    finally:
        server.stop()


@contextlib.contextmanager
def emulator(tmp: Path, name: str) -> Iterator[str]:
    port = free_port()
    process = start_workfront_emulator("127.0.0.1", port, tmp / f"{name}.db", timeout=120)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


async def run_backend(backend: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp_name, contextlib.ExitStack() as stack:
        tmp = Path(tmp_name)
        async with database_urls(backend, tmp) as urls, contextlib.AsyncExitStack() as tasks:
            setups: list[Setup] = []
            for url, size in zip(urls, (BATCHED, 1), strict=True):
                wf_url = stack.enter_context(emulator(tmp, f"wf{size}"))
                db = Database.from_url(url)
                tasks.push_async_callback(db.dispose)
                token = await admin_token(db)  # migrates, so the server starts on it at once
                port = free_port()
                env = {
                    "MCC_WORKMGMT_BACKEND": "workfront", "MCC_WORKFRONT_URL": wf_url,
                    "MCC_WORKFRONT_API_KEY": DEFAULT_API_KEY, "MCC_INBOX_BATCH_SIZE": str(size),
                    "MCC_PUBLIC_URL": f"http://127.0.0.1:{port}", "MCC_OUTBOX_POLL_SECONDS": "0.2",
                    "MCC_RECONCILE_SECONDS": "3600", "MCC_EMBEDDER": "none",
                    "MCC_KNOWLEDGE_LOAD_BUNDLED": "false", "MCC_LOG_LEVEL": "WARNING",
                }  # fmt: skip
                server = stack.enter_context(mcc_serve(url, env=env, port=port, timeout=120))
                wf = httpx.AsyncClient(base_url=f"{wf_url}/attask/api/v21.0",
                                       params={"apiKey": DEFAULT_API_KEY}, timeout=30)  # fmt: skip
                tasks.push_async_callback(wf.aclose)
                setup = Setup(size, db, wf)
                ready = asyncio.Event()
                listener = asyncio.create_task(listen(server.url, token, setup, ready))
                tasks.callback(listener.cancel)
                await asyncio.wait_for(ready.wait(), 30)
                await seed(setup, args.projects)
                setups.append(setup)
            for _ in range(args.rounds):  # alternate: both meet the same load
                for setup in setups:
                    await burst(setup)
            report(backend, args, setups[0].samples, setups[1].samples)


def report(backend: str, args: argparse.Namespace, batched: Samples, one: Samples) -> None:
    changes = args.projects * args.rounds
    print(f"{backend}: Workfront status change → campaign row (its live event), {changes} "
          f"changes per way in bursts of {args.projects}")  # fmt: skip
    for name, samples in ((f"batched ({BATCHED})", batched), ("one by one (1)", one)):
        print(f"  {name:<15} from delivery  {summary(samples.from_delivery)}")
        print(f"  {name:<15} from change    {summary(samples.from_change)}")
    if batched.from_delivery and one.from_delivery:
        ratio = statistics.median(one.from_delivery) / statistics.median(batched.from_delivery)
        print(f"  batched: p50 from delivery {ratio:.1f}× lower than one by one")


async def main(args: argparse.Namespace) -> None:
    for backend in args.backends.split(","):
        await run_backend(backend.strip(), args)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10, help="bursts per way of applying")
    parser.add_argument("--backends", default="sqlite,postgresql")
    asyncio.run(main(parser.parse_args()))
