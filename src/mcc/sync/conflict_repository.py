"""Conflict queries (`mcc.sync.conflicts` decides what they mean)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.service import CREATE_PROJECT, UPDATE_PROJECT
from mcc.models import OutboxMessage, SyncConflict
from mcc.outbox.repository import HELD, IN_FLIGHT, PENDING

OPEN = "open"


class ConflictRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, conflict: SyncConflict) -> None:
        self.session.add(conflict)

    async def get(self, conflict_id: uuid.UUID) -> SyncConflict | None:
        return await self.session.get(SyncConflict, conflict_id)

    async def open_for(self, campaign_id: uuid.UUID, field: str) -> SyncConflict | None:
        return await self.session.scalar(
            select(SyncConflict).where(
                SyncConflict.campaign_id == campaign_id,
                SyncConflict.field == field,
                SyncConflict.state == OPEN,
            )
        )

    async def of_campaign(
        self, campaign_id: uuid.UUID, *, only_open: bool = False, limit: int = 50
    ) -> Sequence[SyncConflict]:
        """Open ones first, then the most recent."""
        statement = select(SyncConflict).where(SyncConflict.campaign_id == campaign_id)
        if only_open:
            statement = statement.where(SyncConflict.state == OPEN)
        statement = statement.order_by(
            (SyncConflict.state != OPEN), SyncConflict.remote_at.desc()
        ).limit(limit)
        return (await self.session.scalars(statement)).all()

    async def our_write_pending(
        self, campaign_id: uuid.UUID, *, besides: uuid.UUID | None = None
    ) -> bool:
        """A project create or update of ours not yet delivered (or being delivered): until it
        lands, the remote state is behind ours by design, not in conflict with it."""
        statement = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.aggregate_id == str(campaign_id),
                OutboxMessage.topic.in_((CREATE_PROJECT, UPDATE_PROJECT)),
                OutboxMessage.status.in_((PENDING, IN_FLIGHT, HELD)),
            )
            .limit(1)
        )
        if besides is not None:  # the row being delivered: its write has just landed
            statement = statement.where(OutboxMessage.id != besides)
        return await self.session.scalar(statement) is not None

    async def queued_updates(self, campaign_id: uuid.UUID) -> Sequence[dict[str, Any]]:
        """The payloads of the campaign's project updates not yet delivered (or being delivered),
        oldest first: their `before` values are all values the remote may still have from us."""
        statement = (
            select(OutboxMessage.payload)
            .where(
                OutboxMessage.aggregate_id == str(campaign_id),
                OutboxMessage.topic == UPDATE_PROJECT,
                OutboxMessage.status.in_((PENDING, IN_FLIGHT, HELD)),
            )
            .order_by(OutboxMessage.created_at)
        )
        return (await self.session.scalars(statement)).all()
