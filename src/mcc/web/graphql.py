"""The plan's `onCampaignUpdated` subscription (graphql-transport-ws over WebSocket).

It lives with the web UI's live feed: both are fed by the same `EventBus`, so a change from chat,
the API or a Workfront webhook reaches the dashboard and GraphQL subscribers alike. Each event
reloads the campaign after its commit; one deleted meanwhile is skipped rather than sent as null.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from mcc.campaigns.graphql import CampaignType
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import parse_campaign_id
from mcc.graphql.context import Info


@strawberry.type
class CampaignSubscription:
    @strawberry.subscription(
        description="Every campaign change after it is committed; pass campaignId to follow one."
    )
    async def on_campaign_updated(
        self, info: Info, campaign_id: strawberry.ID | None = None
    ) -> AsyncGenerator[CampaignType, None]:
        wanted = parse_campaign_id(campaign_id) if campaign_id is not None else None
        database = info.context.db
        async with database.events.subscribe() as events:
            async for event in events:
                if wanted is not None and event.campaign_id != wanted:
                    continue
                async with database.read() as session:
                    campaign = await CampaignRepository(session).get(event.campaign_id)
                    if campaign is not None:
                        yield CampaignType.from_model(campaign)
