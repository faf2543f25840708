"""Workfront's vocabulary ⇄ the neutral one: statuses, dates, and objects.

Statuses (reference §4): project codes CUR, PLN, ONH, CPL, DED plus REQ/APR/IDA (not started
yet → planning) and REJ (rejected → cancelled); tenant codes are matched by their base when they
end in the pending-approval suffix `:A`. An unknown code maps to None: the caller keeps what it has.
Dates: REST uses `2026-02-15T09:00:00:000-0800` (colon before ms), events `…:07.776-0600` (dot).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from mcc.integrations.workmgmt import (
    ExecutionStatus,
    ProjectSpec,
    RemoteProject,
    RemoteTask,
    TaskSpec,
    TaskStatus,
)

PROJECT_STATUS: dict[str, ExecutionStatus] = {
    "CUR": ExecutionStatus.ACTIVE,
    "PLN": ExecutionStatus.PLANNING,
    "REQ": ExecutionStatus.PLANNING,
    "APR": ExecutionStatus.PLANNING,
    "IDA": ExecutionStatus.PLANNING,
    "ONH": ExecutionStatus.ON_HOLD,
    "CPL": ExecutionStatus.COMPLETE,
    "DED": ExecutionStatus.CANCELLED,
    "REJ": ExecutionStatus.CANCELLED,
}
PROJECT_CODE: dict[ExecutionStatus, str] = {
    ExecutionStatus.PLANNING: "PLN",
    ExecutionStatus.ACTIVE: "CUR",
    ExecutionStatus.ON_HOLD: "ONH",
    ExecutionStatus.COMPLETE: "CPL",
    ExecutionStatus.CANCELLED: "DED",
}
TASK_STATUS: dict[str, TaskStatus] = {
    "NEW": TaskStatus.NOT_STARTED,
    "INP": TaskStatus.IN_PROGRESS,
    "CPL": TaskStatus.COMPLETE,
    "CPA": TaskStatus.COMPLETE,
    "CPI": TaskStatus.COMPLETE,
}

PROJECT_FIELDS = (
    "ID,name,extRefID,status,percentComplete,plannedStartDate,plannedCompletionDate,lastUpdateDate"
    ",lastUpdatedByID,parameterValues"
)
TASK_FIELDS = (
    "ID,name,projectID,status,percentComplete,plannedStartDate,plannedCompletionDate,lastUpdateDate"
)

_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:[:.](\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def base_code(code: str) -> str:
    return code.split(":", 1)[0].upper()


def project_status(code: str | None) -> ExecutionStatus | None:
    return PROJECT_STATUS.get(base_code(code)) if code else None


def task_status(code: str | None) -> TaskStatus | None:
    return TASK_STATUS.get(base_code(code)) if code else None


def parse_datetime(value: Any) -> datetime | None:
    """Any Workfront date form, or an event's {epochSecond, nano}, as an aware UTC datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, dict) and "epochSecond" in value:
        seconds = int(value["epochSecond"]) + int(value.get("nano") or 0) / 1e9
        return datetime.fromtimestamp(seconds, UTC)
    match = _DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"not a Workfront date: {value!r}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micros = int((fraction or "0").ljust(6, "0")[:6])
    tz: timezone = UTC
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                      int(second or 0), micros, tzinfo=tz)  # fmt: skip
    return moment.astimezone(UTC)


def parse_date(value: Any) -> date | None:
    """The calendar date as written (in the offset Workfront gave), not shifted to UTC."""
    if value in (None, ""):
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"not a Workfront date: {value!r}")
    return date(int(match[1]), int(match[2]), int(match[3]))


def format_filter_time(moment: datetime) -> str:
    """ISO with milliseconds and Z: the form Workfront accepts in filters (§4)."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _percent(value: Any) -> int | None:
    return None if value is None else max(0, min(100, round(float(value))))


def to_project(data: dict[str, Any], url: str) -> RemoteProject:
    raw = str(data.get("status") or "")
    updated = parse_datetime(data.get("lastUpdateDate")) or datetime.now(UTC)
    return RemoteProject(
        id=str(data["ID"]),
        url=url,
        name=str(data.get("name") or ""),
        ext_ref=data.get("extRefID") or None,
        status=project_status(raw),
        raw_status=raw,
        percent_complete=_percent(data.get("percentComplete")),
        planned_start=parse_date(data.get("plannedStartDate")),
        planned_completion=parse_date(data.get("plannedCompletionDate")),
        updated_at=updated,
        updated_by=str(data["lastUpdatedByID"]) if data.get("lastUpdatedByID") else None,
    )


def to_task(data: dict[str, Any]) -> RemoteTask:
    raw = str(data.get("status") or "")
    return RemoteTask(
        id=str(data["ID"]),
        project_id=str(data.get("projectID") or ""),
        name=str(data.get("name") or ""),
        status=task_status(raw),
        raw_status=raw,
        percent_complete=_percent(data.get("percentComplete")),
        planned_start=parse_date(data.get("plannedStartDate")),
        planned_due=parse_date(data.get("plannedCompletionDate")),
        updated_at=parse_datetime(data.get("lastUpdateDate")) or datetime.now(UTC),
    )


# --- the exact requests: what `create_project`/`create_tasks` send, and the preview shows ---


def custom_values(
    custom_fields: Mapping[str, str], strategy: Mapping[str, str | None]
) -> dict[str, str]:
    """Strategy fields by their configured custom-field names (`DE:...`), unset ones left out."""
    return {
        custom_fields[key]: value
        for key, value in strategy.items()
        if key in custom_fields and value is not None
    }


def project_fields(
    spec: ProjectSpec, templates: Mapping[str, str], custom_fields: Mapping[str, str]
) -> dict[str, Any]:
    """The body of the project's creation. A template per campaign type wins over one per tier
    (`tier1`..`tier3`); the template's own tasks are Workfront's, so the preview names it."""
    updates: dict[str, Any] = {
        "name": spec.name,
        "extRefID": spec.ext_ref,
        "status": PROJECT_CODE[spec.status],
    }
    if spec.description:
        updates["description"] = spec.description
    if spec.planned_start:
        updates["plannedStartDate"] = spec.planned_start.isoformat()
    template = templates.get(spec.campaign_type) or templates.get(f"tier{spec.tier}")
    if template:
        updates["templateID"] = template
    strategy = {**spec.strategy, "tier": str(spec.tier), "campaign_type": spec.campaign_type}
    custom = custom_values(custom_fields, strategy)
    if custom:
        updates["parameterValues"] = custom
    return updates


def task_fields(task: TaskSpec, project_id: str) -> dict[str, Any]:
    """The body of one task's creation in the project `project_id`."""
    updates: dict[str, Any] = {
        "name": task.name,
        "projectID": project_id,
        "plannedStartDate": task.start.isoformat(),
        "plannedCompletionDate": task.due.isoformat(),
    }
    if task.description or task.owner_role:
        updates["description"] = task.description or f"Owner: {task.owner_role}"
    return updates
