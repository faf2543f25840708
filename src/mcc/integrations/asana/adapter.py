"""`WorkManagement` for Asana: a campaign becomes a project, plan steps become tasks in sections.

- Where: the configured team (`POST /teams/{team}/projects`, preferred in organizations) or,
  without one, the workspace. A template per campaign type or tier is instantiated when
  configured (an async job, polled until it succeeds).
- Idempotent: the campaign id is a marker line in the project's notes (`mapping`), looked up
  among the team's projects before creating; the client never retries a create whose outcome is
  unknown, so a lost response is followed by a look-up, never by a second project.
- Sections: one per plan phase (`TaskSpec.phase`), created once; tasks are placed with
  `memberships` at creation. Dates: `due_on`, and `start_on` when it is before the due date.
- Status: our status changes are posted as status updates (Asana's only writable lifecycle
  signal); strategy fields go to text custom fields when their gids are configured.
- Changes in: webhook events are compact hints (`resolve_event` fetches the object); the
  reconciler reads `modified_at` (projects) and `modified_since` (tasks) of our projects.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from mcc.integrations.asana import mapping, requests, webhook
from mcc.integrations.asana.client import AsanaClient
from mcc.integrations.asana.requests import AsanaOptions
from mcc.integrations.workmgmt import (
    ChangeEvent,
    ChangeKind,
    ExecutionStatus,
    LogicalError,
    ProjectChanges,
    ProjectSpec,
    RemoteNotFound,
    RemoteProject,
    RemoteTask,
    TaskSpec,
    TechnicalError,
)
from mcc.logging import get_logger

log = get_logger(__name__)
PROJECT_EVENTS = ("added", "changed", "removed", "deleted", "undeleted")


class AsanaAdapter:
    name = "asana"

    def __init__(
        self,
        client: AsanaClient,
        options: AsanaOptions,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.client = client
        self.options = options
        self._sleep = sleep

    # -- projects -----------------------------------------------------------------------------

    def _project(self, data: dict[str, Any]) -> RemoteProject:
        gid = str(data["gid"])
        project = mapping.to_project(data, f"{self.options.ui_url}/{gid}")
        # Objective, budget...: the owned fields conflict detection compares (`sync.conflicts`).
        return replace(project, strategy=mapping.custom_strategy(data, self.options.custom_fields))

    def _ours(self) -> AsyncIterator[dict[str, Any]]:
        """Every project of the team (or workspace), with the fields a `RemoteProject` needs."""
        return self.client.list_all(self.options.projects_path(), opt_fields=mapping.PROJECT_FIELDS)

    def _custom(self, strategy: Mapping[str, str | None]) -> dict[str, str]:
        return requests.custom_values(self.options, strategy)

    async def find_project(self, ext_ref: str) -> RemoteProject | None:
        async for data in self._ours():
            if mapping.ext_ref_of(data.get("notes")) == ext_ref:
                return self._project(data)
        return None

    async def create_project(self, spec: ProjectSpec) -> RemoteProject:
        # The bodies the exact preview shows (`requests.exact_requests`), in the same order.
        body = requests.project_body(spec, self.options)
        template = requests.template_of(spec, self.options)
        if template:
            gid = await self._instantiate(template, spec)
            rest = {key: value for key, value in body.items() if key != "name"}
            await self.client.put(f"/projects/{gid}", rest)
        else:
            created = await self.client.post(self.options.projects_path(), body, opt_fields="gid")
            gid = str(created["gid"])
        await self._post_status(gid, spec.status)
        return await self.get_project(gid)

    async def _instantiate(self, template: str, spec: ProjectSpec) -> str:
        """A project from the template (an async job, §5.4); its gid once the job succeeded."""
        data = requests.instantiate_body(spec, self.options)
        job = await self.client.post(f"/project_templates/{template}/instantiateProject", data)
        deadline = time.monotonic() + self.options.job_timeout_seconds
        while True:
            status = job.get("status")
            new_project = job.get("new_project")
            if status == "succeeded" and isinstance(new_project, dict) and new_project.get("gid"):
                return str(new_project["gid"])
            if status == "failed":
                raise LogicalError(f"Asana could not instantiate template {template}")
            if time.monotonic() > deadline:
                raise TechnicalError(f"Asana template job {job.get('gid')} did not finish")
            await self._sleep(self.options.job_poll_seconds)
            job = await self.client.get(f"/jobs/{job['gid']}", "status,new_project")

    async def _post_status(self, project_id: str, status: ExecutionStatus) -> None:
        body = requests.status_body(project_id, status)
        if body is not None:  # planning has no status update
            await self.client.post("/status_updates", body, opt_fields="gid")

    async def get_project(self, project_id: str) -> RemoteProject:
        return self._project(
            await self.client.get(f"/projects/{project_id}", mapping.PROJECT_FIELDS)
        )

    async def update_project(self, project_id: str, changes: ProjectChanges) -> RemoteProject:
        fields: dict[str, Any] = {}
        if changes.name is not None:
            fields["name"] = changes.name
        if changes.description is not None:
            current = await self.client.get(f"/projects/{project_id}", "notes")
            ext_ref = mapping.ext_ref_of(current.get("notes"))
            fields["notes"] = (
                mapping.with_marker(changes.description, ext_ref) if ext_ref
                else changes.description
            )  # fmt: skip
        custom = self._custom(changes.strategy)
        if custom:
            fields["custom_fields"] = custom
        if fields:
            await self.client.put(f"/projects/{project_id}", fields, opt_fields="gid")
        if changes.status is not None:
            await self._post_status(project_id, changes.status)
        return await self.get_project(project_id)

    async def add_note(self, project_id: str, text: str) -> str:
        """Asana projects have no comments (stories belong to tasks): the note is appended to
        the project's notes, above our marker, where the team reads the brief."""
        current = await self.client.get(f"/projects/{project_id}", "notes")
        notes = str(current.get("notes") or "")
        ext_ref = mapping.ext_ref_of(notes)
        if ext_ref:
            body = notes.replace(mapping.marker(ext_ref), "").rstrip()
            updated = mapping.with_marker(f"{body}\n\n{text}".strip(), ext_ref)
        else:
            updated = f"{notes.rstrip()}\n\n{text}".strip()
        await self.client.put(f"/projects/{project_id}", {"notes": updated}, opt_fields="gid")
        return f"{project_id}:notes"

    # -- tasks --------------------------------------------------------------------------------

    async def list_tasks(self, project_id: str) -> list[RemoteTask]:
        rows = self.client.list_all(f"/projects/{project_id}/tasks", opt_fields=mapping.TASK_FIELDS)
        return [mapping.to_task(row, project_id) async for row in rows]

    async def _sections(self, project_id: str, tasks: Sequence[TaskSpec]) -> dict[str, str]:
        """Section gid by phase name, creating the missing ones in plan order."""
        found: dict[str, str] = {}
        rows = self.client.list_all(f"/projects/{project_id}/sections", opt_fields="name")
        async for row in rows:
            found.setdefault(str(row.get("name") or ""), str(row["gid"]))
        for phase in requests.phases_in_order(tasks):
            if phase not in found:
                created = await self.client.post(
                    f"/projects/{project_id}/sections", {"name": phase}, opt_fields="name"
                )
                found[phase] = str(created["gid"])
        return found

    async def create_tasks(self, project_id: str, tasks: Sequence[TaskSpec]) -> list[RemoteTask]:
        phased = any(task.phase for task in tasks)
        sections = await self._sections(project_id, tasks) if phased else {}
        created = []
        for task in tasks:
            section = sections[task.phase] if task.phase else None
            body = requests.task_body(task, project_id, section)
            row = await self.client.post("/tasks", body, opt_fields=mapping.TASK_FIELDS)
            created.append(mapping.to_task(row, project_id))
        return created

    # -- changes ------------------------------------------------------------------------------

    async def projects_changed_since(self, since: datetime) -> AsyncIterator[RemoteProject]:
        changed = []
        async for data in self._ours():
            if mapping.ext_ref_of(data.get("notes")) is None:
                continue
            try:
                project = self._project(data)
            except ValueError as error:  # one unreadable project must not stop the others
                log.warning("asana.unreadable_object", gid=data.get("gid"), error=str(error))
                continue
            if project.updated_at >= since:
                changed.append(project)
        for project in sorted(changed, key=lambda p: p.updated_at):
            yield project

    async def tasks_changed_since(self, since: datetime) -> AsyncIterator[RemoteTask]:
        changed: list[RemoteTask] = []
        async for data in self._ours():
            if mapping.ext_ref_of(data.get("notes")) is None:
                continue
            gid = str(data["gid"])
            params = {"project": gid, "modified_since": mapping.format_time(since)}
            async for row in self.client.list_all("/tasks", params, mapping.TASK_FIELDS):
                try:
                    changed.append(mapping.to_task(row, gid))
                except ValueError as error:
                    log.warning("asana.unreadable_object", gid=row.get("gid"), error=str(error))
        for task in sorted(changed, key=lambda t: t.updated_at):
            yield task

    async def ensure_subscriptions(self, url: str, token: str) -> list[str]:
        """One webhook on the team (or workspace) for project events, its target carrying a
        hook id this server minted (`webhook`); kept when an active one already points here."""
        resource = self.options.team or self.options.workspace
        params = {"workspace": self.options.workspace, "resource": resource}
        async for hook in self.client.list_all("/webhooks", params, "target,active,resource"):
            target = str(hook.get("target") or "")
            if target.startswith(f"{url}?hook=") and hook.get("active", True):
                return [str(hook["gid"])]
        target = f"{url}?hook={webhook.mint_hook_id(token)}"
        filters = [{"resource_type": "project", "action": action} for action in PROJECT_EVENTS]
        created = await self.client.post_envelope(
            "/webhooks", {"resource": resource, "target": target, "filters": filters}
        )
        data = created.get("data")
        if not isinstance(data, dict) or not data.get("gid"):
            raise LogicalError("Asana created a webhook but returned no gid")
        return [str(data["gid"])]

    def parse_event(self, payload: Any) -> ChangeEvent:
        """What a compact event says by itself: a deletion, or a hint to fetch the object."""
        if not isinstance(payload, dict) or webhook.refusal({"events": [payload]}) is not None:
            raise LogicalError("not an Asana event")
        resource = payload["resource"]
        kind, gid = str(resource["resource_type"]), str(resource["gid"])
        if kind not in webhook.KEPT_TYPES:
            raise LogicalError(f"Asana {kind} events are not synced")
        occurred = mapping.parse_datetime(payload["created_at"])
        assert occurred is not None  # refusal checked it
        kinds = {"added": ChangeKind.CREATED, "deleted": ChangeKind.DELETED}
        return ChangeEvent(kinds.get(payload["action"], ChangeKind.UPDATED), kind, gid, occurred)

    async def resolve_event(self, payload: Any) -> ChangeEvent:
        """The event with the object as it is now: replays and reordering then settle on the
        newest state, whatever order the hints came in (apply compares `modified_at`)."""
        hint = self.parse_event(payload)
        if hint.kind is ChangeKind.DELETED:
            return hint
        try:
            if hint.object_type == "project":
                project = await self.get_project(hint.object_id)
                # Asana's project has no "modified by": the event names who made the change.
                return _with(hint, project=replace(project, updated_by=_user_of(payload)))
            row = await self.client.get(f"/tasks/{hint.object_id}", mapping.TASK_FIELDS)
        except RemoteNotFound:  # deleted since: say so, with the event's time
            return ChangeEvent(ChangeKind.DELETED, hint.object_type, hint.object_id,
                               hint.occurred_at)  # fmt: skip
        task = mapping.to_task(row)
        return _with(hint, task=task, project_id=task.project_id or None)


def _user_of(payload: Any) -> str | None:
    user = payload.get("user") if isinstance(payload, dict) else None
    return str(user["gid"]) if isinstance(user, dict) and user.get("gid") else None


def _with(hint: ChangeEvent, **state: Any) -> ChangeEvent:
    return ChangeEvent(hint.kind, hint.object_type, hint.object_id, hint.occurred_at, **state)
