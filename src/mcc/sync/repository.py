"""Queries the sync needs beyond the campaigns' own: linked tasks, tombstones, watermarks,
stored secrets."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Campaign, CampaignTask, SyncSecret, SyncState, TaskTombstone


class SyncRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def linked_tasks(self) -> dict[str, set[str]]:
        """Remote project id → remote ids of our tasks in it (tasks known to the backend)."""
        statement = (
            select(Campaign.project_id, CampaignTask.remote_id)
            .join(CampaignTask, CampaignTask.campaign_id == Campaign.id)
            .where(Campaign.project_id.is_not(None), CampaignTask.remote_id.is_not(None))
        )
        linked: dict[str, set[str]] = defaultdict(set)
        for project_id, remote_id in await self.session.execute(statement):
            linked[str(project_id)].add(str(remote_id))
        return dict(linked)

    async def prune_tombstones(self, recorded_before: datetime) -> int:
        """Forget deletions older than any delivery can be late (Workfront retries for hours)."""
        result = await self.session.execute(
            delete(TaskTombstone).where(TaskTombstone.recorded_at < recorded_before)
        )
        return int(getattr(result, "rowcount", 0))

    async def watermarks(self) -> dict[str, str]:
        """Every named value the sync keeps between runs (the reconciler's watermarks), by key."""
        rows = await self.session.scalars(select(SyncState).order_by(SyncState.key))
        return {row.key: row.value for row in rows}

    async def get_secret(self, key: str) -> SyncSecret | None:
        return await self.session.get(SyncSecret, key)

    async def put_secret(self, key: str, ciphertext: str, seed_digest: str) -> None:
        row = await self.session.get(SyncSecret, key)
        if row is None:
            self.session.add(SyncSecret(key=key, ciphertext=ciphertext, seed_digest=seed_digest))
        else:
            row.ciphertext, row.seed_digest = ciphertext, seed_digest
