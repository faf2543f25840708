"""The pilot report's reads: every row it needs, for one period and one reader's scope, in one
read unit of work.

What a scope covers (a report is never wider than what its reader may see elsewhere):

- campaign figures (timings, sync events): the campaigns of the scope's teams, by the same
  condition as every campaign list (`mcc.campaigns.repository.in_scope`); a sync event recorded
  before events named their campaign belongs to no team, so only the whole organisation sees it;
- survey answers and answer ratings: those of people who share a team with the reader (current
  membership, matched by account id), and always the reader's own; a reader in no team sees only
  their own; answers imported for addresses that are no account count for the whole
  organisation only;
- uptime is the deployment's, the same for everyone.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from mcc.campaigns.repository import in_scope
from mcc.models import (
    Campaign,
    CampaignTiming,
    MessageRating,
    SurveyResponse,
    SyncTiming,
    Team,
    TeamMember,
    UptimeDay,
)
from mcc.teams.scope import Scope


class ReportRepository:
    def __init__(self, session: AsyncSession, scope: Scope | None = None) -> None:
        self.session = session
        self.scope = scope or Scope.system()

    def _by_people(self, column: InstrumentedAttribute[uuid.UUID | None]) -> ColumnElement[bool]:
        """Rows written by someone `scope` may hear from: a teammate or the reader themself,
        by account id (an address change or a reused address moves nothing)."""
        if self.scope.team_ids is None:
            return true()
        allowed: list[ColumnElement[bool]] = []
        if self.scope.team_ids:
            teammates = select(TeamMember.user_id).where(
                TeamMember.team_id.in_(self.scope.team_ids)
            )
            allowed.append(column.in_(teammates))
        if self.scope.user_id is not None:
            allowed.append(column == self.scope.user_id)
        return or_(*allowed) if allowed else false()

    async def team_names(self) -> list[str]:
        """The names of the scope's teams, sorted (none for a scope that sees everything)."""
        if not self.scope.team_ids:
            return []
        statement = select(Team.name).where(Team.id.in_(self.scope.team_ids)).order_by(Team.name)
        return list((await self.session.scalars(statement)).all())

    async def campaign_timings(
        self, start: datetime | None, end: datetime
    ) -> Sequence[CampaignTiming]:
        """Campaigns of the scope confirmed in [start, end), oldest first."""
        statement = select(CampaignTiming).where(CampaignTiming.confirmed_at < end)
        if not self.scope.sees_everything:
            statement = statement.join(Campaign, Campaign.id == CampaignTiming.campaign_id).where(
                in_scope(self.scope)
            )
        if start is not None:
            statement = statement.where(CampaignTiming.confirmed_at >= start)
        statement = statement.order_by(CampaignTiming.confirmed_at, CampaignTiming.campaign_id)
        return (await self.session.scalars(statement)).all()

    async def sync_latencies(
        self, start: datetime | None, end: datetime
    ) -> list[tuple[datetime, float]]:
        """(applied at, seconds) of the events that changed a campaign of the scope, applied in
        [start, end), oldest first."""
        statement = select(SyncTiming.applied_at, SyncTiming.seconds).where(
            SyncTiming.applied_at < end
        )
        if not self.scope.sees_everything:
            statement = statement.join(Campaign, Campaign.id == SyncTiming.campaign_id).where(
                in_scope(self.scope)
            )
        if start is not None:
            statement = statement.where(SyncTiming.applied_at >= start)
        statement = statement.order_by(SyncTiming.applied_at, SyncTiming.event_id)
        return [(row[0], float(row[1])) for row in (await self.session.execute(statement)).all()]

    async def surveys(self, first_week: str | None, last_week: str) -> Sequence[SurveyResponse]:
        """Responses the scope may see for the ISO weeks first_week..last_week ("2026-W49": they
        sort as text)."""
        statement = select(SurveyResponse).where(
            SurveyResponse.week <= last_week, self._by_people(SurveyResponse.user_id)
        )
        if first_week is not None:
            statement = statement.where(SurveyResponse.week >= first_week)
        statement = statement.order_by(SurveyResponse.week, SurveyResponse.respondent)
        return (await self.session.scalars(statement)).all()

    async def ratings(self, start: datetime | None, end: datetime) -> list[tuple[str, bool]]:
        """(verdict, whether the answer cited sources) of the ratings the scope may see, given
        in [start, end)."""
        statement = select(MessageRating.rating, MessageRating.cited).where(
            MessageRating.updated_at < end, self._by_people(MessageRating.user_id)
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
