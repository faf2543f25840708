"""Projects and their custom field settings (reference §5.2).

Project-level custom field values (``custom_fields: {field gid: value}``, §5.2) are written on
create and update for any field of the project's workspace, validated by type as on tasks, and
read back as records (``text_value``, ``display_value``...); a change emits ``changed`` with
field ``custom_fields``, so a webhook tells its subscriber to fetch the project.

A workspace that is an organization needs a team for every project: ``POST /projects`` with
``team`` in the body (deprecated in the 2026 spec, still accepted) or ``POST /teams/{gid}/
projects``. A new project gets one "Untitled section", as new Asana projects do; tasks added
without a section land in the first section. ``completed`` is read-only in Asana's spec; the
emulator also accepts it on ``PUT`` (and sets it from a ``complete`` status update) so a test or
a demo can complete a project the way a person does in Asana's UI.
"""

from __future__ import annotations

from starlette.responses import Response

from mcc.sandbox.asana import rules
from mcc.sandbox.asana.api_tasks import custom_value
from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import AsanaService, require
from mcc.sandbox.asana.store import Doc

_UPDATABLE = ("name", "notes", "html_notes", "color", "archived", "public", "owner",
              "default_view", "privacy_setting", "due_on", "start_on", "completed")  # fmt: skip
_VIEWS = ("list", "board", "calendar", "timeline")


def new_project(call: Call, workspace: Doc, team: Doc | None, data: Doc) -> Doc:
    """Validate and create a project with its default section; emits ``added``."""
    service = call.emu.service
    if workspace.get("is_organization") and team is None:
        raise AsanaError(400, "team: Missing input")
    if team is not None and team["organization"] != workspace["gid"]:
        raise invalid("team: The team is not in this workspace")
    with service.unit(call.user):
        project: Doc = {
            "resource_type": "project", "name": rules.text("name", data.get("name")),
            "notes": "", "html_notes": "",
            "color": "none", "archived": False, "public": True, "default_view": "list",
            "privacy_setting": "public_to_workspace", "completed": False, "completed_at": None,
            "completed_by": None, "due_on": None, "due_date": None, "start_on": None,
            "owner": call.user, "workspace": workspace["gid"],
            "team": team["gid"] if team else None, "current_status_update": None,
            "followers": [call.user], "members": [call.user],
        }  # fmt: skip
        apply(service, project, data, call.user, creating=True)
        project["permalink_url"] = ""
        doc = service.create("project", project)
        doc["permalink_url"] = f"https://app.asana.com/0/{doc['gid']}/{doc['gid']}"
        service.save(doc)
        service.create("section", {"name": "Untitled section", "project": doc["gid"], "_pos": 0})
        service.emit("added", doc, parent=team or workspace)
    return doc


def apply(service: AsanaService, doc: Doc, data: Doc, user: str, *, creating: bool) -> None:
    """The writable fields of a create or partial update, each validated."""
    for name in ("name", "notes", "html_notes"):
        if name in data:
            doc[name] = rules.text(name, data[name])
    if "color" in data:
        color = data["color"] if data["color"] is not None else "none"
        if color not in rules.COLORS:
            raise invalid(f"color: Not a valid color: {color!r}")
        doc["color"] = color
    for name in ("archived", "public"):
        if name in data:
            doc[name] = rules.boolean(name, data[name])
    if "default_view" in data:
        if data["default_view"] not in _VIEWS:
            raise invalid(f"default_view: Not one of {', '.join(_VIEWS)}")
        doc["default_view"] = data["default_view"]
    if "owner" in data:
        doc["owner"] = rules.person(service, "owner", data["owner"], user)
    rules.dates(doc, data)
    if "custom_fields" in data:
        _custom_fields(service, doc, data["custom_fields"])
    if "completed" in data and not creating:
        rules.completion(service, doc, data["completed"], user)


def _custom_fields(service: AsanaService, project: Doc, raw: object) -> None:
    if not isinstance(raw, dict):
        raise invalid("custom_fields: Must be an object of custom field gid to value")
    values = dict(project.get("custom_field_values") or {})
    for gid, value in raw.items():
        field = service.resolve(gid, "custom_field", "custom_fields")
        if field.get("_workspace") != project["workspace"]:
            raise invalid(f"custom_fields: Custom field {gid} is not in this project's workspace")
        values[gid] = custom_value(service, field, value)
    project["custom_field_values"] = values


def _team(call: Call, value: object) -> Doc | None:
    return None if value is None else call.emu.service.resolve(value, "team", "team")


async def create_project(call: Call) -> Response:
    service = call.emu.service
    workspace = service.resolve(require(call.data, "workspace"), "workspace", "workspace")
    return call.created(new_project(call, workspace, _team(call, call.data.get("team")), call.data))


async def create_in_team(call: Call) -> Response:
    service = call.emu.service
    team = service.get(call.path["team_gid"], "team")
    workspace = service.get(team["organization"], "workspace")
    return call.created(new_project(call, workspace, team, call.data))


async def create_in_workspace(call: Call) -> Response:
    service = call.emu.service
    workspace = service.get(call.path["workspace_gid"], "workspace")
    return call.created(new_project(call, workspace, _team(call, call.data.get("team")), call.data))


