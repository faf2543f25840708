"""Server-sent events: the dashboard's "a campaign changed" feed.

Each browser holds one stream; an event only says which campaign changed, and the page reloads
what it shows through its ordinary htmx route, so the feed never duplicates rendering or
permissions. Each listener gets only the events of campaigns it may see (its teams'), so the
feed does not even reveal that a campaign elsewhere exists. The first event (`ready`) tells the
page it is subscribed; after a reconnect it reloads once, in case it missed changes while away.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.repository import CampaignRepository
from mcc.db import Database
from mcc.events import CampaignChanged
from mcc.teams.scope import Scope

router = APIRouter()
PING_SECONDS = 15


async def visible(database: Database, scope: Scope, event: CampaignChanged) -> bool:
    """Whether `scope` may hear of this change: one short read per event, skipped for admins."""
    if scope.sees_everything:
        return True
    async with database.read() as session:
        return await CampaignRepository(session, scope).get(event.campaign_id) is not None


async def campaign_events(
    database: Database, scope: Scope
) -> AsyncGenerator[ServerSentEvent, None]:
    async with database.events.subscribe() as events:
        yield ServerSentEvent(event="ready", data="{}")
        async for event in events:
            if not await visible(database, scope, event):
                continue
            data = {
                "campaignId": str(event.campaign_id),
                "kind": event.kind,
                "fields": list(event.fields),
                "source": event.source,
            }
            yield ServerSentEvent(event="campaign", data=json.dumps(data))


@router.get("/events/campaigns")
async def campaign_stream(request: Request, user: CurrentUserDep) -> EventSourceResponse:
    database: Database = request.app.state.db
    return EventSourceResponse(
        campaign_events(database, Scope.of(user)),
        ping=PING_SECONDS,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
