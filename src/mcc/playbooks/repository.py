"""Queries for the rules: which knowledge documents define them, and the open campaigns to
re-check when they change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import CampaignStatus
from mcc.models import Campaign, CampaignTask, KnowledgeDocument

_FINAL = (CampaignStatus.COMPLETED.value, CampaignStatus.CANCELLED.value)


class PlaybookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def documents(self) -> Sequence[Row[str, int, str, str, datetime]]:
        """(key, version, title, content_hash, updated_at) of every document: no text is read,
        so it is cheap enough for every request; texts are read only for versions not seen."""
        statement = select(
            KnowledgeDocument.key, KnowledgeDocument.version, KnowledgeDocument.title,
            KnowledgeDocument.content_hash, KnowledgeDocument.updated_at,
        )  # fmt: skip
        return (await self.session.execute(statement)).all()

    async def rule_texts(self, keys: Sequence[str]) -> Sequence[Row[Any]]:
        """(key, text, meta) of those of these documents that may define a rule."""
        statement = select(
            KnowledgeDocument.key, KnowledgeDocument.text, KnowledgeDocument.meta
        ).where(
            KnowledgeDocument.key.in_(keys),
            or_(KnowledgeDocument.text.contains("tier-policy"),
                KnowledgeDocument.text.contains("Task Checklist")),
        )  # fmt: skip
        return (await self.session.execute(statement)).all()

    async def open_campaigns(self) -> Sequence[Campaign]:
        statement = (
            select(Campaign)
            .where(Campaign.status.not_in(_FINAL))
            .order_by(Campaign.created_at, Campaign.id)
        )
        return (await self.session.scalars(statement)).all()

    async def open_campaign(self, campaign_id: Any) -> Campaign | None:
        statement = select(Campaign).where(
            Campaign.id == campaign_id, Campaign.status.not_in(_FINAL)
        )
        return await self.session.scalar(statement)

    async def tasks_by_campaign(self, ids: Sequence[Any]) -> dict[Any, list[CampaignTask]]:
        found: dict[Any, list[CampaignTask]] = {campaign_id: [] for campaign_id in ids}
        if not ids:
            return found
        statement = (
            select(CampaignTask)
            .where(CampaignTask.campaign_id.in_(ids))
            .order_by(CampaignTask.campaign_id, CampaignTask.position)
        )
        for task in await self.session.scalars(statement):
            found[task.campaign_id].append(task)
        return found

    async def replace_tasks(
        self, campaign_id: Any, tasks: Sequence[tuple[str, str | None, Any, Any]]
    ) -> None:
        """The plan's tasks become `tasks` (name, owner role, start, due): those already in the
        work-management system stay (they are people's work there), the others are replaced."""
        statement = select(CampaignTask).where(CampaignTask.campaign_id == campaign_id)
        kept: dict[str, int] = {}
        for task in await self.session.scalars(statement):
            if task.remote_id is None:
                await self.session.delete(task)
            else:
                kept[task.name] = task.position
        await self.session.flush()
        position = max(kept.values(), default=0)
        for name, owner_role, start, due in tasks:
            if name in kept:
                continue
            position += 1
            self.session.add(
                CampaignTask(campaign_id=campaign_id, position=position, name=name,
                             owner_role=owner_role, planned_start=start, planned_due=due)
            )  # fmt: skip
