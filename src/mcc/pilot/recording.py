"""The calls other domains make to record the pilot's figures, inside their own transaction.

Each is one or two statements added to a write that happens anyway (the campaign's creation,
the turn's final write, the outbox delivery's link, the inbox batch): recording never opens a
transaction of its own, and a change that rolls back takes its figure with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import AssistantTurn, SyncTiming
from mcc.models.base import utcnow
from mcc.pilot.repository import PilotRepository


async def campaign_confirmed(session: AsyncSession, campaign_id: uuid.UUID) -> None:
    """A person committed to a new campaign (any origin): the start of its way to Workfront."""
    await PilotRepository(session).add_campaign(campaign_id, utcnow())


async def confirmed_in_chat(
    session: AsyncSession, campaign_id: uuid.UUID, conversation_id: uuid.UUID
) -> None:
    """The campaign came from a chat: its creation time starts at the first message of its
    draft, i.e. the conversation's first user message after any campaign created before in the
    same conversation (one conversation may create several)."""
    await session.flush()  # the campaign's timing row, added by its creation
    repository = PilotRepository(session)
    timing = await repository.timing(campaign_id)
    if timing is None:  # created outside `CampaignService.create`: nothing to complete
        return
    previous = await repository.last_confirmed_in(conversation_id, campaign_id)
    timing.conversation_id = conversation_id
    timing.first_message_at = await repository.draft_started_at(conversation_id, previous)


async def project_created(session: AsyncSession, campaign_id: uuid.UUID) -> None:
    """The outbox delivered the campaign's creation and the project id is stored."""
    await PilotRepository(session).mark_project_created(campaign_id, utcnow())


def sync_timing(
    event_id: uuid.UUID,
    *,
    source: str,
    object_type: str,
    event_at: datetime | None,
    received_at: datetime | None = None,
    campaign_id: uuid.UUID | None = None,
) -> SyncTiming:
    """A webhook event changed our records (the campaign `campaign_id`, whose team's report
    counts it), now. Its time is the backend's event time; without one the delivery's arrival
    time. A backend clock ahead of ours counts as no delay, not less."""
    applied = utcnow()
    started = event_at or received_at or applied
    seconds = max(0.0, (applied - started).total_seconds())
    return SyncTiming(event_id=event_id, source=source, object_type=object_type,
                      campaign_id=campaign_id, event_at=started, applied_at=applied,
                      seconds=seconds)  # fmt: skip


async def events_applied(session: AsyncSession, timings: Sequence[SyncTiming]) -> None:
    """Record the `sync_timing`s of the events an inbox batch applied, in one statement."""
    await PilotRepository(session).add_sync_timings(timings)


async def turn_finished(session: AsyncSession, engine: str, seconds: float) -> None:
    await PilotRepository(session).add_turn(AssistantTurn(engine=engine, seconds=seconds))
