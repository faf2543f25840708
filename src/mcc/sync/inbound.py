"""The inbox worker: applies stored webhook events in batches, one transaction per batch.

The events wait in the generic store (`mcc.inbox`), put there by the webhook door. When this
worker runs in the door's process, the door stores each event already claimed for it (its first
attempt counted) and hands it over in memory (`take`), so no claim transaction is needed;
otherwise the door wakes it, or it finds them by polling. A pass takes up to `batch_size` claimed
events, decodes them with no transaction open, collapses them to the newest state per remote
object (`mcc.sync.batch`) and applies that in ONE write, which also settles every event and,
when more may wait in the queue (a door in another process woke it), claims the next pending
ones: a burst of N changes costs about one commit per batch, not 2·N,
and the live events the dashboard listens to say once per object what changed. Decoding belongs
to the backend adapter (`parse_event`), applying to `mcc.sync.apply`, which ignores stale states,
so duplicates and out-of-order deliveries settle on the newest state whichever batch they land in.
Where a delivery is only a hint (Asana's compact events), decoding fetches the object's current
state (`resolve_event`); when the backend cannot be reached the event goes back to the queue.

An event that cannot be applied (undecodable, a value we cannot read, a bug) is *parked* at once
with a short reason and never blocks the rest: retrying it would fail the same way. Only a
database error is worth another try (a busy or restarting database), and at most
`MAX_ATTEMPTS` times, on later passes of the loop, before the event is parked too. Attempts are
counted when an event is claimed, so one that crashes the worker itself is parked after as many
restarts instead of crashing every one.

When a batch's write fails, the worker applies that batch again one event per transaction (the
path a batch of one takes), so the failure lands on the event that caused it, not on its
neighbours.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.repository import CampaignRepository
from mcc.db import Database
from mcc.inbox.repository import IGNORED, PARKED, PENDING, PROCESSED, InboxRepository
from mcc.integrations.workmgmt import ChangeEvent, LogicalError, TechnicalError, WorkManagement
from mcc.logging import get_logger
from mcc.models import Campaign, SyncTiming
from mcc.models.base import utcnow
from mcc.pilot import recording as pilot
from mcc.sync.apply import apply_project, apply_task, forget_task
from mcc.sync.batch import Decoded, collapse, is_deletion

log = get_logger(__name__)
MAX_ATTEMPTS = 5
MAX_REASON_CHARS = 300
Claimed = list[tuple[uuid.UUID, object]]  # claimed inbox events: id and payload


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
        batch_size: int = 100,
        poll_seconds: float = 1.0,
    ) -> None:
        self.db = db
        self.backend = backend
        self.source = source or backend.name  # the inbox rows its webhook door stored
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        # Claimed (attempt counted) by the last batch's write, applied by the next pass. A stop
        # in between leaves them in processing: `recover` queues them again at the next start.
        self._next: Claimed = []
        self._taking = False
        # Whether pending rows may be waiting (a wake-up, or not looked yet): the batch's write
        # then claims the next ones too. A poll claims in any case (`run_once`).
        self._queued = True

    def wake(self) -> None:
        """An event was queued (stored pending) for this worker: look at the queue now."""
        self._queued = True
        self._wake.set()

    @property
    def taking(self) -> bool:
        """Whether the webhook door may hand events over (`take`): between `recover`, which
        would queue them again, and the end of `run`."""
        return self._taking

    def take(self, event_id: uuid.UUID, payload: object) -> None:
        """An event the webhook door of this process stored already claimed for this worker:
        it joins the next pass, with no claim transaction."""
        self._next.append((event_id, payload))
        self._wake.set()

    async def recover(self) -> int:
        """On start: events a crashed run left in processing go back to the queue."""
        async with self.db.write() as session:
            return await InboxRepository(session).release_stale(self.source, MAX_ATTEMPTS)

    async def run_once(self) -> int:
        """Apply the oldest pending events (up to `batch_size`); how many were applied.

        A pass that applies a batch also claims the next one in the same write, so under a
        stream of events each batch costs one transaction, not two.
        """
        claimed, self._next = self._next[: self.batch_size], self._next[self.batch_size :]
        if not claimed:
            self._queued = False  # looked now: a wake-up from here on says to look again
            async with self.db.write() as session:
                rows = await InboxRepository(session).claim(self.source, self.batch_size)
            claimed = [(row.id, row.payload) for row in rows]
        if not claimed:
            return 0
        try:
            following = await self._apply_batch(claimed)
            self._next = [*following, *self._next]  # then what was handed over meanwhile
        except Exception:  # pin the failure on its event: one transaction per event
            log.warning("inbox.batch_failed", events=len(claimed), exc_info=True)
            self._queued = True  # its claim of the next ones rolled back too
            for event_id, payload in claimed:
                await self._apply(event_id, payload)
        return len(claimed)

    async def run(self) -> None:
        await self.recover()
        self._taking = True
        try:
            await self._loop()
        finally:
            self._taking = False

    async def _loop(self) -> None:
        while True:
            # Cleared before looking, not after: a webhook stored while a pass runs sets it
            # again, and the next pass starts at once instead of after `poll_seconds`.
            self._wake.clear()
            try:
                while await self.run_once() == self.batch_size or self._next:
                    pass
            except Exception:  # keep consuming after a database hiccup; the event stays queued
                log.exception("inbox.worker_error")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _apply_batch(self, events: Claimed) -> Claimed:
        """Decode with no transaction open, then apply the newest state per object, settle
        every event and claim the next batch in one write (see the module docstring)."""
        decoded: list[Decoded] = []
        refused: list[tuple[uuid.UUID, str]] = []
        later: list[uuid.UUID] = []  # the backend could not be asked (Asana's fetch): retry
        for event_id, payload in events:
            try:
                decoded.append(Decoded(event_id, await self.backend.resolve_event(payload)))
            except TechnicalError as error:
                log.warning("inbox.resolve_later", event_id=str(event_id), error=error.message)
                later.append(event_id)
            except LogicalError as error:
                refused.append((event_id, short_reason(error)))
            except Exception as error:  # a value we cannot read: keep the trace (bounded)
                log.exception("inbox.apply_failed", event_id=str(event_id))
                refused.append((event_id, short_reason(error)))
        steps = collapse(decoded)
        # Pending rows to claim along: only when a door of another process (or a poll) said
        # so; events handed over in memory (`take`) need no look at the queue.
        queued, self._queued = self._queued, False
        async with self.db.write() as session:
            done: dict[str, list[uuid.UUID]] = {PROCESSED: [], IGNORED: []}
            timings: list[SyncTiming] = []
            # The batch's campaigns in one query: a project then costs one query (its open
            # conflicts), and their changes are flushed together, not one by one.
            projects = [item.change.project.id for step in steps for item in step.applied
                        if item.change.project is not None]  # fmt: skip
            campaigns = CampaignRepository(session)
            linked = await campaigns.by_remote_projects(projects) if projects else {}
            for step in steps:
                for item in step.applied:
                    applied, campaign_id = await self._apply_change(session, item.change, linked)
                    done[PROCESSED if applied else IGNORED].append(item.event_id)
                    if applied:
                        timings.append(self._timing(item.event_id, item.change, campaign_id))
                    if item is step.deletion:  # its tombstone, before the state is checked
                        await session.flush()
                done[IGNORED].extend(step.superseded)
            await pilot.events_applied(session, timings)
            inbox = InboxRepository(session)
            for status, ids in done.items():
                await inbox.settle(ids, status)
            for event_id, reason in refused:
                await inbox.park(event_id, reason)
            following = await inbox.claim(self.source, self.batch_size) if queued else []
            # Queued again after the claim: they wait for a later pass, not this loop's next.
            await inbox.settle(later, PENDING)
        for event_id, reason in refused:
            log.warning("inbox.parked", event_id=str(event_id), reason=reason)
        return [(row.id, row.payload) for row in following]

    async def _apply(self, event_id: uuid.UUID, payload: object) -> None:
        try:
            await self._apply_one(event_id, payload)
        except (SQLAlchemyError, TechnicalError) as error:  # not the event: try again later
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
        change = await self.backend.resolve_event(payload)  # with no transaction open
        async with self.db.write() as session:
            row = await InboxRepository(session).get(event_id)
            if row is None:
                return
            applied, campaign_id = await self._apply_change(session, change)
            # Unknown objects, stale states and our own echoes are ignored, not failures.
            row.status = PROCESSED if applied else IGNORED
            row.processed_at = utcnow()
            if applied:
                timing = self._timing(event_id, change, campaign_id, row.received_at)
                await pilot.events_applied(session, [timing])

    def _timing(
        self,
        event_id: uuid.UUID,
        change: ChangeEvent,
        campaign_id: uuid.UUID | None,
        received_at: datetime | None = None,
    ) -> SyncTiming:
        """The pilot's sync latency: the backend's event time → applied (this transaction)."""
        return pilot.sync_timing(
            event_id, source=self.backend.name, object_type=change.object_type,
            event_at=change.occurred_at, received_at=received_at, campaign_id=campaign_id,
        )  # fmt: skip

    async def _apply_change(
        self,
        session: AsyncSession,
        change: ChangeEvent,
        linked: Mapping[str, Campaign] | None = None,
    ) -> tuple[bool, uuid.UUID | None]:
        """Whether the change reached our records (False for an unknown object, a stale state
        or our own echo: ignored, not a failure), and the campaign it changed, if it names one
        (the pilot report counts the event for that campaign's team)."""
        source = self.backend.name
        if is_deletion(change):
            task = await CampaignRepository(session).task_by_remote_id(change.object_id)
            campaign_id = None if task is None else task.campaign_id
            forgotten = await forget_task(session, change.object_id, change.occurred_at,
                                          source=source)  # fmt: skip
            return forgotten, campaign_id
        if change.project is not None:
            campaign = await apply_project(session, change.project, source=source, linked=linked)
            return campaign is not None, None if campaign is None else campaign.id
        if change.task is not None:
            row = await apply_task(session, change.task, source=source)
            return row is not None, None if row is None else row.campaign_id
        return False, None
