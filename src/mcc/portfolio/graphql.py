"""Portfolio warnings in GraphQL: `Campaign.portfolioWarnings` and `Draft.portfolioWarnings`.

The same checks as the campaign page, the chat preview and /calendar (`mcc.portfolio.checks`),
scoped the same way: a campaign of another team is counted in the message, never named, and its
id is never given.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from datetime import date

import strawberry
from strawberry.dataloader import DataLoader

from mcc.graphql.context import Info
from mcc.portfolio.checks import Candidate, Portfolio, PortfolioWarning
from mcc.portfolio.repository import CLOSED, Entry, PortfolioRepository
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope


@strawberry.type(name="PortfolioWarning")
class PortfolioWarningNode:
    kind: str = strawberry.field(
        description="launch_collision, audience_overlap or quarter_budget."
    )
    message: str
    campaign_id: strawberry.ID | None = strawberry.field(
        description="The other campaign, when you may see it; null for another team's."
    )
    campaign_name: str | None
    count: int = strawberry.field(
        default=1,
        description="How many campaigns this warning stands for: 1 for a named one; for a grouped "
        'line ("And 397 more campaigns …", or other teams\' campaigns) how many it counts.',
    )

    @classmethod
    def of(cls, warning: PortfolioWarning) -> PortfolioWarningNode:
        return cls.from_json(warning.as_json())

    @classmethod
    def from_json(cls, value: Mapping[str, str | int | None]) -> PortfolioWarningNode:
        """From `PortfolioWarning.as_json`, the form a draft keeps (older drafts: no count)."""
        other, name, count = value.get("campaignId"), value.get("campaignName"), value.get("count")
        return cls(
            kind=str(value.get("kind") or ""),
            message=str(value.get("message") or ""),
            campaign_id=strawberry.ID(str(other)) if other else None,
            campaign_name=str(name) if name is not None else None,
            count=count if isinstance(count, int) else 1,
        )


Warnings = list[PortfolioWarningNode]
_LOADER = "_portfolio_warnings_loader"


async def campaign_warnings(info: Info, campaign_id: uuid.UUID) -> Warnings:
    """The warnings about a saved campaign the caller sees, as the caller may read them.

    Batched per request: a `listCampaigns` asking for every item's warnings makes one read that
    loads the portfolio once (as /calendar does for a month), not one per item at once."""
    loader: DataLoader[uuid.UUID, Warnings] | None = getattr(info.context, _LOADER, None)
    if loader is None:

        async def load(ids: list[uuid.UUID]) -> list[Warnings]:
            return await _warnings_of(info, ids)

        loader = DataLoader(load_fn=load)
        setattr(info.context, _LOADER, loader)
    return await loader.load(campaign_id)


async def _warnings_of(info: Info, ids: list[uuid.UUID]) -> list[Warnings]:
    """Two statements for the whole batch (the page's campaigns, then the portfolio around
    them), whatever the number of collisions; the checks then run in a worker thread."""
    scope, settings = info.context.scope, PortfolioSettings.of(info.context.settings)
    async with info.context.read() as session:
        found = await PortfolioRepository(session).of_ids(ids)
        # A closed campaign has no warnings; one the caller cannot see has none to show.
        checked = [e for e in found if scope.sees(e.team_id) and e.status not in CLOSED]
        days = [e.launch_date or date.today() for e in checked]
        portfolio = await Portfolio.load(session, settings, min(days), max(days)) if days else None
    if portfolio is None:
        return [[] for _ in ids]
    results = await asyncio.to_thread(_check_all, portfolio, checked, scope)
    return [results.get(campaign_id, []) for campaign_id in ids]


def _check_all(
    portfolio: Portfolio, entries: list[Entry], scope: Scope
) -> dict[uuid.UUID, Warnings]:
    return {
        entry.id: [
            PortfolioWarningNode.of(w) for w in portfolio.check(Candidate.of_entry(entry), scope)
        ]
        for entry in entries
    }
