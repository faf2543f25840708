"""The inbox worker: applies stored webhook events in arrival order, each in its own transaction.

The events wait in the generic store (`mcc.inbox`), put there by the webhook door.

Decoding belongs to the backend adapter (`parse_event`), applying to `mcc.sync.apply`, which
ignores stale states, so duplicates and out-of-order deliveries settle on the newest state.

An event that cannot be applied (undecodable, a value we cannot read, a bug) is *parked* at once
with a short reason and never blocks the rest: retrying it would fail the same way. Only a
database error is worth another try (a busy or restarting database), and at most
`MAX_ATTEMPTS` times, on later passes of the loop, before the event is parked too. Attempts are
counted when an event is claimed, so one that crashes the worker itself is parked after as many
restarts instead of crashing every one.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from sqlalchemy.exc import SQLAlchemyError

from mcc.db import Database
from mcc.inbox.repository import IGNORED, PARKED, PENDING, PROCESSED, InboxRepository
from mcc.integrations.workmgmt import ChangeKind, LogicalError, WorkManagement
from mcc.logging import get_logger
from mcc.models.base import utcnow
from mcc.sync.apply import apply_project, apply_task, forget_task

log = get_logger(__name__)
MAX_ATTEMPTS = 5
MAX_REASON_CHARS = 300


def short_reason(error: BaseException) -> str:
    """What an operator needs to decide on a replay; never the payload, never a traceback."""
    message = error.message if isinstance(error, LogicalError) else str(error)
    reason = f"{type(error).__name__}: {message}"
    return reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 1] + "…"


class InboxWorker:
    def __init__(
        self,
        db: Database,
        backend: WorkManagement,
        *,
        source: str | None = None,
        batch_size: int = 50,
        poll_seconds: float = 1.0,
    ) -> None:
        self.db = db
        self.backend = backend
        self.source = source or backend.name  # the inbox rows its webhook door stored
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def recover(self) -> int:
        """On start: events a crashed run left in processing go back to the queue."""
        async with self.db.write() as session:
            return await InboxRepository(session).release_stale(self.source, MAX_ATTEMPTS)

    async def run_once(self) -> int:
        async with self.db.write() as session:
            claimed = await InboxRepository(session).claim(self.source, self.batch_size)
        for event in claimed:
            await self._apply(event.id, event.payload)
        return len(claimed)

    async def run(self) -> None:
        await self.recover()
        while True:
            # Cleared before looking, not after: a wake-up that arrives while a batch is
            # processed must start another round, not wait for the next poll.
            self._wake.clear()
            try:
                while await self.run_once() == self.batch_size:
                    pass
            except Exception:  # keep consuming after a database hiccup; the event stays queued
                log.exception("inbox.worker_error")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _apply(self, event_id: uuid.UUID, payload: object) -> None:
        try:
            await self._apply_one(event_id, payload)
        except SQLAlchemyError as error:  # the database, not the event: try again later
            await self._settle_failure(event_id, error, retry=True)
        except LogicalError as error:  # the event says something we cannot use
            await self._settle_failure(event_id, error, retry=False)
        except Exception as error:  # a value we cannot read, or a bug: keep the trace (bounded)
            log.exception("inbox.apply_failed", event_id=str(event_id))
            await self._settle_failure(event_id, error, retry=False)

    async def _settle_failure(self, event_id: uuid.UUID, error: Exception, *, retry: bool) -> None:
        reason = short_reason(error)
        async with self.db.write() as session:
            row = await InboxRepository(session).get(event_id)
            if row is None:
                return
            row.error = reason  # `attempts` was counted when the event was claimed
            if retry and row.attempts < MAX_ATTEMPTS:
                row.status = PENDING
                return
            row.status, row.processed_at = PARKED, utcnow()
        log.warning("inbox.parked", event_id=str(event_id), reason=reason)

    async def _apply_one(self, event_id: uuid.UUID, payload: object) -> None:
        change = self.backend.parse_event(payload)  # pure: no transaction needed to decode
        async with self.db.write() as session:
            row = await InboxRepository(session).get(event_id)
            if row is None:
                return
            applied: object = None
            if change.kind is ChangeKind.DELETED and change.object_type == "task":
                applied = await forget_task(
                    session, change.object_id, change.occurred_at, source=self.backend.name
                )
            elif change.project is not None:
                applied = await apply_project(session, change.project, source=self.backend.name)
            elif change.task is not None:
                applied = await apply_task(session, change.task, source=self.backend.name)
            # Unknown objects, stale states and our own echoes are ignored, not failures.
            row.status = PROCESSED if applied else IGNORED
            row.processed_at = utcnow()
