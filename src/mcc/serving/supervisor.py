"""The supervisor of `mcc serve --workers N`: binds, starts what runs once, keeps N workers up.

It serves no HTTP itself. Before the first worker starts it loads the bundled playbooks into a
new knowledge base (a short write, nothing embedded: the first worker embeds), so no worker ever
indexes an empty knowledge base and no two workers load the playbooks at once. Then it runs the
sync runtime (outbox, inbox, reconciler), the relay and the uptime record (`mcc.pilot.uptime`),
and restarts a worker that dies; a worker that dies within `STARTUP_GRACE` seconds of its start
is a broken configuration, not bad luck, so the supervisor stops instead of restarting it
forever. SIGTERM or SIGINT stop the workers (gracefully: uvicorn finishes the requests in flight)
and then the runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import MCCError
from mcc.logging import get_logger
from mcc.pilot import uptime
from mcc.serving.relay import Relay
from mcc.sync.runtime import SyncRuntime, build_backend

log = get_logger(__name__)
STARTUP_GRACE = 5.0  # seconds: a worker dying sooner than this stops the server
STOP_TIMEOUT = 20.0  # seconds a worker gets to finish its requests before it is killed


def bind(settings: Settings) -> socket.socket:
    """The listening socket every worker accepts on (inherited by file descriptor)."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((settings.host, settings.port))
    except OSError as error:
        listening.close()
        where = f"{settings.host}:{settings.port}"
        raise MCCError(f"Cannot listen on {where}: {error.strerror}") from None
    listening.listen(2048)
    listening.set_inheritable(True)
    return listening


def serve_workers(settings: Settings, workers: int) -> None:
    """Run until SIGTERM/SIGINT; raise `MCCError` when the port or a worker fails."""
    listening = bind(settings)
    with tempfile.TemporaryDirectory(prefix="mcc-serve-") as directory:  # mode 0700
        try:
            asyncio.run(_supervise(settings, workers, listening, Path(directory)))
        finally:
            listening.close()


async def _supervise(
    settings: Settings, workers: int, listening: socket.socket, directory: Path
) -> None:
    db = Database.from_url(settings.resolved_database_url, echo=settings.database_echo)
    http = httpx.AsyncClient(timeout=settings.workfront_timeout_seconds)
    relay = Relay(directory / "relay.sock", db.events)
    listener = asyncio.create_task(db.listen(), name="mcc-events-listener")  # PostgreSQL only
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    pool = _WorkerPool(settings, workers, listening.fileno(), directory)
    runtime = None
    uptime_task: asyncio.Task[None] | None = None
    try:
        await relay.start()
        await _load_bundled_knowledge(settings, db)
        runtime = _start_sync(settings, http, db)
        if runtime is not None:
            relay.wake_inbox = runtime.inbox.wake
        pool.start()
        uptime_task = uptime.start(db, http, settings.host, settings.port,
                                   settings.uptime_check_seconds)  # fmt: skip
        log.info("serving.started", workers=workers, url=f"http://{settings.host}:{settings.port}",
                 database=db.url, sync=runtime is not None)  # fmt: skip
        while not stop.is_set():
            pool.replace_exited()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)
    finally:
        if uptime_task is not None:
            uptime_task.cancel()
            await asyncio.gather(uptime_task, return_exceptions=True)
        await asyncio.to_thread(pool.stop)
        if runtime is not None:
            await runtime.stop()
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await relay.close()
        await http.aclose()
        await db.dispose()
        log.info("serving.stopped")


async def _load_bundled_knowledge(settings: Settings, db: Database) -> None:
    """The bundled playbooks into a new knowledge base (parsing only; workers embed)."""
    if not settings.knowledge_load_bundled:
        return
    from mcc.knowledge.runtime import apply_parse_limits
    from mcc.knowledge.service import KnowledgeIndex, KnowledgeService

    apply_parse_limits(settings)
    service = KnowledgeService(db, KnowledgeIndex(db, None))
    if await service.is_new():
        report = await service.load_bundled()
        log.info("knowledge.bundled_loaded", documents=len(report.added))


def _start_sync(settings: Settings, http: httpx.AsyncClient, db: Database) -> SyncRuntime | None:
    backend = build_backend(settings, http, db)
    if backend is None or not settings.run_workers:
        return None
    runtime = SyncRuntime(settings, db, backend)
    runtime.start()
    return runtime


class _WorkerPool:
    def __init__(self, settings: Settings, size: int, fd: int, directory: Path) -> None:
        self.size = size
        self.fd = fd
        self.command = [sys.executable, "-m", "mcc.serving.worker", str(fd), str(directory)]
        # The workers read the same settings from the environment, minus the sync workers.
        self.env = {**os.environ, "MCC_HOST": settings.host, "MCC_PORT": str(settings.port),
                    "MCC_RUN_WORKERS": "false"}  # fmt: skip
        # Each worker's embedding model (torch, in its child process) would start a thread per
        # core: N workers on N busy cores then wait on each other's spinning threads. Measured
        # on the 2-core machine under load: a query embedding took 4.3 s (p50) with 2 threads,
        # 0.18 s with 1. So the cores are shared out, unless the environment says otherwise.
        threads = max(1, (os.cpu_count() or 1) // size)
        self.env.setdefault("OMP_NUM_THREADS", str(threads))
        self.processes: list[tuple[subprocess.Popen[bytes], float]] = []

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.size)]

    def _spawn(self) -> tuple[subprocess.Popen[bytes], float]:
        process = subprocess.Popen(self.command, env=self.env, pass_fds=(self.fd,))  # noqa: S603
        return process, time.monotonic()

    def replace_exited(self) -> None:
        for slot, (process, started) in enumerate(self.processes):
            code = process.poll()
            if code is None:
                continue
            if time.monotonic() - started < STARTUP_GRACE:
                # The same cause would stop every worker: say so once instead of looping.
                raise MCCError(f"A worker exited at start (code {code}); see its log above")
            log.warning("serving.worker_exited", pid=process.pid, code=code, action="restarting")
            self.processes[slot] = self._spawn()

    def stop(self) -> None:
        for process, _started in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process, _started in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
