"""The pilot report's reads: every row it needs, for one period, in one read unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import CampaignTiming, MessageRating, SurveyResponse, SyncTiming, UptimeDay


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def campaign_timings(
        self, start: datetime | None, end: datetime
    ) -> Sequence[CampaignTiming]:
        """Campaigns confirmed in [start, end), oldest first."""
        statement = select(CampaignTiming).where(CampaignTiming.confirmed_at < end)
        if start is not None:
            statement = statement.where(CampaignTiming.confirmed_at >= start)
        statement = statement.order_by(CampaignTiming.confirmed_at, CampaignTiming.campaign_id)
        return (await self.session.scalars(statement)).all()

    async def sync_latencies(
        self, start: datetime | None, end: datetime
    ) -> list[tuple[datetime, float]]:
        """(applied at, seconds) of the events applied in [start, end), oldest first."""
        statement = select(SyncTiming.applied_at, SyncTiming.seconds).where(
            SyncTiming.applied_at < end
        )
        if start is not None:
            statement = statement.where(SyncTiming.applied_at >= start)
        statement = statement.order_by(SyncTiming.applied_at, SyncTiming.event_id)
        return [(row[0], float(row[1])) for row in (await self.session.execute(statement)).all()]

    async def surveys(self, first_week: str | None, last_week: str) -> Sequence[SurveyResponse]:
        """Responses for the ISO weeks first_week..last_week ("2026-W49": they sort as text)."""
        statement = select(SurveyResponse).where(SurveyResponse.week <= last_week)
        if first_week is not None:
            statement = statement.where(SurveyResponse.week >= first_week)
        statement = statement.order_by(SurveyResponse.week, SurveyResponse.respondent)
        return (await self.session.scalars(statement)).all()

    async def ratings(self, start: datetime | None, end: datetime) -> list[tuple[str, bool]]:
        """(verdict, whether the answer cited sources) of the ratings given in [start, end)."""
        statement = select(MessageRating.rating, MessageRating.cited).where(
            MessageRating.updated_at < end
        )
        if start is not None:
            statement = statement.where(MessageRating.updated_at >= start)
        return [(row[0], bool(row[1])) for row in (await self.session.execute(statement)).all()]

    async def first_check_at(self) -> datetime | None:
        """The first health check ever recorded: the deployment's start, for availability."""
        value: datetime | None = await self.session.scalar(
            select(func.min(UptimeDay.first_check_at))
        )
        return value

    async def uptime_days(self, first: date, last: date) -> Sequence[UptimeDay]:
        statement = (
            select(UptimeDay)
            .where(UptimeDay.day >= first, UptimeDay.day <= last)
            .order_by(UptimeDay.day)
        )
        return (await self.session.scalars(statement)).all()
