"""The reconciler: repair what webhooks missed by reading what changed since the last run.

Webhooks are at-least-once and can be lost (receiver down, subscription disabled), so every
`MCC_RECONCILE_SECONDS` we ask the backend for projects changed since a watermark (minus an
overlap for clock skew) and apply them through the same stale-safe path as events.

Deletions leave nothing to find in a "changed since" query, so each run also compares every
linked project's task list with ours and removes (and tombstones) the tasks that are gone.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mcc.db import Database
from mcc.integrations.workmgmt import WorkManagement, WorkManagementError
from mcc.logging import get_logger
from mcc.models import SyncState
from mcc.models.base import utcnow
from mcc.sync.apply import apply_project, apply_task, forget_task
from mcc.sync.repository import SyncRepository

log = get_logger(__name__)
WATERMARK_KEY = "reconcile.watermark"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
TOMBSTONE_DAYS = 30  # far longer than Workfront keeps retrying a delivery


@dataclass(frozen=True)
class ReconcileReport:
    seen: int
    repaired: int
    watermark: datetime
    removed: int = 0  # tasks deleted in the backend, removed from their campaign


class Reconciler:
    def __init__(
        self,
        db: Database,
        backend: WorkManagement,
        *,
        interval_seconds: float = 60.0,
        overlap: timedelta = timedelta(minutes=2),
    ) -> None:
        self.db = db
        self.backend = backend
        self.interval_seconds = interval_seconds
        self.overlap = overlap
        self._base = f"{backend.name}.{WATERMARK_KEY}"

    async def watermark(self, kind: str = "projects") -> datetime:
        async with self.db.read() as session:
            row = await session.get(SyncState, self._key(kind))
            return datetime.fromisoformat(row.value) if row else EPOCH

    def _key(self, kind: str) -> str:
        # Projects keep the original key, so existing installations keep their watermark.
        return self._base if kind == "projects" else f"{self._base}.{kind}"

    async def _save(self, kind: str, value: datetime) -> None:
        async with self.db.write() as session:
            row = await session.get(SyncState, self._key(kind))
            if row is None:
                session.add(SyncState(key=self._key(kind), value=value.isoformat()))
            else:
                row.value = value.isoformat()

    async def run_once(self) -> ReconcileReport:
        since = await self.watermark()
        newest, seen, repaired = since, 0, 0
        async for project in self.backend.projects_changed_since(since - self.overlap):
            seen += 1
            newest = max(newest, project.updated_at)
            async with self.db.write() as session:
                if await apply_project(session, project, source="reconciler") is not None:
                    repaired += 1
        await self._save("projects", newest)
        tasks_since = await self.watermark("tasks")
        newest_task = tasks_since
        async for task in self.backend.tasks_changed_since(tasks_since - self.overlap):
            seen += 1
            newest_task = max(newest_task, task.updated_at)
            async with self.db.write() as session:
                if await apply_task(session, task, source="reconciler") is not None:
                    repaired += 1
        await self._save("tasks", newest_task)
        removed = await self.remove_deleted_tasks()
        async with self.db.write() as session:
            cutoff = utcnow() - timedelta(days=TOMBSTONE_DAYS)
            await SyncRepository(session).prune_tombstones(cutoff)
        log.info("reconcile.done", seen=seen, repaired=repaired, removed=removed,
                 watermark=newest.isoformat())  # fmt: skip
        return ReconcileReport(seen, repaired, newest, removed)

    async def remove_deleted_tasks(self) -> int:
        """Remove our tasks whose remote task no longer exists in its project.

        The remote list is read with no transaction open; each removal is its own short write.
        A project whose list cannot be read is skipped (the next run tries again), so a failed
        read never removes anything.
        """
        async with self.db.read() as session:
            linked = await SyncRepository(session).linked_tasks()
        removed = 0
        for project_id, ours in linked.items():
            try:
                remote = {task.id for task in await self.backend.list_tasks(project_id)}
            except WorkManagementError as error:
                log.warning("reconcile.tasks_unreadable", project_id=project_id,
                            error=error.message)  # fmt: skip
                continue
            for remote_id in sorted(ours - remote):
                async with self.db.write() as session:
                    if await forget_task(session, remote_id, utcnow(), source="reconciler"):
                        removed += 1
        return removed

    async def run(self) -> None:
        while True:
            try:
                await self.run_once()
            except WorkManagementError as error:
                log.warning("reconcile.failed", error=error.message)
            except Exception:  # the next run may succeed; never let the loop die
                log.exception("reconcile.crashed")
            await asyncio.sleep(self.interval_seconds)
