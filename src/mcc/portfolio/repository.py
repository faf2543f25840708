"""The portfolio's queries: the few columns the checks compare, for every team.

Not filtered by scope on purpose: a collision with another team's campaign is real and worth a
warning. The checks (`mcc.portfolio.checks`) decide what the caller may be told about it (a count,
never a name).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import CampaignStatus
from mcc.models import Campaign

# Campaigns that will not launch (or are over) neither collide nor count against a budget.
CLOSED = (
    CampaignStatus.CANCELLED.value,
    CampaignStatus.COMPLETED.value,
    CampaignStatus.REJECTED.value,
)
RUNNING = CampaignStatus.ACTIVE.value


@dataclass(frozen=True)
class Entry:
    """One campaign as the portfolio sees it."""

    id: uuid.UUID
    name: str
    team_id: uuid.UUID | None
    status: str
    target_audience: str | None
    channels: tuple[str, ...]
    launch_date: date | None
    budget: Decimal | None
    currency: str | None


_COLUMNS = (
    Campaign.id,
    Campaign.name,
    Campaign.team_id,
    Campaign.status,
    Campaign.target_audience,
    Campaign.channels,
    Campaign.launch_date,
    Campaign.budget,
    Campaign.currency,
)


class PortfolioRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_ids(self, ids: Iterable[uuid.UUID]) -> Sequence[Entry]:
        """These campaigns, in one statement (a page of 50 is one query, not 50)."""
        wanted = list(set(ids))
        if not wanted:
            return []
        rows = (await self.session.execute(select(*_COLUMNS).where(Campaign.id.in_(wanted)))).all()
        return [_entry(row) for row in rows]

    async def open_or_running(self, start: date, end: date) -> Sequence[Entry]:
        """Open campaigns launching in [start, end], and every running campaign."""
        statement = select(*_COLUMNS).where(
            or_(
                Campaign.launch_date.between(start, end) & Campaign.status.not_in(CLOSED),
                Campaign.status == RUNNING,
            )
        )
        rows = (await self.session.execute(statement)).all()
        return [_entry(row) for row in rows]


def _entry(row: Any) -> Entry:  # a row of `_COLUMNS`
    return Entry(
        row.id,
        row.name,
        row.team_id,
        row.status,
        row.target_audience,
        tuple(row.channels or ()),
        row.launch_date,
        row.budget,
        row.currency,
    )
