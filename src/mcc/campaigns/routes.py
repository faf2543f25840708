"""JSON endpoints for campaigns: a lean read path for scripts and the dashboard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.schemas import CampaignFilters, parse_campaign_id
from mcc.campaigns.service import CampaignService
from mcc.campaigns.views import campaign_json
from mcc.dependencies import ReadSession
from mcc.teams.scope import Scope
from mcc.validation import parse

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


@router.get("")
async def list_campaigns(
    session: ReadSession,
    user: CurrentUserDep,
    limit: Annotated[int | None, Query()] = None,
    next_token: Annotated[str | None, Query(alias="nextToken")] = None,
    status: str | None = None,
    tier: int | None = None,
    type: str | None = None,
    search: str | None = None,
) -> dict[str, Any]:
    filters = parse(
        CampaignFilters,
        {"status": status, "tier": tier, "type": type, "search": search},
        what="filter",
    )
    page = await CampaignService(session, Scope.of(user)).list(
        filters, limit=limit, next_token=next_token
    )
    return {"items": [campaign_json(c) for c in page.items], "nextToken": page.next_token}


@router.get("/{campaign_id}")
async def get_campaign(
    session: ReadSession, user: CurrentUserDep, campaign_id: str
) -> dict[str, Any]:
    campaign = await CampaignService(session, Scope.of(user)).get(parse_campaign_id(campaign_id))
    return campaign_json(campaign)
