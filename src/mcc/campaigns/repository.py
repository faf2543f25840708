"""Campaign queries. SQL lives here; the service decides what to ask for."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import CampaignFilters
from mcc.exceptions import ValidationError
from mcc.models import Campaign, CampaignTask
from mcc.teams.scope import Scope

# An issued token is ~100 characters of URL-safe base64; anything longer or with other characters
# was not issued here, and is refused before it is decoded (a deeply nested JSON array would
# otherwise reach the parser: 5,000 levels raise RecursionError).
CURSOR_MAX = 200
_CURSOR_CHARS = re.compile(r"[A-Za-z0-9_-]+")


def encode_cursor(created_at: datetime, campaign_id: uuid.UUID) -> str:
    """The `nextToken` that continues a list after the campaign with this key."""
    raw = json.dumps([created_at.isoformat(), str(campaign_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid_cursor() -> ValidationError:
    return ValidationError(
        "Invalid nextToken: pass the value a previous page returned",
        {"nextToken": "not a token this server issued"},
    )


def decode_cursor(token: str) -> tuple[datetime, uuid.UUID]:
    """Parse a `nextToken`; anything we did not issue is a validation error, not a 500."""
    if len(token) > CURSOR_MAX or not _CURSOR_CHARS.fullmatch(token):
        raise _invalid_cursor()
    try:
        padded = token + "=" * (-len(token) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()))
        # Only the exact shape we issue: a JSON list of two strings.
        if not (isinstance(decoded, list) and len(decoded) == 2):
            raise ValueError("not a two-item list")
        created_at, campaign_id = decoded
        if not (isinstance(created_at, str) and isinstance(campaign_id, str)):
            raise ValueError("not two strings")
        parsed = datetime.fromisoformat(created_at)
        if parsed.tzinfo is None:
            raise ValueError("naive timestamp")
        # In UTC here, so an offset that pushes year 1 or 9999 out of range fails now, not
        # later inside the database driver.
        return parsed.astimezone(UTC), uuid.UUID(campaign_id)
    except (ValueError, TypeError, OverflowError, binascii.Error, RecursionError):
        # json.JSONDecodeError and UnicodeDecodeError are ValueErrors.
        raise _invalid_cursor() from None


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def in_scope(scope: Scope) -> ColumnElement[bool]:
    """The campaigns `scope` may see: the one condition every campaign query carries."""
    if scope.team_ids is None:
        return true()
    if not scope.team_ids:
        return false()
    return Campaign.team_id.in_(scope.team_ids)


class CampaignRepository:
    """Campaign queries, filtered by `scope` (default: the system's, which sees everything;
    every door that acts for a person passes theirs, see `mcc.teams.scope`)."""

    def __init__(self, session: AsyncSession, scope: Scope | None = None) -> None:
        self.session = session
        self.scope = scope or Scope.system()

    async def add(self, campaign: Campaign) -> Campaign:
        self.session.add(campaign)
        await self.session.flush()
        return campaign

    async def get(self, campaign_id: uuid.UUID) -> Campaign | None:
        """The campaign, or None when there is none or it is outside the scope."""
        campaign = await self.session.get(Campaign, campaign_id)
        return campaign if campaign is not None and self.scope.sees(campaign.team_id) else None

    def matching(self, filters: CampaignFilters) -> Select[Campaign]:
        """The campaigns these filters select, unordered: one filter for every list and count."""
        statement = select(Campaign).where(in_scope(self.scope))
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
        return (await self.session.scalars(self._page(filters, limit, after))).all()

    async def list_columns(
        self,
        filters: CampaignFilters,
        limit: int,
        after: tuple[datetime, uuid.UUID] | None,
        columns: Iterable[str],
    ) -> Sequence[Row[Any]]:
        """`list_page` reading only these columns (and `id`, `created_at` for the cursor), as
        plain rows: no entity hydration, identity map or unread columns for a list that shows
        three fields of fifty campaigns."""
        wanted = {"id", "created_at", *columns}
        selected = [getattr(Campaign, name) for name in sorted(wanted)]
        statement = self._page(filters, limit, after).with_only_columns(*selected)
        return (await self.session.execute(statement)).all()

    def _page(
        self, filters: CampaignFilters, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> Select[Campaign]:
        statement = self.matching(filters)
        if after is not None:
            created_at, campaign_id = after
            statement = statement.where(
                or_(
                    Campaign.created_at < created_at,
                    and_(Campaign.created_at == created_at, Campaign.id < campaign_id),
                )
            )
        return statement.order_by(Campaign.created_at.desc(), Campaign.id.desc()).limit(limit + 1)

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

    async def count_except_owner(self, owner: str) -> int:
        """Campaigns not owned by `owner` (an evaluation's own setup rows are left out)."""
        statement = select(func.count()).select_from(Campaign).where(Campaign.owner != owner)
        return int(await self.session.scalar(statement) or 0)

    async def by_remote_project(self, project_id: str) -> Campaign | None:
        """The campaign linked to this work-management project."""
        return await self.session.scalar(select(Campaign).where(Campaign.project_id == project_id))

    async def by_remote_projects(self, project_ids: Sequence[str]) -> dict[str, Campaign]:
        """The campaigns linked to these projects, by project id: one query for a batch."""
        statement = select(Campaign).where(Campaign.project_id.in_(project_ids))
        rows = await self.session.scalars(statement)
        return {row.project_id: row for row in rows if row.project_id}

    async def task_by_remote_id(self, remote_id: str) -> CampaignTask | None:
        """The plan step linked to this work-management task."""
        return await self.session.scalar(
            select(CampaignTask).where(CampaignTask.remote_id == remote_id)
        )

    async def last_task_position(self, campaign_id: uuid.UUID) -> int:
        """The position of the campaign's last plan step (0 for an empty plan)."""
        last = await self.session.scalar(
            select(func.max(CampaignTask.position)).where(CampaignTask.campaign_id == campaign_id)
        )
        return int(last or 0)
