"""Tasks and subtasks (reference §5.6): create, read, update, delete, list, move, link.

A task needs ``workspace``, ``projects`` or ``parent`` and keeps its workspace forever;
``memberships: [{project, section}]`` places it in a section at creation. ``custom_fields`` are
written as ``{field gid: value}`` (an enum takes one of *that* field's option gids) and only for
fields set on one of the task's projects; they read back as records with ``display_value``
(§5.7). A milestone has no start date. ``completed`` sets or clears ``completed_at``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mcc.sandbox.asana import rules
from mcc.sandbox.asana.api_sections import in_section, place
from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import AsanaService, iso
from mcc.sandbox.asana.store import Doc

SUBTYPES = ("default_task", "milestone", "approval")
MAX_LINKS = 30  # dependencies + dependents of one task
MAX_PROJECTS = 20
_UPDATABLE = ("name", "notes", "html_notes", "assignee", "completed", "due_on", "due_at",
              "start_on", "start_at", "resource_subtype")  # fmt: skip


def custom_value(service: AsanaService, field: Doc, value: Any) -> Any:
    """Validate one custom field value for its type (§5.6, §5.7)."""
    kind, label = field["resource_subtype"], f"custom_fields.{field['gid']}"
    if value is None:
        return None
    if kind == "enum":
        options = {o["gid"]: o for o in field["enum_options"]}
        if value not in options:
            raise invalid(f"{label}: {value!r} is not an enum option of this field")
        if not options[value]["enabled"]:
            raise invalid(f"{label}: The option {value} is disabled")
        return value
    if kind == "multi_enum":
        gids = {o["gid"] for o in field["enum_options"]}
        if not isinstance(value, list) or any(v not in gids for v in value):
            raise invalid(f"{label}: Must be a list of this field's enum option gids")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise invalid(f"{label}: Not a number: {value!r}")
        return value
    if kind == "date":
        raw = value.get("date") if isinstance(value, dict) else value
        return rules.day(label, raw)
    if kind == "people":
        if not isinstance(value, list):
            raise invalid(f"{label}: Must be a list of users")
        return [rules.person(service, label, v, "") for v in value]
    return rules.text(label, value, limit=1024)


def _custom_fields(service: AsanaService, task: Doc, raw: Any) -> None:
    if not isinstance(raw, dict):
        raise invalid("custom_fields: Must be an object of custom field gid to value")
    projects = {m["project"] for m in task.get("memberships", [])}
    allowed = {s["custom_field"] for s in service.store.all("custom_field_setting")
               if s["project"] in projects}  # fmt: skip
    values = dict(task.get("custom_field_values", {}))
    for gid, value in raw.items():
        field = service.resolve(gid, "custom_field", "custom_fields")
        if projects and gid not in allowed:
            raise invalid(f"custom_fields: Custom field {gid} is not on this task's projects")
        values[gid] = custom_value(service, field, value)
    task["custom_field_values"] = values


def _apply(service: AsanaService, task: Doc, data: Doc, user: str) -> None:
    for name in ("name", "notes", "html_notes"):
        if name in data:
            task[name] = rules.text(name, data[name])
    if "resource_subtype" in data:
        if data["resource_subtype"] not in SUBTYPES:
            raise invalid(f"resource_subtype: Not one of {', '.join(SUBTYPES)}")
        task["resource_subtype"] = data["resource_subtype"]
    if "assignee" in data:
        task["assignee"] = rules.person(service, "assignee", data["assignee"], user)
    if "due_on" in data and "due_at" in data and data["due_on"] and data["due_at"]:
        raise invalid("due_on: Use due_on or due_at, not both")
    if "due_at" in data:
        task["due_at"] = rules.text("due_at", data["due_at"]) or None
        if task["due_at"]:
            task["due_on"] = task["due_at"][:10]
    rules.dates(
        task,
        {k: v for k, v in data.items() if k != "due_at"}
        | ({"due_on": task.get("due_on")} if "due_at" in data and "start_on" in data else {}),
    )
    if task.get("resource_subtype") == "milestone" and task.get("start_on"):
        raise invalid("start_on: A milestone cannot have a start date")
    if "completed" in data:
        rules.completion(service, task, data["completed"], user)
    if "custom_fields" in data:
        _custom_fields(service, task, data["custom_fields"])


def _memberships(service: AsanaService, data: Doc) -> list[tuple[Doc, str | None]]:
    found: list[tuple[Doc, str | None]] = []
    for gid in data.get("projects") or []:
        found.append((service.resolve(gid, "project", "projects"), None))
    for item in data.get("memberships") or []:
        if not isinstance(item, dict):
            raise invalid("memberships: Each membership is {project, section}")
        project = service.resolve(item.get("project"), "project", "memberships.project")
        section = item.get("section")
        if section is not None:
            found_section = service.resolve(section, "section", "memberships.section")
            if found_section["project"] != project["gid"]:
                raise invalid("memberships.section: The section is not in that project")
        found.append((project, section))
    if len({p["gid"] for p, _ in found}) > MAX_PROJECTS:
        raise invalid(f"projects: A task can be in at most {MAX_PROJECTS} projects")
    return found


def blank_task(workspace: str, user: str) -> Doc:
    """A task's fields before the request's values are applied."""
    return {
        "resource_type": "task", "resource_subtype": "default_task", "name": "", "notes": "",
        "html_notes": "", "assignee": None, "completed": False, "completed_at": None,
        "completed_by": None, "due_on": None, "due_at": None, "start_on": None,
        "start_at": None, "workspace": workspace, "parent": None, "followers": [user],
        "dependencies": [], "memberships": [], "custom_field_values": {},
    }  # fmt: skip


def new_task(call: Call, data: Doc, parent: Doc | None = None) -> Doc:
    """Validate and create a task (or a subtask of ``parent``); emits ``added``."""
    service = call.emu.service
    if parent is None and data.get("parent") is not None:
        parent = service.resolve(data["parent"], "task", "parent")
    places = _memberships(service, data)
    workspace = data.get("workspace")
    derived = places[0][0]["workspace"] if places else parent["workspace"] if parent else None
    if workspace is None and derived is None:
        raise AsanaError(400, "workspace: Missing input")
    if workspace is not None:
        service.resolve(workspace, "workspace", "workspace")
        if derived is not None and derived != workspace:
            raise invalid("workspace: The projects or parent are in another workspace")
    with service.unit(call.user):
        task = blank_task(str(workspace or derived), call.user)
        task["parent"] = parent["gid"] if parent else None
        for project, section in places:
            place(service, task, project["gid"], section)
        _apply(service, task, {k: v for k, v in data.items() if k != "parent"}, call.user)
        doc = service.create("task", task)
        doc["permalink_url"] = f"https://app.asana.com/0/0/{doc['gid']}"
        service.save(doc)
        for project, _ in places:
            service.emit("added", doc, parent=project)
        if parent is not None:
            service.emit("added", doc, parent=parent)
    return doc


async def create_task(call: Call) -> Response:
    return call.created(new_task(call, call.data))


async def create_subtask(call: Call) -> Response:
    parent = call.emu.service.get(call.path["task_gid"], "task")
    return call.created(new_task(call, call.data, parent))


async def get_task(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["task_gid"], "task"))


async def update_task(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        before = dict(task)
        for name in ("projects", "memberships", "parent", "workspace"):
            if name in call.data:
                raise invalid(f"{name}: Cannot be changed with PUT; use the action endpoints")
        _apply(service, task, call.data, call.user)
        if task != before:
            service.save(task)
            rules.emit_changes(service, before, task, list(_UPDATABLE))
            if before.get("custom_field_values") != task.get("custom_field_values"):
                service.changed(task, "custom_fields", None)
    return call.one(task)


def subtree(service: AsanaService, gid: str) -> list[Doc]:
    found, frontier = [], [gid]
    tasks = service.store.all("task")
    while frontier:
        current = frontier.pop()
        for task in tasks:
            if task.get("parent") == current:
                found.append(task)
                frontier.append(task["gid"])
    return found


async def delete_task(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        for sub in subtree(service, task["gid"]):
            service.emit("deleted", sub)
            service.remove(sub)
        service.emit("deleted", task)
        service.remove(task)
    return call.empty()


def _since(call: Call, tasks: list[Doc]) -> list[Doc]:
    completed_since = call.query.get("completed_since")
    if completed_since:
        moment = iso(call.emu.clock.now()) if completed_since == "now" else completed_since
        tasks = [t for t in tasks
                 if not t.get("completed") or (t.get("completed_at") or "") >= moment]  # fmt: skip
    modified_since = call.query.get("modified_since")
    if modified_since:
        tasks = [t for t in tasks if (t.get("modified_at") or "") >= modified_since]
    return tasks


def _in_project(call: Call, project: str) -> list[Doc]:
    return [t for t in call.emu.store.all("task")
            if any(m["project"] == project for m in t.get("memberships", []))]  # fmt: skip


async def list_tasks(call: Call) -> Response:
    project, section = call.query.get("project"), call.query.get("section")
    assignee, workspace = call.query.get("assignee"), call.query.get("workspace")
    if project:
        tasks = _in_project(call, call.emu.service.resolve(project, "project", "project")["gid"])
    elif section:
        gid = call.emu.service.resolve(section, "section", "section")["gid"]
        tasks = in_section(call.emu.service, gid)
    elif assignee and workspace:
        user = rules.person(call.emu.service, "assignee", assignee, call.user)
        tasks = [t for t in call.emu.store.all("task")
                 if t.get("assignee") == user and t["workspace"] == workspace]  # fmt: skip
    else:
        raise invalid("Must specify exactly one of project, tag, section, or assignee + workspace")
    return call.many(_since(call, tasks))


async def project_tasks(call: Call) -> Response:
    project = call.emu.service.get(call.path["project_gid"], "project")
    return call.many(_since(call, _in_project(call, project["gid"])))


async def subtasks(call: Call) -> Response:
    task = call.emu.service.get(call.path["task_gid"], "task")
    return call.many([t for t in call.emu.store.all("task") if t.get("parent") == task["gid"]])


async def set_parent(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        if "parent" not in call.data:
            raise AsanaError(400, "parent: Missing input")
        parent = call.data["parent"]
        if parent is not None:
            found = service.resolve(parent, "task", "parent")
            if found["gid"] == task["gid"] or found in subtree(service, task["gid"]):
                raise invalid("parent: A task cannot be its own ancestor")
        old = task.get("parent")
        task["parent"] = parent
        service.save(task, touch=False)
        if old:
            service.emit("removed", task, parent=service.store.get(old), also=(old,))
        if parent:
            service.emit("added", task, parent=service.store.get(parent))
    return call.one(task)


routes = [
    api("POST", "/tasks", create_task),
    api("GET", "/tasks", list_tasks),
    api("GET", "/tasks/{task_gid}", get_task),
    api("PUT", "/tasks/{task_gid}", update_task),
    api("DELETE", "/tasks/{task_gid}", delete_task),
    api("GET", "/projects/{project_gid}/tasks", project_tasks),
    api("POST", "/tasks/{task_gid}/subtasks", create_subtask),
    api("GET", "/tasks/{task_gid}/subtasks", subtasks),
    api("POST", "/tasks/{task_gid}/setParent", set_parent),
]
