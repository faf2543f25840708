"""Server-sent events: the dashboard's "a campaign changed" feed.

Each browser holds one stream; an event only says which campaign changed, and the page reloads
what it shows through its ordinary htmx route, so the feed never duplicates rendering or
permissions. The first event (`ready`) tells the page it is subscribed; after a reconnect it
reloads once, in case it missed changes while away.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from mcc.auth.deps import CurrentUserDep
from mcc.db import Database
from mcc.events import EventBus

router = APIRouter()
PING_SECONDS = 15


async def campaign_events(bus: EventBus) -> AsyncGenerator[ServerSentEvent, None]:
    async with bus.subscribe() as events:
        yield ServerSentEvent(event="ready", data="{}")
        async for event in events:
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
        campaign_events(database.events),
        ping=PING_SECONDS,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