async def get_project(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["project_gid"], "project"))


async def update_project(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        project = service.get(call.path["project_gid"], "project")
        before = dict(project)
        if "team" in call.data:
            team = _team(call, call.data["team"])
            if team is None or team["organization"] != project["workspace"]:
                raise invalid("team: Not a team of this project's workspace")
            project["team"] = team["gid"]
        apply(service, project, call.data, call.user, creating=False)
        if project != before:
            service.save(project)
            rules.emit_changes(service, before, project, [*_UPDATABLE, "team"])
            if before.get("custom_field_values") != project.get("custom_field_values"):
                service.changed(project, "custom_fields", None)
    return call.one(project)


async def delete_project(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        project = service.get(call.path["project_gid"], "project")
        gid = project["gid"]
        service.emit("deleted", project)
        for section in service.store.all("section"):
            if section["project"] == gid:
                service.remove(section)
        for setting in service.store.all("custom_field_setting"):
            if setting["project"] == gid:
                service.remove(setting)
        for task in service.store.all("task"):
            kept = [m for m in task.get("memberships", []) if m["project"] != gid]
            if len(kept) == len(task.get("memberships", [])):
                continue
            if kept or task.get("parent"):
                task["memberships"] = kept
                service.save(task, touch=False)
            else:  # only in this project: it goes too, with its subtasks
                for sub in service.store.all("task"):
                    if sub.get("parent") == task["gid"]:
                        service.remove(sub)
                service.remove(task)
        service.remove(project)
    return call.empty()


def _listed(call: Call, projects: list[Doc]) -> Response:
    archived = call.flag("archived")
    if archived is not None:
        projects = [p for p in projects if bool(p.get("archived")) == archived]
    return call.many(projects)


async def list_projects(call: Call) -> Response:
    workspace, team = call.query.get("workspace"), call.query.get("team")
    if not workspace and not team:
        raise AsanaError(400, "workspace: Missing input")
    found = [
        p for p in call.emu.store.all("project")
        if (not workspace or p["workspace"] == workspace) and (not team or p["team"] == team)
    ]  # fmt: skip
    return _listed(call, found)


async def team_projects(call: Call) -> Response:
    team = call.emu.service.get(call.path["team_gid"], "team")
    return _listed(call, [p for p in call.emu.store.all("project") if p["team"] == team["gid"]])


async def workspace_projects(call: Call) -> Response:
    ws = call.emu.service.get(call.path["workspace_gid"], "workspace")
    return _listed(call, [p for p in call.emu.store.all("project") if p["workspace"] == ws["gid"]])


# -- custom field settings ----------------------------------------------------------------------


async def add_custom_field_setting(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        project = service.get(call.path["project_gid"], "project")
        field = service.resolve(require(call.data, "custom_field"), "custom_field", "custom_field")
        if field["_workspace"] != project["workspace"]:
            raise invalid("custom_field: The field is not in this project's workspace")
        for setting in service.store.all("custom_field_setting"):
            if setting["project"] == project["gid"] and setting["custom_field"] == field["gid"]:
                raise invalid("custom_field: The field is already on this project")
        setting = service.create("custom_field_setting", {
            "project": project["gid"], "parent": project["gid"], "custom_field": field["gid"],
            "is_important": bool(call.data.get("is_important", False)),
        })  # fmt: skip
        service.changed(project, "custom_field_settings", None)
    return call.one(setting)


async def remove_custom_field_setting(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        project = service.get(call.path["project_gid"], "project")
        wanted = require(call.data, "custom_field")
        settings = [s for s in service.store.all("custom_field_setting")
                    if s["project"] == project["gid"] and s["custom_field"] == wanted]  # fmt: skip
        if not settings:
            raise invalid("custom_field: The field is not on this project")
        service.remove(settings[0])
        service.changed(project, "custom_field_settings", None)
    return call.empty()


async def custom_field_settings(call: Call) -> Response:
    project = call.emu.service.get(call.path["project_gid"], "project")
    settings = [s for s in call.emu.store.all("custom_field_setting")
                if s["project"] == project["gid"]]  # fmt: skip
    return call.many(settings)


routes = [
    api("POST", "/projects", create_project),
    api("GET", "/projects", list_projects),
    api("GET", "/projects/{project_gid}", get_project),
    api("PUT", "/projects/{project_gid}", update_project),
    api("DELETE", "/projects/{project_gid}", delete_project),
    api("POST", "/teams/{team_gid}/projects", create_in_team),
    api("GET", "/teams/{team_gid}/projects", team_projects),
    api("POST", "/workspaces/{workspace_gid}/projects", create_in_workspace),
    api("GET", "/workspaces/{workspace_gid}/projects", workspace_projects),
    api("POST", "/projects/{project_gid}/addCustomFieldSetting", add_custom_field_setting),
    api("POST", "/projects/{project_gid}/removeCustomFieldSetting", remove_custom_field_setting),
    api("GET", "/projects/{project_gid}/custom_field_settings", custom_field_settings),
]
