"""Delivers outbox rows: claim, call the topic's handler, record the attempt, settle the row.

Handlers are idempotent (they look before they create), so a row delivered twice after a crash
does no harm; what must never happen is a row lost, so rows are settled only after the handler
returns. Transient failures (`TechnicalError`, or an unexpected exception) retry with exponential
backoff and jitter; a `LogicalError` or the last allowed attempt makes the row a dead letter that
an operator can inspect and revive.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from mcc.db import Database
from mcc.integrations.workmgmt import LogicalError, WorkManagementError
from mcc.logging import get_logger
from mcc.models import OutboxMessage
from mcc.models.base import utcnow
from mcc.outbox.repository import DEAD, DONE, IN_FLIGHT, PENDING, OutboxRepository

log = get_logger(__name__)

# A handler performs the call and returns a one-line summary of what it did.
Handler = Callable[[OutboxMessage], Awaitable[str]]


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base_seconds: float = 2.0
    cap_seconds: float = 600.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with jitter in [50%, 100%] of the step, so retries spread out."""
        step = min(self.cap_seconds, self.base_seconds * 2.0 ** max(0, attempt - 1))
        return float(step * rng.uniform(0.5, 1.0))


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        handlers: Mapping[str, Handler],
        *,
        policy: RetryPolicy | None = None,
        # One row per claim, leased for longer than a slow create can take (dozens of calls,
        # each with timeouts and retries): another worker must not start the same row meanwhile.
        batch_size: int = 1,
        lease: timedelta = timedelta(minutes=15),
        poll_seconds: float = 1.0,
        rng: random.Random | None = None,
        # Rows of different campaigns are delivered side by side, this many at a time: one
        # project of 100 tasks (minutes against a slow Workfront) used to hold every other
        # campaign's updates behind it. A campaign's own rows still go one at a time, in order
        # (`claim` skips a campaign with a row in flight).
        lanes: int = 4,
    ) -> None:
        self.db = db
        self.handlers = dict(handlers)
        self.policy = policy or RetryPolicy()
        self.batch_size = batch_size
        self.lease = lease
        self.poll_seconds = poll_seconds
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not security
        self._wake = asyncio.Event()
        self.lanes = max(1, lanes)
        self._claiming = asyncio.Lock()  # one claim at a time: short writes, never racing

    def wake(self) -> None:
        """Look for work now instead of at the next poll (called after a commit that enqueued)."""
        self._wake.set()

    async def run_once(self) -> int:
        """Deliver whatever is due; returns how many rows were attempted."""
        async with self.db.write() as session:
            claimed = await OutboxRepository(session).claim(self.batch_size, self.lease)
        for message in claimed:
            await self._deliver(message)
        return len(claimed)

    async def run(self) -> None:
        """Until cancelled: `lanes` loops side by side, each delivering one due row at a time."""
        # Only the first lane polls; the others sleep until a wake-up. An idle server used to
        # run a claim transaction per lane per poll (a quarter of its samples under load, on
        # the database that webhooks and chat turns share). A lane that finds work wakes the
        # others, so a backlog still fans out to every lane.
        await asyncio.gather(*(self._lane(polls=index == 0) for index in range(self.lanes)))

    async def _lane(self, *, polls: bool = True) -> None:
        while True:
            # Cleared before looking, not after: a wake-up that arrives while a row is
            # delivered must start another round, not wait for the next poll.
            self._wake.clear()
            try:
                async with self._claiming, self.db.write() as session:
                    claimed = await OutboxRepository(session).claim(1, self.lease)
                if claimed:
                    self._wake.set()  # there may be more: let a sleeping lane look too
                for message in claimed:
                    await self._deliver(message)
            except Exception:  # a database hiccup must not kill the worker; log and poll again
                log.exception("outbox.worker_error")
                claimed = []
            if claimed:
                continue
            if not polls:
                await self._wake.wait()
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _deliver(self, message: OutboxMessage) -> None:
        started_at, clock = utcnow(), time.perf_counter()
        handler = self.handlers.get(message.topic)
        summary, error, status, permanent = "", None, None, False
        try:
            if handler is None:
                raise LogicalError(f"no handler for topic {message.topic!r}")
            summary = await handler(message)
        except WorkManagementError as failure:
            error, status = failure.message, failure.status
            permanent = isinstance(failure, LogicalError)
            summary = summary or message.topic
        except Exception as failure:  # a bug in a handler: keep the row, retry, and say why
            log.exception("outbox.handler_crashed", topic=message.topic, message_id=str(message.id))
            error, summary = f"{type(failure).__name__}: {failure}", message.topic
        duration_ms = round((time.perf_counter() - clock) * 1000)
        await self._settle(message.id, started_at, duration_ms, summary, status, error, permanent)

    async def _settle(
        self, message_id: uuid.UUID, started_at: datetime, duration_ms: int, summary: str,
        status: int | None, error: str | None, permanent: bool,
    ) -> None:  # fmt: skip
        async with self.db.write() as session:
            repository = OutboxRepository(session)
            message = await repository.get(message_id)
            if message is None or message.status != IN_FLIGHT:
                return  # settled by another worker after our lease ran out
            await repository.record_attempt(
                message, started_at=started_at, duration_ms=duration_ms,
                summary=summary, status=status, error=error,
            )  # fmt: skip
            message.locked_until = None
            if error is None:
                message.status, message.last_error = DONE, None
                log.info("outbox.delivered", topic=message.topic, summary=summary)
            elif permanent or message.attempts >= self.policy.max_attempts:
                message.status, message.last_error = DEAD, error
                log.warning("outbox.dead_letter", topic=message.topic, attempts=message.attempts,
                            error=error)  # fmt: skip
            else:
                delay = self.policy.delay(message.attempts, self._rng)
                message.status, message.last_error = PENDING, error
                message.next_attempt_at = utcnow() + timedelta(seconds=delay)
                log.info("outbox.retry_scheduled", topic=message.topic, attempts=message.attempts,
                         delay_s=round(delay, 1), error=error)  # fmt: skip


__all__ = ["Handler", "OutboxWorker", "RetryPolicy"]
