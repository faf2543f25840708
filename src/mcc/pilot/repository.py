"""SQL for recording the pilot's figures (the report's reads are in `mcc.reports.repository`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import AssistantTurn, CampaignTiming, Message, SyncTiming, UptimeDay


class PilotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_campaign(self, campaign_id: uuid.UUID, confirmed_at: datetime) -> None:
        self.session.add(CampaignTiming(campaign_id=campaign_id, confirmed_at=confirmed_at))

    async def timing(self, campaign_id: uuid.UUID) -> CampaignTiming | None:
        return await self.session.get(CampaignTiming, campaign_id)

    async def draft_started_at(
        self, conversation_id: uuid.UUID, after: datetime | None
    ) -> datetime | None:
        """The first user message of the conversation after `after` (a previous creation)."""
        query = select(func.min(Message.created_at)).where(
            Message.conversation_id == conversation_id, Message.role == "user"
        )
        if after is not None:
            query = query.where(Message.created_at > after)
        value: datetime | None = await self.session.scalar(query)
        return value

    async def last_confirmed_in(
        self, conversation_id: uuid.UUID, other_than: uuid.UUID
    ) -> datetime | None:
        value: datetime | None = await self.session.scalar(
            select(func.max(CampaignTiming.confirmed_at)).where(
                CampaignTiming.conversation_id == conversation_id,
                CampaignTiming.campaign_id != other_than,
            )
        )
        return value

    async def mark_project_created(self, campaign_id: uuid.UUID, at: datetime) -> None:
        """The first delivery counts; a later re-link (a retry, a repair) does not move it."""
        await self.session.execute(
            update(CampaignTiming)
            .where(
                CampaignTiming.campaign_id == campaign_id,
                CampaignTiming.project_created_at.is_(None),
            )
            .values(project_created_at=at)
        )

    async def add_sync_timings(self, timings: Sequence[SyncTiming]) -> None:
        """One statement for a batch's timings (no look-up first: one round trip, not two per
        event). An event applied again (a replayed inbox event) keeps its first timing."""
        if not timings:
            return
        columns = [column.key for column in SyncTiming.__table__.columns]
        rows = [{key: getattr(timing, key) for key in columns} for timing in timings]
        dialect = self.session.get_bind().dialect.name
        builder = pg_insert if dialect == "postgresql" else sqlite_insert
        inserted = (
            builder(SyncTiming).values(rows).on_conflict_do_nothing(index_elements=["event_id"])
        )
        await self.session.execute(inserted)

    async def add_turn(self, turn: AssistantTurn) -> None:
        self.session.add(turn)

    async def latency_histogram(
        self, model: type[AssistantTurn] | type[SyncTiming], buckets: Sequence[float]
    ) -> dict[str, tuple[list[int], float, int]]:
        """Per label (a turn's engine, an event's source): cumulative counts at or under each
        bucket bound, the sum of seconds and the count: a Prometheus histogram from the rows."""
        label = AssistantTurn.engine if model is AssistantTurn else SyncTiming.source
        seconds = AssistantTurn.seconds if model is AssistantTurn else SyncTiming.seconds
        under = [func.sum(case((seconds <= bound, 1), else_=0)) for bound in buckets]
        statement = select(label, func.count(), func.sum(seconds), *under).group_by(label)
        return {
            str(row[0]): ([int(n or 0) for n in row[3:]], float(row[2] or 0.0), int(row[1]))
            for row in (await self.session.execute(statement)).all()
        }

    async def record_check(
        self, day: date, slot: datetime, healthy: bool, interval_seconds: float
    ) -> bool:
        """Count one check of `slot` on `day`; False when that slot was already counted.

        Insert-if-absent, then a conditional update: two recorders sharing a database (two
        deployments, or an overlap during a restart) count each slot once, on both backends.
        """
        values = {"day": day, "first_check_at": slot, "last_check_at": slot,
                  "checks": 0, "healthy_checks": 0, "healthy_seconds": 0.0}  # fmt: skip
        dialect = self.session.get_bind().dialect.name
        builder = pg_insert if dialect == "postgresql" else sqlite_insert
        inserted = builder(UptimeDay).values(values).on_conflict_do_nothing(index_elements=["day"])
        await self.session.execute(inserted)
        result = await self.session.execute(
            update(UptimeDay)
            .where(
                UptimeDay.day == day,
                (UptimeDay.checks == 0) | (UptimeDay.last_check_at < slot),
            )
            .values(
                last_check_at=slot,
                checks=UptimeDay.checks + 1,
                healthy_checks=UptimeDay.healthy_checks + (1 if healthy else 0),
                healthy_seconds=UptimeDay.healthy_seconds + (interval_seconds if healthy else 0),
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
