"""The exact preview of a campaign: the requests its project's creation will send, computed by
`mcc.sync.payload.exact_requests`, the function that also fills the outbox row."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.service import CampaignService
from mcc.sync.payload import exact_requests
from mcc.teams.scope import Scope


async def campaign_requests(
    session: AsyncSession, scope: Scope, campaign_id: uuid.UUID
) -> dict[str, Any]:
    """For a campaign the scope sees (else NOT_FOUND), as it is now."""
    service = CampaignService(session, scope)
    campaign = await service.get(campaign_id)
    tasks = await service.repository.tasks_of(campaign.id)
    return exact_requests(campaign, list(tasks))
