"""What an operator asks about the sync: is anything stuck, failing, or behind?"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository
from mcc.sync.repository import SyncRepository


@dataclass(frozen=True)
class FailureView:
    id: str
    topic: str
    status: str
    attempts: int
    error: str | None
    updated_at: datetime


@dataclass(frozen=True)
class ParkedView:
    """An inbox event that could not be applied: out of the queue until someone replays it."""

    id: str
    event_type: str
    attempts: int
    error: str | None
    received_at: datetime


@dataclass(frozen=True)
class SyncStatus:
    outbox: dict[str, int]
    inbox: dict[str, int]
    oldest_pending_at: datetime | None
    lag_seconds: float | None  # age of the oldest undelivered outbox row
    last_event_at: datetime | None
    watermarks: dict[str, str]
    failures: list[FailureView]
    parked: list[ParkedView]

    @property
    def dead_letters(self) -> int:
        return self.outbox.get("dead", 0)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["dead_letters"] = self.dead_letters
        return data


async def sync_status(db: Database) -> SyncStatus:
    async with db.read() as session:
        outbox, inbox = OutboxRepository(session), InboxRepository(session)
        oldest = await outbox.oldest_pending()
        failing = await outbox.failing()
        return SyncStatus(
            outbox=await outbox.counts(),
            inbox=await inbox.counts(),
            oldest_pending_at=oldest,
            lag_seconds=None if oldest is None else (utcnow() - oldest).total_seconds(),
            last_event_at=await inbox.last_received(),
            watermarks=await SyncRepository(session).watermarks(),
            failures=[
                FailureView(str(m.id), m.topic, m.status, m.attempts, m.last_error, m.updated_at)
                for m in failing
            ],
            parked=[
                ParkedView(str(e.id), e.event_type, e.attempts, e.error, e.received_at)
                for e in await inbox.parked()
            ],
        )
