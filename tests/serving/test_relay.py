"""The relay between worker processes, in one process over a real Unix socket: what one link
sends reaches every link (events), the supervisor (inbox wake-ups) or the other links (knowledge
changes); a link that cannot send delivers locally instead of going deaf."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from pathlib import Path

from mcc.db import Database
from mcc.events import CampaignChanged, EventBus
from mcc.serving.link import ServingLink
from mcc.serving.relay import KNOWLEDGE_EMBEDDING, Relay
from tests.support.live import eventually_async


class FakeIndex:
    def __init__(self) -> None:
        self.refreshed = asyncio.Event()

    async def refresh(self, *, embed: bool = True) -> None:
        self.refreshed.set()


async def close_all(
    links: Sequence[ServingLink], relay: Relay, databases: Sequence[Database]
) -> None:
    """The workers' links first, then the relay they talk to, then their databases."""
    for link in links:
        await link.close()
    await relay.close()
    for database in databases:
        await database.dispose()


async def next_event(bus: EventBus) -> CampaignChanged:
    async with bus.subscribe() as events:
        async for event in events:
            return event
    raise AssertionError("unreachable")


async def test_events_reach_every_worker_and_wake_ups_reach_the_supervisor(
    tmp_path: Path,
) -> None:
    supervisor = EventBus()
    relay = Relay(tmp_path / "relay.sock", supervisor)
    woken = asyncio.Event()
    relay.wake_inbox = woken.set
    await relay.start()
    databases = [Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'mcc.db'}") for _ in "ab"]
    links = [ServingLink(tmp_path) for _ in databases]
    try:
        for link, database in zip(links, databases, strict=True):
            await link.connect(database)

        async def linked() -> bool:
            return relay.link_count == 2

        await eventually_async(linked, message="both workers to link")
        listeners = [asyncio.create_task(next_event(db.events)) for db in databases]
        at_supervisor = asyncio.create_task(next_event(supervisor))
        buses = [*(db.events for db in databases), supervisor]

        async def listening() -> bool:
            return all(bus.subscriber_count == 1 for bus in buses)

        await eventually_async(listening, message="the listeners to subscribe")
        event = CampaignChanged(uuid.uuid4(), "updated", ("status",))
        databases[0].events.publish(event)  # what a commit in worker "a" does
        heard = await asyncio.wait_for(asyncio.gather(*listeners, at_supervisor), 5)
        assert [(e.campaign_id, e.kind, e.fields) for e in heard] == [
            (event.campaign_id, "updated", ("status",))
        ] * 3

        links[1].wake_inbox()
        await asyncio.wait_for(woken.wait(), 5)

        indexes = [FakeIndex(), FakeIndex()]
        for link, index in zip(links, indexes, strict=True):
            link._index = index  # type: ignore[assignment]
        links[0]._knowledge_changed()
        await asyncio.wait_for(indexes[1].refreshed.wait(), 5)
        assert not indexes[0].refreshed.is_set()  # the sender's index is already current
    finally:
        await close_all(links, relay, databases)


async def test_a_bus_whose_relay_is_down_delivers_locally() -> None:
    bus = EventBus()
    sent: list[CampaignChanged] = []
    listener = asyncio.create_task(next_event(bus))

    async def listening() -> bool:
        return bus.subscriber_count == 1

    await eventually_async(listening, message="the listener to subscribe")

    def refuse(event: CampaignChanged) -> bool:
        sent.append(event)
        return False  # the link is down

    bus.relay_through(refuse)
    event = CampaignChanged(uuid.uuid4(), "created")
    bus.publish(event)
    assert (await asyncio.wait_for(listener, 1)) is event
    assert sent == [event]


class RecordingIndex:
    """Records each refresh's `embed`; its vectors are always stored (nothing to wait for)."""

    def __init__(self) -> None:
        self.refreshes: list[bool] = []

    async def refresh(self, *, embed: bool = True) -> None:
        self.refreshes.append(embed)

    async def wait_for_vectors(self) -> None:
        return None


async def test_a_worker_dying_mid_embedding_hands_its_embedding_to_another(
    tmp_path: Path,
) -> None:
    """Worker "dying" announces `K embedding` and dies before its `K`: one surviving worker is
    told to take over (it refreshes embedding what has no vectors, then sends `K`), and the
    other then refreshes to take the stored vectors, instead of staying keyword-only."""
    relay = Relay(tmp_path / "relay.sock", EventBus())
    await relay.start()
    databases = [Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'mcc.db'}") for _ in "ab"]
    links = [ServingLink(tmp_path) for _ in databases]
    indexes = [RecordingIndex(), RecordingIndex()]
    try:
        for link, database, index in zip(links, databases, indexes, strict=True):
            await link.connect(database)
            link._index = index  # type: ignore[assignment]
        _, dying = await asyncio.open_unix_connection(str(tmp_path / "relay.sock"))

        async def linked() -> bool:
            return relay.link_count == 3

        await eventually_async(linked, message="three workers to link")
        dying.write(KNOWLEDGE_EMBEDDING)
        await dying.drain()

        async def told_to_wait() -> bool:
            return all(index.refreshes == [False] for index in indexes)

        await eventually_async(told_to_wait, timeout=30, message="keyword-only refreshes")
        dying.close()  # the process died: no `K` will follow

        async def caught_up() -> bool:
            return all(index.refreshes == [False, True] for index in indexes)

        await eventually_async(caught_up, timeout=30, message="both to refresh with vectors")
    finally:
        await close_all(links, relay, databases)
