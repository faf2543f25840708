"""Applies stored webhook events in arrival order; each event in its own transaction.

Decoding belongs to the backend adapter (`parse_event`), applying to `mcc.sync.apply`, which
ignores stale states, so duplicates and out-of-order deliveries settle on the newest state.
An event that cannot be decoded is marked failed with the reason and never blocks the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from mcc.db import Database
from mcc.inbox.repository import FAILED, IGNORED, PROCESSED, InboxRepository
from mcc.integrations.workmgmt import ChangeKind, LogicalError, WorkManagement
from mcc.logging import get_logger
from mcc.models.base import utcnow
from mcc.sync.apply import apply_project, apply_task, forget_task

log = get_logger(__name__)


class InboxWorker:
    def __init__(
        self,
        db: Database,
        backend: WorkManagement,
        *,
        source: str = "workfront",
        batch_size: int = 50,
        poll_seconds: float = 1.0,
    ) -> None:
        self.db = db
        self.backend = backend
        self.source = source
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def recover(self) -> int:
        """On start: events a crashed run left in processing go back to the queue."""
        async with self.db.write() as session:
            return await InboxRepository(session).release_stale(self.source)

    async def run_once(self) -> int:
        async with self.db.write() as session:
            claimed = await InboxRepository(session).claim(self.source, self.batch_size)
        for event in claimed:
            await self._apply(event.id, event.payload)
        return len(claimed)

    async def run(self) -> None:
        await self.recover()
        while True:
            try:
                while await self.run_once() == self.batch_size:
                    pass
            except Exception:  # keep consuming after a database hiccup; the event stays queued
                log.exception("inbox.worker_error")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _apply(self, event_id: uuid.UUID, payload: object) -> None:
        try:
            await self._apply_one(event_id, payload)
        except Exception as error:  # a malformed field or a bug: park this event, go on
            log.exception("inbox.apply_failed", event_id=str(event_id))
            async with self.db.write() as session:
                row = await InboxRepository(session).get(event_id)
                if row is not None:
                    row.status, row.processed_at = FAILED, utcnow()
                    row.error = f"{type(error).__name__}: {error}"[:2000]

    async def _apply_one(self, event_id: uuid.UUID, payload: object) -> None:
        async with self.db.write() as session:
            row = await InboxRepository(session).get(event_id)
            if row is None:
                return
            try:
                change = self.backend.parse_event(payload)
            except LogicalError as error:
                row.status, row.error, row.processed_at = FAILED, error.message, utcnow()
                log.warning("inbox.undecodable", event_id=str(event_id), error=error.message)
                return
            applied: object = None
            if change.kind is ChangeKind.DELETED and change.object_type == "task":
                applied = await forget_task(session, change.object_id, source=self.backend.name)
            elif change.project is not None:
                applied = await apply_project(session, change.project, source=self.backend.name)
            elif change.task is not None:
                applied = await apply_task(session, change.task, source=self.backend.name)
            # Unknown objects, stale states and our own echoes are ignored, not failures.
            row.status = PROCESSED if applied else IGNORED
            row.processed_at = utcnow()
