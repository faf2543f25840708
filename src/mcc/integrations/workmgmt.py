"""The contract every work-management backend implements, in neutral terms.

The domain never sees a Workfront or Asana field name: it sees `RemoteProject`, `RemoteTask`,
`ChangeEvent` and the neutral `ExecutionStatus`. Each adapter maps its system's vocabulary to
these and back.

Errors split by what the caller should do:

    WorkManagementError
    ├── TechnicalError   network, timeout, 429, 5xx: retry later with backoff
    └── LogicalError     the request itself is wrong (4xx): retrying won't help; show the reason
        └── RemoteNotFound
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from mcc.exceptions import MCCError


class ExecutionStatus(StrEnum):
    """Where the work stands, as every backend can express it."""

    PLANNING = "planning"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    COMPLETE = "complete"
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


class WorkManagementError(MCCError):
    code = "WORKMGMT"
    status_code = 502

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None):
        super().__init__(message)
        self.status = status
        self.detail = detail


class TechnicalError(WorkManagementError):
    """Transient: the same request may succeed later."""

    code = "WORKMGMT_UNAVAILABLE"
    status_code = 503


class LogicalError(WorkManagementError):
    """Permanent: the backend refused the request as it is."""

    code = "WORKMGMT_REJECTED"
    status_code = 422


class RemoteNotFound(LogicalError):
    code = "WORKMGMT_NOT_FOUND"
    status_code = 404


BEFORE_LAUNCH, LAUNCH, AFTER_LAUNCH = "Before launch", "Launch", "After launch"


def plan_phase(start: date, due: date, launch: date | None) -> str | None:
    """The plan phase of a step scheduled back from the launch (None: no launch date)."""
    if launch is None:
        return None
    if due < launch:
        return BEFORE_LAUNCH
    return LAUNCH if start <= launch else AFTER_LAUNCH


@dataclass(frozen=True)
class TaskSpec:
    name: str
    start: date
    due: date
    owner_role: str | None = None
    description: str | None = None
    phase: str | None = None  # `plan_phase`: a backend may group steps by it (Asana: sections)


@dataclass(frozen=True)
class ProjectSpec:
    """What to create for a campaign. `ext_ref` is our campaign id: the idempotency key."""

    ext_ref: str
    name: str
    description: str | None
    tier: int
    campaign_type: str
    planned_start: date | None
    planned_completion: date | None
    # Strategy fields by neutral name: objective, audience, budget, tier, campaign_type.
    strategy: Mapping[str, str | None] = field(default_factory=dict)
    tasks: Sequence[TaskSpec] = ()
    status: ExecutionStatus = ExecutionStatus.PLANNING  # the campaign's when the project is made


@dataclass(frozen=True)
class ProjectChanges:
    """A sparse update: only the fields set (not None) change remotely."""

    name: str | None = None
    description: str | None = None
    status: ExecutionStatus | None = None
    strategy: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class RemoteProject:
    id: str
    url: str
    name: str
    ext_ref: str | None
    status: ExecutionStatus | None  # None: a status this adapter cannot map; keep what we have
    raw_status: str
    percent_complete: int | None
    planned_start: date | None
    planned_completion: date | None
    updated_at: datetime  # the backend's last-modified time: orders changes, detects echoes
    # The strategy fields as the backend holds them (objective, budget...), by neutral name; only
    # the keys the adapter could read. Ours: a difference is a conflict (`mcc.sync.conflicts`).
    strategy: Mapping[str, str | None] = field(default_factory=dict)
    updated_by: str | None = None  # who last changed it there (the backend's user id)


@dataclass(frozen=True)
class RemoteTask:
    id: str
    project_id: str
    name: str
    status: TaskStatus | None
    raw_status: str
    percent_complete: int | None
    planned_start: date | None
    planned_due: date | None
    updated_at: datetime


class ChangeKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True)
class ChangeEvent:
    """One decoded webhook delivery. Exactly one of `project`/`task` is set, or neither for a
    deletion the payload describes only by id."""

    kind: ChangeKind
    object_type: str  # "project" or "task"
    object_id: str
    occurred_at: datetime
    project: RemoteProject | None = None
    task: RemoteTask | None = None
    project_id: str | None = None  # the task's project, when the object is a task


class WorkManagement(Protocol):
    """A work-management backend. Implementations raise only `WorkManagementError`s."""

    name: str

    async def find_project(self, ext_ref: str) -> RemoteProject | None:
        """The project created for this campaign, if any: look before creating."""
        ...

    async def create_project(self, spec: ProjectSpec) -> RemoteProject: ...

    async def get_project(self, project_id: str) -> RemoteProject: ...

    async def update_project(self, project_id: str, changes: ProjectChanges) -> RemoteProject: ...

    async def add_note(self, project_id: str, text: str) -> str:
        """Post a note (an update) on the project, e.g. an approval decision; returns its id."""
        ...

    async def list_tasks(self, project_id: str) -> list[RemoteTask]: ...

    async def create_tasks(
        self, project_id: str, tasks: Sequence[TaskSpec]
    ) -> list[RemoteTask]: ...

    def projects_changed_since(self, since: datetime) -> AsyncIterator[RemoteProject]:
        """Every project linked to a campaign changed at or after `since`, oldest first."""
        ...

    def tasks_changed_since(self, since: datetime) -> AsyncIterator[RemoteTask]:
        """Every task of a campaign's project changed at or after `since`, oldest first. Task
        changes need their own query: they do not move the project's last-modified time."""
        ...

    async def ensure_subscriptions(self, url: str, token: str) -> list[str]:
        """Make sure change events are delivered to `url` with `token`; returns subscription ids."""
        ...

    def parse_event(self, payload: Any) -> ChangeEvent:
        """Decode one webhook body; raises `LogicalError` when it is not a change event."""
        ...

    async def resolve_event(self, payload: Any) -> ChangeEvent:
        """The stored event with the object's state: `parse_event` where the delivery carries
        the state (Workfront); a fetch of the object where it is only a hint (Asana). Raises
        `TechnicalError` when the backend cannot be asked now (the event waits for a retry)."""
        ...
