"""Apply a project's or task's remote state to our records, by field ownership.

Execution fields (status, progress, dates) belong to the work-management system and are taken
from it; strategy fields (name, objective, audience, budget, tier) are ours and never read back:
a remote edit to one becomes a visible conflict for a person to decide (`mcc.sync.conflicts`).
Every remote object carries its last-modified time; a state no newer than the one we applied is
stale (out-of-order delivery) or the echo of our own write, and changes nothing.

A deleted task leaves a tombstone (its id and when it was deleted): a CREATE or UPDATE of that
task last changed at or before the deletion arrives late and must not bring it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import SYNC as SYNC_ACTOR
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import parse_campaign_id
from mcc.events import CampaignChanged, record
from mcc.exceptions import ValidationError
from mcc.integrations.workmgmt import RemoteProject, RemoteTask
from mcc.models import Campaign, CampaignTask, TaskTombstone
from mcc.models.base import utcnow
from mcc.sync.conflicts import notice as notice_conflicts
from mcc.sync.statuses import AWAITING_DECISION, CAMPAIGN_STATUS


async def campaign_for_project(
    session: AsyncSession,
    project_id: str,
    ext_ref: str | None,
    linked: Mapping[str, Campaign] | None = None,
) -> Campaign | None:
    """`linked`: the campaigns already loaded for a batch of projects (`by_remote_projects`),
    so that each project costs no query of its own; one absent from it is linked to none."""
    if linked is None:
        found = await CampaignRepository(session).by_remote_project(project_id)
    else:
        found = linked.get(project_id)
    if found is not None or not ext_ref:
        return found
    try:
        campaign_id = parse_campaign_id(ext_ref)
    except ValidationError:
        return None  # a project some other tool created with its own extRefID
    return await session.get(Campaign, campaign_id)


async def apply_project(
    session: AsyncSession,
    project: RemoteProject,
    *,
    source: str,
    delivering: uuid.UUID | None = None,
    linked: Mapping[str, Campaign] | None = None,
) -> Campaign | None:
    """Take the project's execution state onto its campaign; None if unknown or stale.

    `delivering` is the outbox row of ours whose write returned `project`: a state read back
    after our write is the latest there is, so one as old as the last seen is applied again.
    That last one may be a remote edit whose conflict was held back while this very write was on
    its way (`conflicts.notice`); now that it has landed, the edit must surface."""
    campaign = await campaign_for_project(session, project.id, project.ext_ref, linked)
    if campaign is None:
        return None
    seen = campaign.remote_updated_at
    if seen is not None and (
        project.updated_at < seen or (project.updated_at == seen and delivering is None)
    ):
        return None
    changed: list[str] = []
    audited: dict[str, list[Any]] = {}  # what the campaign's History shows: field → [before, after]
    if campaign.project_id != project.id:
        campaign.project_id, campaign.project_url = project.id, project.url
        changed.append("project_id")
    if project.status is not None and campaign.status not in AWAITING_DECISION:
        status = CAMPAIGN_STATUS[project.status].value
        if status != campaign.status:
            audited["status"] = [campaign.status, status]
            campaign.status = status
            changed.append("status")
    if project.raw_status and project.raw_status != campaign.project_status:
        campaign.project_status = project.raw_status
        changed.append("project_status")
    if (
        project.percent_complete is not None
        and project.percent_complete != campaign.percent_complete
    ):
        campaign.percent_complete = project.percent_complete
        changed.append("percent_complete")
    if _fits_after(project.planned_completion, campaign.launch_date) and (
        project.planned_completion != campaign.end_date
    ):
        audited["end_date"] = [campaign.end_date, project.planned_completion]
        campaign.end_date = project.planned_completion
        changed.append("end_date")
    if audited:  # an end date Workfront computed from its tasks is a change like any other
        action = "status_changed" if set(audited) == {"status"} else "updated"
        audit.record(session, SYNC_ACTOR, action, entity_type="campaign", entity_id=campaign.id,
                     campaign_id=campaign.id, changes=audited)  # fmt: skip
    # Owned fields (issue 15): a difference is a conflict unless a write of ours is still on its
    # way, other than the one being delivered.
    await notice_conflicts(session, campaign, project, source=source, delivering=delivering)
    campaign.remote_updated_at = project.updated_at
    campaign.last_synced_at = utcnow()
    record(session, CampaignChanged(campaign.id, "synced", tuple(changed), source=source))
    return campaign


def _fits_after(end: date | None, launch: date | None) -> bool:
    # A completion date before our launch date would break the campaign's own rule; keep ours.
    return end is not None and (launch is None or end >= launch)


async def apply_task(
    session: AsyncSession, task: RemoteTask, *, source: str
) -> CampaignTask | None:
    """Update (or adopt) the campaign task behind a remote task; None if unrelated, stale or
    deleted (a tombstone at or after the state's time)."""
    tombstone = await session.get(TaskTombstone, task.id)
    if tombstone is not None and task.updated_at <= tombstone.deleted_at:
        return None
    campaigns = CampaignRepository(session)
    row = await campaigns.task_by_remote_id(task.id)
    if row is None:
        campaign = await campaigns.by_remote_project(task.project_id)
        if campaign is None:
            return None
        position = await campaigns.last_task_position(campaign.id) + 1
        row = CampaignTask(campaign_id=campaign.id, position=position, name=task.name,
                           remote_id=task.id)  # fmt: skip
        session.add(row)
    elif row.remote_updated_at is not None and task.updated_at <= row.remote_updated_at:
        return None
    row.name = task.name or row.name
    row.status = task.status.value if task.status else row.status
    row.remote_status = task.raw_status or row.remote_status
    row.percent_complete = (
        task.percent_complete if task.percent_complete is not None else row.percent_complete
    )
    row.planned_start = task.planned_start or row.planned_start
    row.planned_due = task.planned_due or row.planned_due
    row.remote_updated_at = task.updated_at
    await session.flush()
    record(session, CampaignChanged(row.campaign_id, "synced", ("tasks",), source=source))
    return row


async def forget_task(
    session: AsyncSession, remote_id: str, deleted_at: datetime, *, source: str
) -> bool:
    """A task deleted remotely leaves the campaign's plan too, and stays deleted: its tombstone
    makes later-arriving states of it (no newer than `deleted_at`) stale. True if anything
    changed (the tombstone is new or later, or a task row went)."""
    tombstone = await session.get(TaskTombstone, remote_id)
    changed = tombstone is None or deleted_at > tombstone.deleted_at
    if tombstone is None:
        session.add(TaskTombstone(remote_id=remote_id, deleted_at=deleted_at))
    elif deleted_at > tombstone.deleted_at:
        tombstone.deleted_at = deleted_at
    row = await CampaignRepository(session).task_by_remote_id(remote_id)
    if row is None:
        return changed
    await session.delete(row)
    record(session, CampaignChanged(row.campaign_id, "synced", ("tasks",), source=source))
    return True
