"""The plan's load test: its locustfile at 50 and 200 users against a real `mcc serve`.

For each database (SQLite in a fresh data directory; PostgreSQL on a throw-away server started
like the test suite's, fsync off) it starts `mcc serve --workers N` with the bundled playbooks,
waits until every worker's knowledge index is built and the assistant's learned models are
loaded (warm, as in production after the first start), then runs `tests/load/locustfile.py`
headless (3 chat messages to 1 `listCampaigns`, 1-5 s think time per user) for each user count
in turn. Meanwhile it asks `/healthz` every 100 ms:
the baseline a trivial request gets under the same load. Printed per run: requests, rps,
p50/p95/p99 and errors of the plan's mix, and `/healthz` p50/p99.

    .venv/bin/python -m benchmarks.load [--users 50,200] [--seconds 30] [--workers 1,2]
        [--databases sqlite,postgresql] [--embedder local] [--runtime onnx,torch]

`--runtime onnx` (the default here, the best configuration) embeds queries with ONNX Runtime
inside each worker on one thread; `torch` sends each one to the torch child process; a list
compares them in one run. Each row
ends with the machine's 1-minute load average at the end of the run (the machine may be shared).

`--workers 1,2` compares a single process with two workers on the same database, in one run.

Locust runs on the same machine and takes CPU of its own (about a core at 200 users), so the
server gets less than the whole machine: the figures are conservative.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from tests.support.server import worker_holding

from benchmarks.support import admin_token
from mcc.db import Database

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "tests" / "load" / "locustfile.py"
READY_TIMEOUT = 900.0  # seconds: a first start embeds the bundled playbooks


@dataclass
class Result:
    database: str
    workers: int
    runtime: str
    users: int
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    health_p50: float
    health_p99: float
    load: float = 0.0

    def row(self) -> str:
        return (
            f"{self.database:10} {self.runtime:7} {self.workers:>7} {self.users:>5} "
            f"{self.requests:>8} "
            f"{self.rps:>7.1f} {self.p50:>7.0f} {self.p95:>7.0f} {self.p99:>7.0f} "
            f"{self.failures:>6} {self.health_p50:>9.1f} {self.health_p99:>9.1f} {self.load:>5.1f}"
        )


HEADER = (
    f"{'database':10} {'runtime':7} {'workers':>7} {'users':>5} {'requests':>8} {'rps':>7} "
    f"{'p50 ms':>7} "
    f"{'p95 ms':>7} {'p99 ms':>7} {'errors':>6} {'hz p50 ms':>9} {'hz p99 ms':>9} {'load':>5}"
)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@asynccontextmanager
async def database_url(kind: str, directory: Path) -> AsyncIterator[str]:
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{directory / 'mcc.db'}"
        return
    from tests.support.postgres import PostgresServer

    server = PostgresServer()
    await asyncio.to_thread(server.start)
    try:
        yield await server.create_database("mcc_load")
    finally:
        await asyncio.to_thread(server.stop)


@asynccontextmanager
async def serving(
    url: str, directory: Path, workers: int, embedder: str, runtime: str
) -> AsyncIterator[str]:
    """`mcc serve --workers N` on `url` (migrated), once every worker is warm; its base URL."""
    port = 18000 + os.getpid() % 1000
    env = {**os.environ, "MCC_DATA_DIR": str(directory), "MCC_DATABASE_URL": url,
           "MCC_LOG_LEVEL": "WARNING", "MCC_ENV": "production",
           "MCC_EMBEDDER": embedder, "MCC_EMBEDDER_RUNTIME": runtime}  # fmt: skip
    command = [sys.executable, "-m", "mcc", "serve", "--port", str(port), "--workers", str(workers)]
    log = (directory / f"server-{workers}.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        await wait_until_warm(base, server, workers)
        print(f"  --workers {workers}: warm after {time.monotonic() - started:.0f} s", flush=True)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


async def wait_until_warm(base: str, server: subprocess.Popen[bytes], workers: int) -> None:
    """Until every worker's `/readyz` says ready with a built knowledge index and the assistant's
    models loaded (each worker builds its own index; the kernel picks which worker accepts a
    connection, so ask on new ones)."""
    deadline = time.monotonic() + READY_TIMEOUT
    port = int(base.rsplit(":", 1)[1])
    ready: dict[int | None, bool] = {}
    while len([pid for pid, warm in ready.items() if warm]) < workers:
        if server.poll() is not None:
            raise RuntimeError(f"mcc serve exited with {server.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"not warm within {READY_TIMEOUT:.0f} s")
        try:
            async with httpx.AsyncClient(timeout=10) as client:  # a new connection each time
                response = await client.get(f"{base}/readyz")
                client_port = response.extensions["network_stream"].get_extra_info("client_addr")[1]
                pid = server.pid if workers == 1 else worker_holding(server.pid, port, client_port)
            answer = response.json()
            knowledge = answer.get("knowledge") or {}
            # Warm as a server is after its first start: the assistant's learned readers are
            # trained (a fresh data directory trains them in children, ~30 s of CPU) and loaded.
            assistant = answer.get("assistant") or {}
            ready[pid] = (
                answer.get("status") == "ready"
                and knowledge.get("status") == "ready"
                and assistant.get("status") == "ready"
                and "loading" not in assistant.values()
            )
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)


async def watch_health(base: str, stop: asyncio.Event) -> list[float]:
    """`/healthz` every 100 ms until `stop`; latencies in milliseconds."""
    timings: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while not stop.is_set():
            started = time.perf_counter()
            with contextlib.suppress(httpx.HTTPError):
                (await client.get("/healthz")).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, 0.1 - (time.perf_counter() - started)))
    return timings


async def run_locust(
    base: str, token: str, users: int, seconds: float, directory: Path
) -> dict[str, str]:
    """Locust headless; the "Aggregated" row of its statistics."""
    prefix = directory / f"locust-{users}"
    spawn_rate = max(1, users // 10)  # everyone in within ~10 s
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
        "--host", base, "-u", str(users), "-r", str(spawn_rate), "-t", f"{int(seconds)}s",
        "--csv", str(prefix), "--stop-timeout", "30", "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "MCC_LOAD_TOKEN": token}
    with (directory / f"locust-{users}.log").open("w") as log:
        process = await asyncio.create_subprocess_exec(
            *command, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        await process.wait()
    with Path(f"{prefix}_stats.csv").open() as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    failures = Path(f"{prefix}_failures.csv")
    if failures.is_file():  # say what the errors were, not just how many
        with failures.open() as lines:
            for row in csv.DictReader(lines):
                print(f"    {row['Occurrences']} x {row['Name']}: {row['Error'][:300]}", flush=True)
    return rows["Aggregated"]


async def measure(
    kind: str, worker_counts: list[int], user_counts: list[int], seconds: float, embedder: str,
    runtimes: list[str],
) -> list[Result]:  # fmt: skip
    """Every worker count and user count on one database (the first start embeds the
    playbooks; later starts reuse the stored vectors)."""
    with tempfile.TemporaryDirectory(prefix="mcc-load-") as tmp:
        directory = Path(tmp)
        async with database_url(kind, directory) as url:
            database = Database.from_url(url)
            try:
                token = await admin_token(database)  # migrates first, as `mcc db upgrade` would
            finally:
                await database.dispose()
            results = []
            for runtime, workers in [(r, w) for r in runtimes for w in worker_counts]:
                print(f"{kind}: mcc serve --workers {workers}, {runtime}", flush=True)
                async with serving(url, directory, workers, embedder, runtime) as base:
                    for users in user_counts:
                        result = await one_run(base, token, users, seconds, directory)
                        result.database, result.workers, result.runtime = kind, workers, runtime
                        print(result.row(), flush=True)
                        results.append(result)
            return results


async def one_run(base: str, token: str, users: int, seconds: float, directory: Path) -> Result:
    stop = asyncio.Event()
    health = asyncio.create_task(watch_health(base, stop))
    stats = await run_locust(base, token, users, seconds, directory)
    stop.set()
    timings = await health
    return Result(
        "", 0, "", users, int(stats["Request Count"]), int(stats["Failure Count"]),
        float(stats["Requests/s"]), float(stats["50%"]), float(stats["95%"]),
        float(stats["99%"]), statistics.median(timings) if timings else float("nan"),
        percentile(timings, 0.99), os.getloadavg()[0],
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="50,200", help="user counts, one run each")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run")
    parser.add_argument(
        "--workers", default=str(os.cpu_count() or 1), help="worker processes; a list compares"
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--embedder", default="local", help="MCC_EMBEDDER (local: MiniLM)")
    parser.add_argument("--runtime", default="onnx",
                        help="MCC_EMBEDDER_RUNTIME for the local model (onnx, torch; a list "
                             "compares)")  # fmt: skip
    arguments = parser.parse_args()
    user_counts = [int(value) for value in arguments.users.split(",")]
    results: list[Result] = []
    worker_counts = [int(value) for value in arguments.workers.split(",")]
    embedder, runtimes, seconds = arguments.embedder, arguments.runtime, arguments.seconds
    for kind in arguments.databases.split(","):
        results += asyncio.run(
            measure(kind, worker_counts, user_counts, seconds, embedder, runtimes.split(","))
        )
    print(f"\nThe plan's locustfile, {arguments.seconds:.0f} s per run, warm index, "
          f"MCC_EMBEDDER={embedder} MCC_EMBEDDER_RUNTIME={runtimes}; `hz` is /healthz every "
          "100 ms during the same run; `load` the 1-minute load average")  # fmt: skip
    print(HEADER)
    for result in results:
        print(result.row())


if __name__ == "__main__":
    main()
