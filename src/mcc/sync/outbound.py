"""Outbox handlers: create a campaign's project and tasks, push user changes to the project.

Both are idempotent. Creation looks for the project by `extRefID` (our campaign id) before
creating it, and creates only the tasks the project lacks, so a retry after a crash at any
point leaves exactly one project with one copy of each task.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.approvals.service import ADD_NOTE
from mcc.campaigns.owned import owned_changed
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import CampaignStatus
from mcc.campaigns.service import CREATE_PROJECT, UPDATE_PROJECT
from mcc.db import Database
from mcc.events import CampaignChanged, record
from mcc.integrations.workmgmt import (
    ExecutionStatus,
    ProjectChanges,
    ProjectSpec,
    RemoteProject,
    TechnicalError,
    WorkManagement,
)
from mcc.models import Campaign, OutboxMessage
from mcc.outbox.worker import Handler
from mcc.pilot import recording as pilot
from mcc.sync import conflicts
from mcc.sync.apply import apply_project
from mcc.sync.payload import project_spec, strategy
from mcc.sync.statuses import CAMPAIGN_STATUS, EXECUTION_STATUS


class ProjectSync:
    def __init__(self, db: Database, backend: WorkManagement) -> None:
        self.db = db
        self.backend = backend

    def handlers(self) -> Mapping[str, Handler]:
        return {CREATE_PROJECT: self.create_project, UPDATE_PROJECT: self.update_project,
                ADD_NOTE: self.add_note}  # fmt: skip

    async def add_note(self, message: OutboxMessage) -> str:
        """An approval decision, as a note on the project (after the project exists)."""
        async with self.db.read() as session:
            campaign = await session.get(Campaign, uuid.UUID(message.aggregate_id))
            project_id = None if campaign is None else campaign.project_id
        if campaign is None:
            return "campaign no longer exists; no note to add"
        if project_id is None:
            raise TechnicalError("the project is not created yet")
        note_id = await self.backend.add_note(project_id, str(message.payload.get("text", "")))
        return f"note {note_id} on project {project_id}"

    async def create_project(self, message: OutboxMessage) -> str:
        campaign_id = uuid.UUID(message.aggregate_id)
        async with self.db.write() as session:
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None:
                return f"campaign {campaign_id} no longer exists; nothing to create"
            tasks = await CampaignRepository(session).tasks_of(campaign_id)
            # The campaign as it is now, by the function that made the payload and the preview.
            spec = project_spec(campaign, list(tasks))
            linked = campaign.project_id
        project = await self._find_or_create(spec, linked)
        existing = {task.name: task for task in await self.backend.list_tasks(project.id)}
        missing = [task for task in spec.tasks if task.name not in existing]
        for created in await self.backend.create_tasks(project.id, missing):
            existing[created.name] = created
        # The project as it is now, not as its creation answered: a person may have edited it
        # while the tasks were being made, and that edit must become a conflict, not vanish.
        project = await self.backend.get_project(project.id)
        async with self.db.write() as session:
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None:
                return f"campaign {campaign_id} deleted while its project {project.id} was created"
            # Links the project and takes its execution state, by the same stale-safe rules as
            # any event: its timestamp then marks our own write's echo as already seen.
            await _apply_own_write(
                session, campaign_id, project, spec.status, self.backend.name, message.id
            )
            await pilot.project_created(session, campaign_id)
            for row in await CampaignRepository(session).tasks_of(campaign_id):
                remote = existing.get(row.name)
                if remote is not None and row.remote_id is None:
                    row.remote_id, row.remote_status = remote.id, remote.raw_status
                    row.status = remote.status.value if remote.status else None
                    row.remote_updated_at = remote.updated_at
            record(session, CampaignChanged(campaign_id, "synced", ("project_id",),
                                            source=self.backend.name))  # fmt: skip
        return f"project {project.id} with {len(missing)} new of {len(spec.tasks)} tasks"

    async def _find_or_create(self, spec: ProjectSpec, linked: str | None) -> RemoteProject:
        if linked:
            return await self.backend.get_project(linked)
        found = await self.backend.find_project(spec.ext_ref)
        return found if found is not None else await self.backend.create_project(spec)

    async def update_project(self, message: OutboxMessage) -> str:
        """Push the fields a user changed, with their values as they are now: a row retried
        after a newer change must not put an older value back. An owned field edited remotely
        since the remote last had it from us (the row's `before`) is not sent: it becomes a
        conflict instead of being overwritten. Rows queued before `before` existed: as they did."""
        changed = set(message.payload.get("changes", {}))
        before: dict[str, str | None] = dict(message.payload.get("before") or {})
        campaign_id = uuid.UUID(message.aggregate_id)
        async with self.db.read() as session:
            campaign = await session.get(Campaign, campaign_id)
            project_id = None if campaign is None else campaign.project_id
        if campaign is None:
            return "campaign no longer exists; nothing to update"
        if project_id is None:
            # Creation is queued ahead of this row; try again once it has run.
            raise TechnicalError("the project is not created yet")
        current = await self.backend.get_project(project_id) if before else None
        async with self.db.write() as session:
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None:
                return "campaign no longer exists; nothing to update"
            kept: list[str] = []
            if current is not None:
                kept = await conflicts.refused(
                    session, campaign, current, before, source=self.backend.name
                )
            fields = strategy(campaign)
            remote_strategy = {key: fields[key] for key in ("objective", "audience", "budget")
                               if key not in kept}  # fmt: skip
            if "before" in message.payload:
                # Rows that record `before` send only the owned fields they change: resending
                # an unchanged one would overwrite an edit made there without a trace.
                for key in {"objective", "budget"} - owned_changed(changed):
                    remote_strategy.pop(key, None)
            if "tier" in changed:
                remote_strategy["tier"] = str(campaign.tier)
            if "type" in changed:
                remote_strategy["campaign_type"] = campaign.type
            status = EXECUTION_STATUS[CampaignStatus(campaign.status)]
            update = ProjectChanges(
                name=campaign.name if "name" in changed and "name" not in kept else None,
                description=(campaign.description or "") if "description" in changed else None,
                status=status if "status" in changed else None,
                strategy=remote_strategy,
            )
        project = await self.backend.update_project(project_id, update)
        async with self.db.write() as session:
            # The project as our write left it: execution fields by the system's rules, and its
            # timestamp, so that the echo event of this very write changes nothing.
            await _apply_own_write(
                session, campaign_id, project, status, self.backend.name, message.id
            )
        sent = sorted(changed - set(kept))
        left = f"; left theirs (conflict): {', '.join(kept)}" if kept else ""
        return f"project {project_id}: {', '.join(sent) or 'no fields'} updated{left}"


async def _apply_own_write(
    session: AsyncSession, campaign_id: uuid.UUID, project: RemoteProject,
    sent: ExecutionStatus, source: str, delivering: uuid.UUID,
) -> None:  # fmt: skip
    """Apply the project our write returned, except a status the user changed here while the
    call was in flight: that change is queued to the system already, and must not be undone."""
    campaign = await session.get(Campaign, campaign_id)
    local = campaign.status if campaign is not None else None
    await apply_project(session, project, source=source, delivering=delivering)
    if campaign is not None and local is not None and local != CAMPAIGN_STATUS[sent].value:
        campaign.status = local
