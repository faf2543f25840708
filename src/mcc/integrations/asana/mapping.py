"""Asana's vocabulary ⇄ the neutral one: statuses, dates, phases, the campaign marker, objects.

Statuses (reference §8): an Asana project has no writable lifecycle field. It is read as:
`completed: true` → complete (wins over the rest); else the newest status update's
`status_type` (on_track/at_risk/off_track → active, on_hold → on hold, complete → complete,
dropped → cancelled); else `archived` → cancelled; else, with no status update yet, planning.
A task is `completed` or not. Our status is written as a status update (they cannot be edited,
only added), so `raw_status` is whichever of those the project shows.

Idempotency: Asana has no `extRefID`. The campaign id goes into the project's notes as a marker
line (`[mcc-campaign:<uuid>]`); `find_project` looks for that exact marker among the projects of
the configured team (or workspace) before anything is created.

Phases: a plan step goes to the section of its phase (`workmgmt.plan_phase`: before the launch,
the launch, after it); steps without a phase go to the project's default section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from mcc.integrations.workmgmt import (
    ExecutionStatus,
    RemoteProject,
    RemoteTask,
    TaskStatus,
)

MARKER_PREFIX = "mcc-campaign:"
_MARKER = re.compile(r"\[mcc-campaign:([0-9A-Za-z-]{1,64})\]")

PROJECT_FIELDS = (
    "name,notes,permalink_url,completed,completed_at,archived,modified_at,start_on,due_on,"
    "current_status_update.status_type,custom_fields.gid,custom_fields.display_value"
)
TASK_FIELDS = "name,completed,modified_at,start_on,due_on,projects.name"

STATUS_TYPE_STATUS: dict[str, ExecutionStatus] = {
    "on_track": ExecutionStatus.ACTIVE,
    "at_risk": ExecutionStatus.ACTIVE,
    "off_track": ExecutionStatus.ACTIVE,
    "on_hold": ExecutionStatus.ON_HOLD,
    "complete": ExecutionStatus.COMPLETE,
    "dropped": ExecutionStatus.CANCELLED,
}
# What we post when our status changes; planning has no status update (a new project has none).
STATUS_TYPE: dict[ExecutionStatus, str] = {
    ExecutionStatus.ACTIVE: "on_track",
    ExecutionStatus.ON_HOLD: "on_hold",
    ExecutionStatus.COMPLETE: "complete",
    ExecutionStatus.CANCELLED: "dropped",
}
STATUS_TITLE: dict[ExecutionStatus, str] = {
    ExecutionStatus.PLANNING: "Planning",
    ExecutionStatus.ACTIVE: "Active",
    ExecutionStatus.ON_HOLD: "On hold",
    ExecutionStatus.COMPLETE: "Complete",
    ExecutionStatus.CANCELLED: "Cancelled",
}


def marker(ext_ref: str) -> str:
    return f"[{MARKER_PREFIX}{ext_ref}]"


def with_marker(notes: str | None, ext_ref: str) -> str:
    """The notes people read, then our marker on its own line (kept on every update)."""
    text = _MARKER.sub("", notes or "").rstrip()
    return f"{text}\n\n{marker(ext_ref)}" if text else marker(ext_ref)


def ext_ref_of(notes: Any) -> str | None:
    found = _MARKER.search(notes) if isinstance(notes, str) else None
    return found[1] if found else None


def parse_datetime(value: Any) -> datetime | None:
    """Asana's `2012-02-22T02:06:58.147Z` as an aware UTC datetime."""
    if value in (None, ""):
        return None
    moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_date(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value)[:10])


def format_time(moment: datetime) -> str:
    """ISO with milliseconds and Z, the form Asana writes and reads (`modified_since`)."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def project_status(data: dict[str, Any]) -> tuple[ExecutionStatus | None, str]:
    """The neutral status and the raw word shown to people (see the module)."""
    if data.get("completed") is True:
        return ExecutionStatus.COMPLETE, "completed"
    update = data.get("current_status_update")
    status_type = update.get("status_type") if isinstance(update, dict) else None
    if isinstance(status_type, str) and status_type:
        return STATUS_TYPE_STATUS.get(status_type), status_type[:20]
    if data.get("archived") is True:
        return ExecutionStatus.CANCELLED, "archived"
    return ExecutionStatus.PLANNING, "planning"


def to_project(data: dict[str, Any], url: str) -> RemoteProject:
    status, raw = project_status(data)
    return RemoteProject(
        id=str(data["gid"]),
        url=str(data.get("permalink_url") or url),
        name=str(data.get("name") or ""),
        ext_ref=ext_ref_of(data.get("notes")),
        status=status,
        raw_status=raw,
        percent_complete=100 if status is ExecutionStatus.COMPLETE else None,
        planned_start=parse_date(data.get("start_on")),
        planned_completion=parse_date(data.get("due_on")),
        updated_at=parse_datetime(data.get("modified_at")) or datetime.now(UTC),
    )


def custom_strategy(data: dict[str, Any], fields: Mapping[str, str]) -> dict[str, str | None]:
    """The strategy fields the project's custom fields hold, by neutral name (`fields`: neutral
    name → field gid); a field the project does not carry is left out, so it never conflicts."""
    records = data.get("custom_fields")
    values = {
        str(record.get("gid")): record.get("display_value")
        for record in (records if isinstance(records, list) else [])
        if isinstance(record, dict)
    }
    return {
        key: None if values[gid] in (None, "") else str(values[gid])
        for key, gid in fields.items()
        if gid in values
    }


def task_project(data: dict[str, Any]) -> str:
    projects = data.get("projects")
    if isinstance(projects, list) and projects and isinstance(projects[0], dict):
        return str(projects[0].get("gid") or "")
    return ""


def to_task(data: dict[str, Any], project_id: str | None = None) -> RemoteTask:
    done = data.get("completed") is True
    return RemoteTask(
        id=str(data["gid"]),
        project_id=project_id or task_project(data),
        name=str(data.get("name") or ""),
        status=TaskStatus.COMPLETE if done else TaskStatus.NOT_STARTED,
        raw_status="completed" if done else "open",
        percent_complete=100 if done else 0,
        planned_start=parse_date(data.get("start_on")),
        planned_due=parse_date(data.get("due_on")),
        updated_at=parse_datetime(data.get("modified_at")) or datetime.now(UTC),
    )
