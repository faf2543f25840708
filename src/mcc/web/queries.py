"""Small read queries the pages need beyond what the domain services offer."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import String, cast, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import CampaignTask, Conversation, InboxEvent

CONVERSATIONS_SHOWN = 50
EVENTS_SHOWN = 50


class PageQueries:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def conversations_of(self, owner: str) -> Sequence[Conversation]:
        statement = (
            select(Conversation)
            .where(Conversation.owner == owner)
            .order_by(Conversation.updated_at.desc(), Conversation.id)
            .limit(CONVERSATIONS_SHOWN)
        )
        return (await self.session.scalars(statement)).all()

    async def tasks_of(self, campaign_id: uuid.UUID) -> Sequence[CampaignTask]:
        statement = (
            select(CampaignTask)
            .where(CampaignTask.campaign_id == campaign_id)
            .order_by(CampaignTask.position)
        )
        return (await self.session.scalars(statement)).all()

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
