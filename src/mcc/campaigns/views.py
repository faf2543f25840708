"""The JSON view of a campaign, shared by the REST routes and `mcc campaigns --json`.

One function so that a script reading `/api/campaigns` and one reading the CLI see the same
field names and formats (camelCase, money as a string, dates as ISO text).
"""

from __future__ import annotations

from typing import Any

from mcc.models import Campaign


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
        "projectId": campaign.project_id,
        "projectUrl": campaign.project_url,
        "projectStatus": campaign.project_status,
        # The plan's names, kept for its scripts whatever the work-management backend.
        "workfrontProjectId": campaign.project_id,
        "workfrontUrl": campaign.project_url,
        "workfrontStatus": campaign.project_status,
        "percentComplete": campaign.percent_complete,
        "lastSyncedAt": campaign.last_synced_at.isoformat() if campaign.last_synced_at else None,
        "version": campaign.version,
        "createdAt": campaign.created_at.isoformat(),
        "updatedAt": campaign.updated_at.isoformat(),
    }
