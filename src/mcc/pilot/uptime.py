"""The uptime record: every `MCC_UPTIME_CHECK_SECONDS` the server checks its own health.

Started once per deployment: by the supervisor of `mcc serve --workers N` (not by each worker),
or by the single process of `mcc serve --workers 1` / `mcc demo`. Each check asks the server's
own `/readyz` over HTTP, as a load balancer would, so it measures what a person gets: a worker
answering, the database answering with the current schema, and the knowledge index answering
questions (hybrid or keyword search, not "waiting"). The check's slot (the time rounded down to
a multiple of the interval) is counted once in that day's `uptime_days` row, healthy or not.

When the server is down, nothing is written: the report counts the time since the first check
ever recorded, so the gap is unavailable time (`mcc.reports.figures`). A check that was made but
could not be written (the database busy or down) is written late, with its own time and
result. One row a day whatever the interval: the table needs no retention.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx

from mcc.db import Database
from mcc.logging import get_logger
from mcc.pilot.repository import PilotRepository

log = get_logger(__name__)
CHECK_TIMEOUT = 10.0  # seconds; a check that takes longer is a failed check
MAX_PENDING = 10_000  # unwritten checks kept (a week of 60 s checks); older ones are dropped


def slot_of(at: datetime, interval: float) -> datetime:
    """The check slot `at` falls in: aligned on the epoch, so recorders agree on slots."""
    stamp = at.timestamp()
    return datetime.fromtimestamp(stamp - stamp % interval, UTC)


async def record_check(db: Database, at: datetime, healthy: bool, interval: float) -> bool:
    """Count one check at `at`; False when its slot was counted already (by another recorder)."""
    slot = slot_of(at, interval)
    async with db.write() as session:
        return await PilotRepository(session).record_check(slot.date(), slot, healthy, interval)


def own_url(host: str, port: int) -> str:
    """Where this server answers on this machine (a wildcard bind answers on loopback)."""
    if host in ("0.0.0.0", ""):  # noqa: S104 - reading the bind address, not binding
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class UptimeRecorder:
    def __init__(self, db: Database, http: httpx.AsyncClient, url: str, interval: float) -> None:
        self.db = db
        self.http = http
        self.url = url.rstrip("/") + "/readyz"
        self.interval = interval
        self.pending: list[tuple[datetime, bool]] = []  # checks not written yet, oldest first

    async def healthy(self) -> bool:
        """The database and the index answer (see the module docstring)."""
        try:
            response = await self.http.get(self.url, timeout=min(CHECK_TIMEOUT, self.interval))
            body = response.json()
        except (httpx.HTTPError, ValueError):
            return False
        knowledge = body.get("knowledge") if isinstance(body, dict) else None
        search = knowledge.get("search") if isinstance(knowledge, dict) else None
        return response.status_code == 200 and search in ("hybrid", "keyword")

    async def check(self) -> None:
        at = datetime.now(UTC)
        healthy = await self.healthy()
        if not healthy:
            log.warning("uptime.unhealthy", url=self.url)
        # What measures availability is the answer of /readyz, not whether this write got the
        # database's lock: a long import on SQLite held it for minutes and every check in that
        # window was lost, counted as downtime (sweep F10). A check that cannot be written is
        # kept and written, with its own time, at the next check that can.
        self.pending.append((at, healthy))
        del self.pending[:-MAX_PENDING]
        while self.pending:
            when, result = self.pending[0]
            try:
                await record_check(self.db, when, result, self.interval)
            except Exception as error:  # the database is busy or down: try again next time
                log.warning("uptime.unrecorded", error=type(error).__name__, kept=len(self.pending))
                return
            self.pending.pop(0)

    async def run(self) -> None:
        """Check at every slot boundary until cancelled."""
        loop = asyncio.get_running_loop()
        while True:
            now = datetime.now(UTC).timestamp()
            await asyncio.sleep(self.interval - now % self.interval + 0.01)
            started = loop.time()
            await self.check()
            if loop.time() - started > self.interval:
                log.warning("uptime.slow_check", seconds=round(loop.time() - started, 1))


def start(
    db: Database, http: httpx.AsyncClient, host: str, port: int, interval: float
) -> asyncio.Task[None] | None:
    """The recorder's task, or None when `interval` is 0 (switched off)."""
    if interval <= 0:
        return None
    recorder = UptimeRecorder(db, http, own_url(host, port), interval)
    return asyncio.create_task(recorder.run(), name="mcc-uptime")
