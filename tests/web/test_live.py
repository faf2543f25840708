"""Live updates: the SSE feed and the GraphQL subscription see committed changes only."""

from __future__ import annotations

import asyncio
from typing import Any

from mcc.auth.schemas import AuthMethod, CurrentUser, Role
from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.graphql.context import Context
from mcc.graphql.schema import build_schema
from mcc.teams.scope import Scope
from mcc.validation import parse
from mcc.web.live import campaign_events
from tests.support.live import eventually_async

CREATE = {"name": "Live", "type": "email"}


async def test_the_feed_announces_committed_changes_not_rolled_back_ones(db: Database) -> None:
    events = campaign_events(db, Scope.system())
    ready = await anext(events)
    assert ready.event == "ready"
    try:
        async with db.write() as session:
            await CampaignService(session).create(parse(CampaignCreate, CREATE, what="c"))
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, CREATE, what="c"))
    event = await asyncio.wait_for(anext(events), timeout=5)
    assert event.event == "campaign"
    assert str(campaign.id) in str(event.data)
    assert '"kind": "created"' in str(event.data)
    await events.aclose()
    assert db.events.subscriber_count == 0


async def test_on_campaign_updated_subscription(db: Database, settings: Settings) -> None:
    async with db.write() as session:
        service = CampaignService(session)
        other = await service.create(parse(CampaignCreate, CREATE, what="c"))
        followed = await service.create(parse(CampaignCreate, CREATE, what="c"))
    user = CurrentUser(followed.id, "a@mcc.test", Role.ADMIN, AuthMethod.TOKEN)
    schema = build_schema(settings)
    query = f'subscription {{ onCampaignUpdated(campaignId: "{followed.id}") {{ name status }} }}'
    stream: Any = await schema.subscribe(query, context_value=Context(db, settings, user))
    first = asyncio.ensure_future(anext(stream))

    async def subscribed() -> bool:  # the resolver subscribes on its first step
        return db.events.subscriber_count > 0

    await eventually_async(subscribed, timeout=5, message="the subscription to start")
    async with db.write() as session:
        service = CampaignService(session)
        await service.update(other.id, CampaignUpdate(name="Not followed"))
        await service.update(followed.id, CampaignUpdate(status="ACTIVE"))
    result = await asyncio.wait_for(first, timeout=5)
    assert result.errors is None
    assert result.data == {"onCampaignUpdated": {"name": "Live", "status": "ACTIVE"}}
    await stream.aclose()
