"""Campaign queries. SQL lives here; the service decides what to ask for."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import CampaignFilters
from mcc.exceptions import ValidationError
from mcc.models import Campaign, CampaignTask


def encode_cursor(campaign: Campaign) -> str:
    raw = json.dumps([campaign.created_at.isoformat(), str(campaign.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[datetime, uuid.UUID]:
    """Parse a `nextToken`; anything we did not issue is a validation error, not a 500."""
    try:
        padded = token + "=" * (-len(token) % 4)
        created_at, campaign_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        parsed = datetime.fromisoformat(created_at)
        if parsed.tzinfo is None:
            raise ValueError("naive timestamp")
        return parsed, uuid.UUID(campaign_id)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError, UnicodeDecodeError):
        raise ValidationError(
            "Invalid nextToken: pass the value a previous page returned",
            {"nextToken": "not a token this server issued"},
        ) from None


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, campaign: Campaign) -> Campaign:
        self.session.add(campaign)
        await self.session.flush()
        return campaign

    async def get(self, campaign_id: uuid.UUID) -> Campaign | None:
        return await self.session.get(Campaign, campaign_id)

    def matching(self, filters: CampaignFilters) -> Select[Campaign]:
        """The campaigns these filters select, unordered: one filter for every list and count."""
        statement = select(Campaign)
        if filters.status is not None:
            statement = statement.where(Campaign.status == filters.status.value)
        if filters.tier is not None:
            statement = statement.where(Campaign.tier == filters.tier)
        if filters.type is not None:
            statement = statement.where(Campaign.type == filters.type.value)
        if filters.search:
            pattern = f"%{_escape_like(filters.search)}%"
            statement = statement.where(Campaign.name.ilike(pattern, escape="\\"))
        return statement

    async def list_page(
        self, filters: CampaignFilters, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> Sequence[Campaign]:
        """Newest first; returns up to `limit + 1` rows so the caller knows if a page follows."""
        statement = self.matching(filters)
        if after is not None:
            created_at, campaign_id = after
            statement = statement.where(
                or_(
                    Campaign.created_at < created_at,
                    and_(Campaign.created_at == created_at, Campaign.id < campaign_id),
                )
            )
        statement = statement.order_by(Campaign.created_at.desc(), Campaign.id.desc()).limit(
            limit + 1
        )
        return (await self.session.scalars(statement)).all()

    async def count(self, filters: CampaignFilters) -> int:
        subquery = self.matching(filters).subquery()
        return int(await self.session.scalar(select(func.count()).select_from(subquery)) or 0)

    async def tasks_of(self, campaign_id: uuid.UUID) -> Sequence[CampaignTask]:
        """The campaign's plan, in its order."""
        statement = (
            select(CampaignTask)
            .where(CampaignTask.campaign_id == campaign_id)
            .order_by(CampaignTask.position)
        )
        return (await self.session.scalars(statement)).all()
