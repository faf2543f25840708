"""The request bodies Asana receives for a campaign: the adapter sends them, the preview shows them.

Pure functions of a `ProjectSpec` and the `AsanaOptions`, so the exact preview
(`mcc.sync.payload.exact_requests`) and `AsanaAdapter.create_project`/`create_tasks` cannot drift
apart: what the campaign page, GraphQL and the chat card show is what the emulator (or Asana)
records. Ids only Asana knows are placeholders in the preview: the project's gid, a section's gid,
a template job's project (`PROJECT_ID`, `section_ref`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mcc.integrations.asana import mapping
from mcc.integrations.workmgmt import (
    AFTER_LAUNCH,
    BEFORE_LAUNCH,
    LAUNCH,
    ExecutionStatus,
    ProjectSpec,
    TaskSpec,
)

PHASE_ORDER = (BEFORE_LAUNCH, LAUNCH, AFTER_LAUNCH)
PROJECT_ID = "{project id}"
TEXT_LIMIT = 1024  # Asana caps a text custom field value (reference §5.7)


@dataclass(frozen=True)
class AsanaOptions:
    workspace: str
    team: str | None = None
    # Template gid per campaign: keys "tier1".."tier3" or a campaign type ("email"); type wins.
    templates: Mapping[str, str] = field(default_factory=dict)
    custom_fields: Mapping[str, str] = field(default_factory=dict)  # strategy key → field gid
    ui_url: str = "https://app.asana.com/0"
    job_poll_seconds: float = 0.2
    job_timeout_seconds: float = 60.0

    def projects_path(self) -> str:
        """Where projects are created and listed: the team (preferred in organizations)."""
        if self.team:
            return f"/teams/{self.team}/projects"
        return f"/workspaces/{self.workspace}/projects"


def section_ref(phase: str) -> str:
    """The preview's stand-in for the gid of the section `phase` gets."""
    return f"{{section: {phase}}}"


def custom_values(options: AsanaOptions, strategy: Mapping[str, str | None]) -> dict[str, str]:
    """Strategy fields by their configured custom-field gids, unset ones left out."""
    fields = options.custom_fields
    return {
        fields[key]: value[:TEXT_LIMIT]
        for key, value in strategy.items()
        if key in fields and value is not None
    }


def template_of(spec: ProjectSpec, options: AsanaOptions) -> str | None:
    """A template per campaign type wins over one per tier (`tier1`..`tier3`)."""
    return options.templates.get(spec.campaign_type) or options.templates.get(f"tier{spec.tier}")


def project_body(spec: ProjectSpec, options: AsanaOptions) -> dict[str, Any]:
    """The project's fields: `POST` to `projects_path` without a template; with one, the name
    goes to the instantiation and the rest to the `PUT` that follows it."""
    body: dict[str, Any] = {
        "name": spec.name,
        "notes": mapping.with_marker(spec.description, spec.ext_ref),
    }
    if spec.planned_completion:
        body["due_on"] = spec.planned_completion.isoformat()
        if spec.planned_start and spec.planned_start < spec.planned_completion:
            body["start_on"] = spec.planned_start.isoformat()  # only with due_on (§5.2)
    strategy = {**spec.strategy, "tier": str(spec.tier), "campaign_type": spec.campaign_type}
    custom = custom_values(options, strategy)
    if custom:
        body["custom_fields"] = custom
    if not options.team and not template_of(spec, options):
        body["workspace"] = options.workspace
    return body


def instantiate_body(spec: ProjectSpec, options: AsanaOptions) -> dict[str, Any]:
    """The body of `POST /project_templates/{gid}/instantiateProject` (§5.4): the template's
    start ("1") and due ("2") dates are shifted to the campaign's."""
    data: dict[str, Any] = {"name": spec.name}
    if options.team:
        data["team"] = options.team
    dates = [("1", spec.planned_start), ("2", spec.planned_completion)]
    requested = [{"gid": gid, "value": day.isoformat()} for gid, day in dates if day]
    if requested:
        data["requested_dates"] = requested
    return data


def status_body(project_id: str, status: ExecutionStatus) -> dict[str, Any] | None:
    """Our status as a status update; None for planning (a new project has no update)."""
    if status not in mapping.STATUS_TYPE:
        return None
    title = mapping.STATUS_TITLE[status]
    return {"parent": project_id, "status_type": mapping.STATUS_TYPE[status], "title": title,
            "text": f"Status set in Marketing Command Center: {title}."}  # fmt: skip


def phases_in_order(tasks: Sequence[TaskSpec]) -> list[str]:
    """The sections the tasks need, in plan order (known phases first)."""
    phases = [task.phase for task in tasks if task.phase]
    return [p for p in PHASE_ORDER if p in phases] + [
        p for p in dict.fromkeys(phases) if p not in PHASE_ORDER
    ]


def task_body(task: TaskSpec, project_id: str, section: str | None) -> dict[str, Any]:
    """The body of `POST /tasks` for one plan step, in its phase's section when it has one."""
    body: dict[str, Any] = {"name": task.name, "due_on": task.due.isoformat()}
    if task.start < task.due:
        body["start_on"] = task.start.isoformat()
    if task.description or task.owner_role:
        body["notes"] = task.description or f"Owner: {task.owner_role}"
    if section is not None:
        body["memberships"] = [{"project": project_id, "section": section}]
    else:
        body["projects"] = [project_id]
    return body


def _request(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"method": method, "path": path, "body": body}


def exact_requests(spec: ProjectSpec, options: AsanaOptions) -> list[dict[str, Any]]:
    """Every write the creation of the campaign's project sends, in order (the look-ups that
    come first and the template job's polling are reads, left out). With a template, sections
    the template already has are not created again, and its own tasks are Asana's."""
    requests: list[dict[str, Any]] = []
    template = template_of(spec, options)
    body = project_body(spec, options)
    if template:
        path = f"/project_templates/{template}/instantiateProject"
        requests.append(_request("POST", path, instantiate_body(spec, options)))
        rest = {key: value for key, value in body.items() if key != "name"}
        requests.append(_request("PUT", f"/projects/{PROJECT_ID}", rest))
    else:
        requests.append(_request("POST", options.projects_path(), body))
    status = status_body(PROJECT_ID, spec.status)
    if status is not None:
        requests.append(_request("POST", "/status_updates", status))
    for phase in phases_in_order(spec.tasks):
        requests.append(_request("POST", f"/projects/{PROJECT_ID}/sections", {"name": phase}))
    for task in spec.tasks:
        section = section_ref(task.phase) if task.phase else None
        requests.append(_request("POST", "/tasks", task_body(task, PROJECT_ID, section)))
    return requests
