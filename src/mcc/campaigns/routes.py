"""JSON endpoints for campaigns: a lean read path for scripts and the dashboard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from mcc.campaigns.schemas import CampaignFilters, parse_campaign_id
from mcc.campaigns.service import CampaignService
from mcc.dependencies import ReadSession
from mcc.models import Campaign
from mcc.validation import parse

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    return {
        "campaignId": str(campaign.id),
        "name": campaign.name,
        "type": campaign.type,
        "tier": campaign.tier,
        "tierReason": campaign.tier_reason,
        "status": campaign.status,
        "description": campaign.description,
        "targetAudience": campaign.target_audience,
        "objective": campaign.objective,
        "budget": None if campaign.budget is None else str(campaign.budget),
        "currency": campaign.currency,
        "launchDate": campaign.launch_date.isoformat() if campaign.launch_date else None,
        "endDate": campaign.end_date.isoformat() if campaign.end_date else None,
        "channels": list(campaign.channels),
        "owner": campaign.owner,
        "workfrontProjectId": campaign.workfront_project_id,
        "workfrontUrl": campaign.workfront_url,
        "workfrontStatus": campaign.workfront_status,
        "percentComplete": campaign.percent_complete,
        "lastSyncedAt": campaign.last_synced_at.isoformat() if campaign.last_synced_at else None,
        "version": campaign.version,
        "createdAt": campaign.created_at.isoformat(),
        "updatedAt": campaign.updated_at.isoformat(),
    }


@router.get("")
async def list_campaigns(
    session: ReadSession,
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
    page = await CampaignService(session).list(filters, limit=limit, next_token=next_token)
    return {"items": [campaign_json(c) for c in page.items], "nextToken": page.next_token}


@router.get("/{campaign_id}")
async def get_campaign(session: ReadSession, campaign_id: str) -> dict[str, Any]:
    campaign = await CampaignService(session).get(parse_campaign_id(campaign_id))
    return campaign_json(campaign)
