"""Inbox rows: store once per dedupe key, claim for processing, settle, park, replay, report.

An event that cannot be applied is *parked*: kept with a short reason, out of the queue, until an
operator replays it (after a fix). Nothing retries it in a loop.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.db import INBOX_CHANNEL
from mcc.models import InboxEvent
from mcc.models.base import utcnow

EVENTS_SHOWN = 50  # the newest events a campaign's sync timeline shows
PENDING, PROCESSING, PROCESSED, IGNORED, PARKED = (
    "pending", "processing", "processed", "ignored", "parked",
)  # fmt: skip


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def store(
        self,
        source: str,
        dedupe_key: str,
        event_type: str,
        payload: Any,
        *,
        claimed: bool = False,
        received_at: datetime | None = None,
    ) -> uuid.UUID | None:
        """Insert unless this delivery was stored before; the new row's id, or None.

        `claimed`: stored already taken for processing, its first attempt counted, for a worker
        of this process that applies it next (no separate claim transaction). `received_at`:
        when the request arrived (default: now), so waiting for the write counts as delivery.
        """
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        event_id = uuid.uuid4()
        statement = (
            insert(InboxEvent)
            .values(
                id=event_id,
                source=source,
                dedupe_key=dedupe_key,
                event_type=event_type,
                payload=payload,
                status=PROCESSING if claimed else PENDING,
                attempts=1 if claimed else 0,
                received_at=received_at or utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["source", "dedupe_key"])
        )
        if dialect == "postgresql" and not claimed:
            # Wake the inbox worker wherever it runs (`Database.listen`, `mcc worker` included)
            # when the row commits, instead of at its next poll: in the same statement, so the
            # door's write stays one round trip. Only a new row notifies (no RETURNING row on
            # a duplicate).
            notify = statement.returning(func.pg_notify(INBOX_CHANNEL, source))
            return event_id if (await self.session.execute(notify)).first() else None
        result = await self.session.execute(statement)
        return event_id if getattr(result, "rowcount", 0) else None

    async def claim(self, source: str, limit: int) -> list[InboxEvent]:
        """Take the oldest pending events (in arrival order) for processing."""
        candidates = (
            select(InboxEvent.id)
            .where(InboxEvent.source == source, InboxEvent.status == PENDING)
            .order_by(InboxEvent.received_at, InboxEvent.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(InboxEvent)
            .where(InboxEvent.id.in_(candidates.scalar_subquery()))
            .values(status=PROCESSING, attempts=InboxEvent.attempts + 1)
            .returning(InboxEvent)
            .execution_options(synchronize_session=False)
        )
        rows = list((await self.session.scalars(statement)).all())
        return sorted(rows, key=lambda row: (row.received_at, row.id))

    async def release_stale(self, source: str, max_attempts: int) -> int:
        """Events a crashed worker left half-done go back to the queue (applying is idempotent),
        unless they were already tried `max_attempts` times: an event that takes the worker down
        with it (memory, a hang) is parked instead of crashing every restart."""
        stale = (InboxEvent.source == source, InboxEvent.status == PROCESSING)
        reason = f"The worker stopped while applying it, {max_attempts} times"
        parked = await self.session.execute(
            update(InboxEvent)
            .where(*stale, InboxEvent.attempts >= max_attempts)
            .values(status=PARKED, processed_at=utcnow(), error=reason)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(
            update(InboxEvent)
            .where(*stale)
            .values(status=PENDING)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0)) + int(getattr(parked, "rowcount", 0))

    async def get(self, event_id: uuid.UUID) -> InboxEvent | None:
        return await self.session.get(InboxEvent, event_id)

    async def settle(self, event_ids: Sequence[uuid.UUID], status: str) -> None:
        """Mark claimed events done (processed or ignored) in one statement, not one per row."""
        if event_ids:
            await self.session.execute(
                update(InboxEvent)
                .where(InboxEvent.id.in_(event_ids))
                .values(status=status, processed_at=utcnow())
                .execution_options(synchronize_session=False)
            )

    async def park(self, event_id: uuid.UUID, reason: str) -> None:
        """Take a claimed event out of the queue with the reason, until an operator replays it."""
        await self.session.execute(
            update(InboxEvent)
            .where(InboxEvent.id == event_id)
            .values(status=PARKED, processed_at=utcnow(), error=reason)
            .execution_options(synchronize_session=False)
        )

    async def events_mentioning(self, remote_ids: Sequence[str]) -> Sequence[InboxEvent]:
        """Inbox events whose payload names one of these remote objects (project or tasks).

        The inbox stores payloads as received, without a campaign column; a text match on the
        payload works on both backends and is bounded by the newest `EVENTS_SHOWN` rows.
        """
        ids = [remote_id for remote_id in remote_ids if remote_id]
        if not ids:
            return []
        payload = cast(InboxEvent.payload, String)
        statement = (
            select(InboxEvent)
            .where(or_(*(payload.contains(remote_id) for remote_id in ids)))
            .order_by(InboxEvent.received_at.desc())
            .limit(EVENTS_SHOWN)
        )
        return (await self.session.scalars(statement)).all()

    async def counts(self) -> dict[str, int]:
        statement = select(InboxEvent.status, func.count()).group_by(InboxEvent.status)
        return {status: int(count) for status, count in (await self.session.execute(statement))}

    async def last_received(self) -> datetime | None:
        row = await self.session.scalar(
            select(InboxEvent).order_by(InboxEvent.received_at.desc()).limit(1)
        )
        return row.received_at if row else None

    async def oldest_waiting(self) -> datetime | None:
        """When the oldest event not yet applied arrived (pending or being applied): the lag."""
        value: datetime | None = await self.session.scalar(
            select(func.min(InboxEvent.received_at)).where(
                InboxEvent.status.in_((PENDING, PROCESSING))
            )
        )
        return value

    async def parked(self, limit: int = 20) -> Sequence[InboxEvent]:
        """The most recently received parked events (what an operator has to look at)."""
        statement = (
            select(InboxEvent)
            .where(InboxEvent.status == PARKED)
            .order_by(InboxEvent.received_at.desc(), InboxEvent.id)
            .limit(limit)
        )
        return (await self.session.scalars(statement)).all()

    async def replay(self, event_id: uuid.UUID) -> bool:
        """Queue a parked event again with fresh attempts; False if it is not parked."""
        statement = (
            update(InboxEvent)
            .where(InboxEvent.id == event_id, InboxEvent.status == PARKED)
            .values(status=PENDING, attempts=0, error=None, processed_at=None)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))
