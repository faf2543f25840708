"""Dashboard figures: the plan's stats (total, active, Tier 1) plus at-risk and launching this
month, the three charts' counts, and the sortable, paginated campaign table.

At risk is one rule, here, used both by the count and by the row badge: an open campaign that is
PAUSED, or still PLANNING when its launch is `AT_RISK_DAYS` away or already past. The rule is
shown on the page so nobody has to guess what the number means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, extract, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from mcc.campaigns.repository import CampaignRepository, in_scope
from mcc.campaigns.schemas import CampaignFilters, CampaignStatus
from mcc.models import Campaign
from mcc.teams.scope import Scope

AT_RISK_DAYS = 14
AT_RISK_RULE = f"Paused, or still planning with launch {AT_RISK_DAYS} days away or already past."
PAGE_SIZE = 20
MONTHS_SHOWN = 12
MONTHS_BEFORE = 3  # the launches chart starts this many months before the current one

SORTS: dict[str, ColumnElement[Any] | InstrumentedAttribute[Any]] = {
    "name": func.lower(Campaign.name),  # people expect "beta" between "Alpha" and "Gamma"
    "type": Campaign.type,
    "tier": Campaign.tier,
    "status": Campaign.status,
    "launch": Campaign.launch_date,
    "budget": Campaign.budget,
    "created": Campaign.created_at,
}


@dataclass(frozen=True)
class Summary:
    total: int
    active: int
    tier1: int
    at_risk: int
    launching_this_month: int


@dataclass(frozen=True)
class TablePage:
    rows: Sequence[Campaign]
    total: int
    page: int
    pages: int


def month_start(day: date, shift: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def is_at_risk(campaign: Campaign, today: date) -> bool:
    if campaign.status == CampaignStatus.PAUSED:
        return True
    return (
        campaign.status == CampaignStatus.PLANNING
        and campaign.launch_date is not None
        and campaign.launch_date <= today + timedelta(days=AT_RISK_DAYS)
    )


def _at_risk(today: date) -> ColumnElement[bool]:
    return or_(
        Campaign.status == CampaignStatus.PAUSED.value,
        and_(
            Campaign.status == CampaignStatus.PLANNING.value,
            Campaign.launch_date.is_not(None),
            Campaign.launch_date <= today + timedelta(days=AT_RISK_DAYS),
        ),
    )


class DashboardRepository:
    """The dashboard's counts and table; SQL for the page lives here, not in the web layer.

    Every figure counts only the campaigns `scope` sees (default: everything, the system's).
    """

    def __init__(self, session: AsyncSession, scope: Scope | None = None) -> None:
        self.session = session
        self.scope = scope or Scope.system()
        self.visible = in_scope(self.scope)

    async def summary(self, today: date) -> Summary:
        """All five figures in one query (one scan of the visible campaigns, not five)."""
        this_month, next_month = month_start(today), month_start(today, 1)
        launching = and_(Campaign.launch_date >= this_month, Campaign.launch_date < next_month)
        statement = select(
            func.count(),
            func.count().filter(Campaign.status == CampaignStatus.ACTIVE.value),
            func.count().filter(Campaign.tier == 1),
            func.count().filter(_at_risk(today)),
            func.count().filter(launching),
        )
        statement = statement.select_from(Campaign).where(self.visible)
        total, active, tier1, at_risk, launching_now = (await self.session.execute(statement)).one()
        return Summary(
            total=int(total), active=int(active), tier1=int(tier1), at_risk=int(at_risk),
            launching_this_month=int(launching_now),
        )  # fmt: skip

    async def by_status(self) -> dict[str, int]:
        statement = (
            select(Campaign.status, func.count()).where(self.visible).group_by(Campaign.status)
        )
        counts = {str(status): int(n) for status, n in await self.session.execute(statement)}
        return {status.value: counts.get(status.value, 0) for status in CampaignStatus}

    async def by_tier(self) -> dict[int, int]:
        statement = select(Campaign.tier, func.count()).where(self.visible).group_by(Campaign.tier)
        counts = {int(tier): int(n) for tier, n in await self.session.execute(statement)}
        return {tier: counts.get(tier, 0) for tier in (1, 2, 3)}

    async def launches_by_month(self, today: date) -> dict[date, int]:
        first = month_start(today, -MONTHS_BEFORE)
        end = month_start(first, MONTHS_SHOWN)
        year = extract("year", Campaign.launch_date)
        month = extract("month", Campaign.launch_date)
        statement = (
            select(year, month, func.count())
            .where(self.visible, Campaign.launch_date >= first, Campaign.launch_date < end)
            .group_by(year, month)
        )
        counts = {
            date(int(y), int(m), 1): int(n) for y, m, n in await self.session.execute(statement)
        }
        return {
            month_start(first, shift): counts.get(month_start(first, shift), 0)
            for shift in range(MONTHS_SHOWN)
        }

    async def table(
        self, filters: CampaignFilters, sort: str, descending: bool, page: int
    ) -> TablePage:
        filtered = CampaignRepository(self.session, self.scope).matching(
            filters
        )  # the API's exact filters
        total = int(
            await self.session.scalar(select(func.count()).select_from(filtered.subquery())) or 0
        )
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        column = SORTS.get(sort, SORTS["created"])
        order = column.desc().nulls_last() if descending else column.asc().nulls_last()
        tiebreak = Campaign.id.desc() if descending else Campaign.id.asc()
        statement = (
            filtered.order_by(order, tiebreak).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
        )
        rows = (await self.session.scalars(statement)).all()
        return TablePage(rows, total, page, pages)
