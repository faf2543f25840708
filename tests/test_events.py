"""Live campaign events reach listeners only for committed changes."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import pytest

from mcc import migrations
from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.events import CampaignChanged, EventBus
from mcc.exceptions import ValidationError
from mcc.validation import parse
from tests.conftest import Backend


async def test_committed_changes_are_published_rolled_back_ones_are_not(db: Database) -> None:
    async with db.events.subscribe() as events:
        async with db.write() as session:
            created = await CampaignService(session).create(
                parse(CampaignCreate, {"name": "Live", "type": "email"}, what="campaign")
            )

        async def change_then_fail() -> None:
            async with db.write() as session:
                await CampaignService(session).update(created.id, CampaignUpdate(name="Renamed"))
                raise ValidationError("the edge failed after the change")

        with pytest.raises(ValidationError):
            await change_then_fail()
        async with db.write() as session:
            await CampaignService(session).update(created.id, CampaignUpdate(budget=Decimal(5)))

        first = await asyncio.wait_for(anext(events), 5)
        second = await asyncio.wait_for(anext(events), 5)
    assert (first.campaign_id, first.kind) == (created.id, "created")
    assert (second.kind, second.fields) == ("updated", ("budget",))


async def test_a_slow_listener_keeps_only_the_newest_events() -> None:
    bus = EventBus(queue_size=2)
    async with bus.subscribe() as events:
        for kind in ("a", "b", "c"):
            bus.publish(CampaignChanged(campaign_id=uuid.uuid4(), kind=kind))
        assert [(await anext(events)).kind for _ in range(2)] == ["b", "c"]
    assert bus.subscriber_count == 0


async def test_changes_reach_listeners_in_other_processes(backend: Backend) -> None:
    """On PostgreSQL a change made by one process (say `mcc worker`) reaches another's bus."""
    url = await backend.new_database_url()
    writer, reader = Database.from_url(url), Database.from_url(url)
    await migrations.upgrade(writer.engine)
    listener = asyncio.create_task(reader.listen())
    try:
        if reader.cross_process:
            await asyncio.wait_for(reader.listening.wait(), 10)
        watched = reader if reader.cross_process else writer  # SQLite: one process, one bus
        async with watched.events.subscribe() as events:
            async with writer.write() as session:
                created = await CampaignService(session).create(
                    parse(CampaignCreate, {"name": "Far away", "type": "email"}, what="campaign")
                )
            event = await asyncio.wait_for(anext(events), 10)
        assert (event.campaign_id, event.kind) == (created.id, "created")
        assert reader.cross_process == (backend.name == "postgresql")
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await writer.dispose()
        await reader.dispose()
