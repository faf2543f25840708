"""`WorkManagement` for Workfront: campaigns become projects, plan steps become tasks.

The campaign id goes into the project's `extRefID`, so `find_project` can tell whether an
earlier attempt already created it (a retry must never make a second project). Strategy fields
(objective, audience, budget, tier, type) are written to custom fields (`DE:` names from
settings); execution fields are read back, never pushed except for a status the user changed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from mcc.integrations.workfront import mapping
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.integrations.workmgmt import (
    ChangeEvent,
    ChangeKind,
    LogicalError,
    ProjectChanges,
    ProjectSpec,
    RemoteProject,
    RemoteTask,
    TaskSpec,
)
from mcc.logging import get_logger

log = get_logger(__name__)
T = TypeVar("T")
EVENT_KINDS = {
    "CREATE": ChangeKind.CREATED,
    "UPDATE": ChangeKind.UPDATED,
    "DELETE": ChangeKind.DELETED,
}


@dataclass(frozen=True)
class WorkfrontOptions:
    # Template per campaign: keys "tier1".."tier3" or a campaign type ("email"); type wins.
    templates: Mapping[str, str] = field(default_factory=dict)
    custom_fields: Mapping[str, str] = field(default_factory=dict)  # strategy key → "DE:Name"
    ui_url: str | None = None  # where people open projects; default: the API host


class WorkfrontAdapter:
    name = "workfront"

    def __init__(self, client: WorkfrontClient, options: WorkfrontOptions | None = None) -> None:
        self.client = client
        self.options = options or WorkfrontOptions()

    def project_url(self, project_id: str) -> str:
        base = (self.options.ui_url or self.client.base_url).rstrip("/")
        return f"{base}/project/{project_id}/overview"

    def _project(self, data: dict[str, Any]) -> RemoteProject:
        project = mapping.to_project(data, self.project_url(str(data["ID"])))
        return replace(project, strategy=self._read_custom(data))

    def _read_custom(self, data: dict[str, Any]) -> dict[str, str | None]:
        """The strategy custom fields the state carries (inline `DE:` keys or
        `parameterValues`), by neutral name; a field the state does not carry is left out."""
        values = {**(data.get("parameterValues") or {}), **data}
        return {
            key: None if values[name] in (None, "") else str(values[name])
            for key, name in self.options.custom_fields.items()
            if name in values
        }

    def _custom(self, strategy: Mapping[str, str | None]) -> dict[str, str]:
        return mapping.custom_values(self.options.custom_fields, strategy)

    async def find_project(self, ext_ref: str) -> RemoteProject | None:
        found = await self.client.search(
            "PROJ", {"extRefID": ext_ref}, fields=mapping.PROJECT_FIELDS, limit=2
        )
        return self._project(found[0]) if found else None

    async def create_project(self, spec: ProjectSpec) -> RemoteProject:
        # The same body the outbox payload and the campaign's exact preview show.
        updates = mapping.project_fields(spec, self.options.templates, self.options.custom_fields)
        created = await self.client.create("PROJ", updates, fields=mapping.PROJECT_FIELDS)
        return self._project(created)

    async def get_project(self, project_id: str) -> RemoteProject:
        return self._project(await self.client.get("PROJ", project_id, mapping.PROJECT_FIELDS))

    async def update_project(self, project_id: str, changes: ProjectChanges) -> RemoteProject:
        updates: dict[str, Any] = {}
        if changes.name is not None:
            updates["name"] = changes.name
        if changes.description is not None:
            updates["description"] = changes.description
        if changes.status is not None:
            updates["status"] = mapping.PROJECT_CODE[changes.status]
        custom = self._custom(changes.strategy)
        if custom:
            updates["parameterValues"] = custom
        if not updates:
            return await self.get_project(project_id)
        return self._project(
            await self.client.update("PROJ", project_id, updates, fields=mapping.PROJECT_FIELDS)
        )

    async def add_note(self, project_id: str, text: str) -> str:
        updates = {"noteText": text, "noteObjCode": "PROJ", "objID": project_id,
                   "projectID": project_id}  # fmt: skip
        created = await self.client.create("NOTE", updates, fields="ID")
        return str(created.get("ID", ""))

    async def list_tasks(self, project_id: str) -> list[RemoteTask]:
        rows = self.client.search_all("TASK", {"projectID": project_id}, fields=mapping.TASK_FIELDS)
        return [mapping.to_task(row) async for row in rows]

    async def create_tasks(self, project_id: str, tasks: Sequence[TaskSpec]) -> list[RemoteTask]:
        created = []
        for task in tasks:
            updates = mapping.task_fields(task, project_id)
            created.append(
                mapping.to_task(await self.client.create("TASK", updates, mapping.TASK_FIELDS))
            )
        return created

    async def _changed_since(
        self, obj: str, linked: str, fields: str, since: datetime
    ) -> AsyncIterator[dict[str, Any]]:
        """Rows of `obj` changed at or after `since` whose `linked` field says they are ours."""
        filters = {
            "lastUpdateDate": mapping.format_filter_time(since),
            "lastUpdateDate_Mod": "gte",
            f"{linked}_Mod": "notnull",
        }
        async for row in self.client.search_all(obj, filters, fields=fields):
            yield row

    async def projects_changed_since(self, since: datetime) -> AsyncIterator[RemoteProject]:
        async for row in self._changed_since("PROJ", "extRefID", mapping.PROJECT_FIELDS, since):
            if (project := _readable(self._project, row)) is not None:
                yield project

    async def tasks_changed_since(self, since: datetime) -> AsyncIterator[RemoteTask]:
        rows = self._changed_since("TASK", "project:extRefID", mapping.TASK_FIELDS, since)
        async for row in rows:
            if (task := _readable(mapping.to_task, row)) is not None:
                yield task

    async def ensure_subscriptions(self, url: str, token: str) -> list[str]:
        existing = await self.client.list_subscriptions()
        ids = []
        for obj_code in ("PROJ", "TASK"):
            for event_type in ("CREATE", "UPDATE", "DELETE"):
                match = next(
                    (s for s in existing if s.get("url") == url and s.get("objCode") == obj_code
                     and s.get("eventType") == event_type),
                    None,
                )  # fmt: skip
                if match is not None:
                    ids.append(str(match["id"]))
                    continue
                ids.append(await self.client.create_subscription(
                    {"objCode": obj_code, "eventType": event_type, "url": url, "authToken": token}
                ))  # fmt: skip
        return ids

    def parse_event(self, payload: Any) -> ChangeEvent:
        """Decode a v2 delivery (§8): eventType, eventTime, newState/oldState (maybe base64)."""
        if not isinstance(payload, dict):
            raise LogicalError("Workfront event must be a JSON object")
        kind = EVENT_KINDS.get(str(payload.get("eventType", "")).upper())
        if kind is None:
            raise LogicalError(f"unknown Workfront eventType {payload.get('eventType')!r}")
        new_state, old_state = _state(payload.get("newState")), _state(payload.get("oldState"))
        state = new_state or old_state
        obj_code = str(state.get("objCode") or payload.get("objCode") or "").upper()
        if not state.get("ID") or obj_code not in ("PROJ", "TASK"):
            raise LogicalError("Workfront event without a project or task state")
        occurred = mapping.parse_datetime(payload.get("eventTime"))
        if occurred is None:
            raise LogicalError("Workfront event without eventTime")
        object_id = str(state["ID"])
        if new_state and not new_state.get("lastUpdateDate"):
            # Order by the event's own time when the state does not say when it changed.
            new_state = {**new_state, "lastUpdateDate": payload.get("eventTime")}
        if obj_code == "PROJ":
            project = self._project(new_state) if new_state else None
            return ChangeEvent(kind, "project", object_id, occurred, project=project)
        task = mapping.to_task(new_state) if new_state else None
        return ChangeEvent(kind, "task", object_id, occurred, task=task,
                           project_id=str(state.get("projectID") or "") or None)  # fmt: skip

    async def resolve_event(self, payload: Any) -> ChangeEvent:
        return self.parse_event(payload)  # a delivery carries the whole new state


def _state(value: Any) -> dict[str, Any]:
    """A state object, decoding `base64Encoding: true` subscriptions' base64 JSON strings."""
    if value in (None, "", {}):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise LogicalError(
                "Workfront event state is neither an object nor base64 JSON"
            ) from None
    if not isinstance(value, dict):
        raise LogicalError("Workfront event state must be an object")
    return value


def _readable(convert: Callable[[dict[str, Any]], T], row: dict[str, Any]) -> T | None:
    """The converted row, or None (logged) when it holds values we cannot read: one unreadable
    object must not stop the reconciler for all the others."""
    try:
        return convert(row)
    except ValueError as error:
        log.warning("workfront.unreadable_object", id=row.get("ID"), error=str(error))
        return None
