"""Portfolio warnings in GraphQL: `Campaign.portfolioWarnings` and `Draft.portfolioWarnings`.

The same checks as the campaign page, the chat preview and /calendar (`mcc.portfolio.checks`),
scoped the same way: a campaign of another team is counted in the message, never named, and its
id is never given.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

import strawberry
from strawberry.dataloader import DataLoader

from mcc.campaigns.repository import CampaignRepository
from mcc.graphql.context import Info
from mcc.portfolio.checks import Candidate, Portfolio, PortfolioWarning
from mcc.portfolio.repository import CLOSED
from mcc.portfolio.settings import PortfolioSettings


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

    @classmethod
    def of(cls, warning: PortfolioWarning) -> PortfolioWarningNode:
        return cls.from_json(warning.as_json())

    @classmethod
    def from_json(cls, value: Mapping[str, str | None]) -> PortfolioWarningNode:
        """From `PortfolioWarning.as_json`, the form a draft keeps."""
        other = value.get("campaignId")
        return cls(
            kind=str(value.get("kind") or ""),
            message=str(value.get("message") or ""),
            campaign_id=strawberry.ID(other) if other else None,
            campaign_name=value.get("campaignName"),
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
    scope, settings = info.context.scope, PortfolioSettings.of(info.context.settings)
    async with info.context.read() as session:
        repository = CampaignRepository(session, scope)
        found = {campaign_id: await repository.get(campaign_id) for campaign_id in set(ids)}
        # A closed campaign has no warnings; one the caller cannot see has none to show.
        checked = [c for c in found.values() if c is not None and c.status not in CLOSED]
        days = [c.launch_date or date.today() for c in checked]
        portfolio = await Portfolio.load(session, settings, min(days), max(days)) if days else None
    results: dict[uuid.UUID, Warnings] = {}
    for campaign in checked:
        assert portfolio is not None
        warnings = portfolio.check(Candidate.of(campaign), scope)
        results[campaign.id] = [PortfolioWarningNode.of(warning) for warning in warnings]
    return [results.get(campaign_id, []) for campaign_id in ids]
