"""Outbox rows: enqueue, claim with a lease, record attempts, finish, retry, dead-letter.

Claiming is one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING statement. PostgreSQL adds
`FOR UPDATE SKIP LOCKED` so parallel workers take different rows; SQLite serialises writers, and
a single statement never holds a stale read snapshot it would have to upgrade. A claimed row is
leased: if its worker dies before finishing, the lease runs out and the row is claimed again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mcc.models import OutboxAttempt, OutboxMessage
from mcc.models.base import utcnow

PENDING, IN_FLIGHT, DONE, DEAD = "pending", "in_flight", "done", "dead"
# Written but not to be delivered yet (a campaign waiting for approval): never claimed until
# `release` makes it pending.
HELD = "held"


async def enqueue(
    session: AsyncSession,
    topic: str,
    aggregate_id: uuid.UUID | str,
    payload: dict[str, Any],
    *,
    held: bool = False,
) -> OutboxMessage:
    """Add a call to make once the current transaction commits (held: once released)."""
    message = OutboxMessage(
        topic=topic, aggregate_id=str(aggregate_id), payload=payload,
        status=HELD if held else PENDING,
    )  # fmt: skip
    session.add(message)
    await session.flush()
    return message


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self, limit: int, lease: timedelta, now: datetime | None = None
    ) -> list[OutboxMessage]:
        now = now or utcnow()
        due = or_(
            and_(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now),
            and_(OutboxMessage.status == IN_FLIGHT, OutboxMessage.locked_until < now),
        )
        # One row per campaign at a time, oldest first: a row waits while another of its campaign
        # is in flight (lease not run out), so lanes working in parallel keep each campaign's
        # order; and while an older one is not out yet, so an update does not spend its retries
        # on "the project is not created yet" while the create is failing (sweep F7).
        busy = aliased(OutboxMessage)
        in_flight = (
            select(busy.id)
            .where(
                busy.aggregate_id == OutboxMessage.aggregate_id,
                busy.id != OutboxMessage.id,
                or_(
                    and_(busy.status == IN_FLIGHT, busy.locked_until >= now),
                    and_(
                        busy.status.in_((PENDING, IN_FLIGHT, HELD)),
                        busy.created_at < OutboxMessage.created_at,
                    ),
                ),
            )
            .exists()
        )
        candidates = (
            select(OutboxMessage.id)
            .where(due, ~in_flight)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(candidates.scalar_subquery()))
            .values(
                status=IN_FLIGHT,
                locked_until=now + lease,
                attempts=OutboxMessage.attempts + 1,
                updated_at=now,
            )
            .returning(OutboxMessage)
            .execution_options(synchronize_session=False)
        )
        return list((await self.session.scalars(statement)).all())

    async def hold(self, aggregate_id: uuid.UUID | str) -> int:
        """Hold the aggregate's rows that are not out yet (a row already in flight goes on)."""
        return await self._move(aggregate_id, PENDING, HELD)

    async def release(self, aggregate_id: uuid.UUID | str) -> int:
        """Make the aggregate's held rows due now, in the order they were written."""
        return await self._move(aggregate_id, HELD, PENDING)

    async def has_held(self, aggregate_id: uuid.UUID | str) -> bool:
        """Whether rows of the aggregate wait to be released: a later row must wait behind them
        (an update before its project exists would only fail)."""
        statement = select(OutboxMessage.id).where(
            OutboxMessage.aggregate_id == str(aggregate_id), OutboxMessage.status == HELD
        )
        return await self.session.scalar(statement.limit(1)) is not None

    async def _move(self, aggregate_id: uuid.UUID | str, source: str, target: str) -> int:
        now = utcnow()
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.aggregate_id == str(aggregate_id), OutboxMessage.status == source)
            .values(status=target, next_attempt_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    async def get(self, message_id: uuid.UUID) -> OutboxMessage | None:
        return await self.session.get(OutboxMessage, message_id)

    async def record_attempt(
        self,
        message: OutboxMessage,
        *,
        started_at: datetime,
        duration_ms: int,
        summary: str,
        status: int | None,
        error: str | None,
    ) -> None:
        self.session.add(
            OutboxAttempt(
                message_id=message.id, started_at=started_at, duration_ms=duration_ms,
                request_summary=summary[:2000], response_status=status,
                error=None if error is None else error[:4000],
            )
        )  # fmt: skip

    async def attempts(self, message_id: uuid.UUID) -> Sequence[OutboxAttempt]:
        statement = (
            select(OutboxAttempt)
            .where(OutboxAttempt.message_id == message_id)
            .order_by(OutboxAttempt.started_at)
        )
        return (await self.session.scalars(statement)).all()

    async def for_aggregate(self, aggregate_id: str) -> Sequence[OutboxMessage]:
        statement = (
            select(OutboxMessage)
            .where(OutboxMessage.aggregate_id == aggregate_id)
            .order_by(OutboxMessage.created_at)
        )
        return (await self.session.scalars(statement)).all()

    async def counts(self) -> dict[str, int]:
        statement = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        return {status: int(count) for status, count in (await self.session.execute(statement))}

    async def oldest_pending(self) -> datetime | None:
        statement = select(func.min(OutboxMessage.created_at)).where(
            OutboxMessage.status.in_((PENDING, IN_FLIGHT))
        )
        value = await self.session.scalar(statement)
        return _aware(value)

    async def failing(self, limit: int = 20) -> Sequence[OutboxMessage]:
        """Rows that failed at least once and are not done: dead letters first."""
        statement = (
            select(OutboxMessage)
            .where(OutboxMessage.status != DONE, OutboxMessage.last_error.is_not(None))
            .order_by(OutboxMessage.status.desc(), OutboxMessage.updated_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(statement)).all()

    async def revive(self, message_id: uuid.UUID) -> bool:
        """Give a dead letter a fresh set of attempts (an operator fixed the cause)."""
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == DEAD)
            .values(status=PENDING, attempts=0, next_attempt_at=utcnow(), locked_until=None)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))


def _aware(value: Any) -> datetime | None:
    from mcc.models.base import UTCDateTime

    if value is None:
        return None
    if isinstance(value, str):  # SQLite aggregates lose the column type
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None)  # type: ignore[arg-type]
