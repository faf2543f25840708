"""Live events: "campaign X changed", fanned out to whoever is listening (dashboard, GraphQL).

Services record events on their session (`record`); `Database.write()` publishes them only
after the transaction commits, so no listener ever sees a change that was rolled back. On
PostgreSQL the events travel as NOTIFY inside the transaction (delivered on commit, to every
process: the web server sees what `mcc worker` changed); on SQLite, within the process, or, when
`mcc serve --workers N` runs several processes, through the supervisor's relay
(`mcc.serving.relay`), which hands each event back to every worker, its sender included. Delivery
is best effort: a slow listener loses its oldest events rather than stalling writers
(it reloads what it shows anyway). Durable work never rides on these; it goes through the outbox.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models.base import utcnow

_PENDING = "mcc.pending_events"


@dataclass(frozen=True)
class CampaignChanged:
    campaign_id: uuid.UUID
    kind: str  # "created", "updated", "synced"
    fields: tuple[str, ...] = ()
    source: str = "mcc"  # "mcc", "workfront", "asana", "assistant", ...
    at: datetime = field(default_factory=utcnow)


def to_json(event: CampaignChanged) -> str:
    return json.dumps({"campaign_id": str(event.campaign_id), "kind": event.kind,
                       "fields": list(event.fields), "source": event.source,
                       "at": event.at.isoformat()})  # fmt: skip


def from_json(text: str) -> CampaignChanged:
    data = json.loads(text)
    return CampaignChanged(
        campaign_id=uuid.UUID(data["campaign_id"]),
        kind=str(data["kind"]),
        fields=tuple(data.get("fields") or ()),
        source=str(data.get("source") or "mcc"),
        at=datetime.fromisoformat(data["at"]),
    )


def record(session: AsyncSession, event: CampaignChanged) -> None:
    """Queue an event to publish when this session's transaction commits."""
    session.info.setdefault(_PENDING, []).append(event)


def take_pending(session: AsyncSession) -> list[CampaignChanged]:
    events: list[CampaignChanged] = session.info.pop(_PENDING, [])
    return events


def discard_pending(session: AsyncSession) -> None:
    session.info.pop(_PENDING, None)


class EventBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: set[asyncio.Queue[CampaignChanged]] = set()
        self._relay: Callable[[CampaignChanged], bool] | None = None

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def relay_through(self, send: Callable[[CampaignChanged], bool] | None) -> None:
        """Send published events to `send` (another process's fan-out) instead of delivering them
        here; it returns False when it cannot take one (the link is down), which delivers it here
        so this process's own listeners never go deaf. None: deliver locally again."""
        self._relay = send

    def publish(self, event: CampaignChanged) -> None:
        if self._relay is not None and self._relay(event):
            return  # it comes back through `deliver`, in the same order as every other worker's
        self.deliver(event)

    def deliver(self, event: CampaignChanged) -> None:
        """Hand `event` to this process's listeners (what `publish` does without a relay)."""
        for queue in list(self._subscribers):
            if queue.full():
                queue.get_nowait()  # drop the oldest: listeners reload state, they don't replay
            queue.put_nowait(event)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[AsyncIterator[CampaignChanged]]:
        """`async with bus.subscribe() as events: async for event in events: ...`"""
        queue: asyncio.Queue[CampaignChanged] = asyncio.Queue(self._queue_size)
        self._subscribers.add(queue)

        async def iterate() -> AsyncIterator[CampaignChanged]:
            while True:
                yield await queue.get()

        try:
            yield iterate()
        finally:
            self._subscribers.discard(queue)
