"""Sections and status updates of a project (reference §5.3, §5.5).

Sections keep an order (``insert_before``/``insert_after``); the last section of a project and
a section that still holds tasks cannot be deleted, as in Asana. ``POST /sections/{gid}/addTask``
moves a task into the section, out of the project's other sections (adding the project to the
task when needed). A status update keeps ``project.current_status_update`` current; a
``complete`` one also completes the project, as marking it complete in Asana's UI does.
"""

from __future__ import annotations

from starlette.responses import Response

from mcc.sandbox.asana import rules
from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import AsanaService, require
from mcc.sandbox.asana.store import Doc

STATUS_TYPES = ("on_track", "at_risk", "off_track", "on_hold", "complete", "dropped")


def sections_of(service: AsanaService, project: str) -> list[Doc]:
    """A project's sections in board order."""
    found = [s for s in service.store.all("section") if s["project"] == project]
    return sorted(found, key=lambda s: float(s.get("_pos", 0)))


def _position(service: AsanaService, project: str, data: Doc) -> float:
    ordered = sections_of(service, project)
    for key, step in (("insert_before", -0.5), ("insert_after", 0.5)):
        anchor = data.get(key)
        if anchor is None:
            continue
        for index, section in enumerate(ordered):
            if section["gid"] == anchor:
                neighbour = index + (1 if step > 0 else -1)
                if 0 <= neighbour < len(ordered):
                    return (float(section["_pos"]) + float(ordered[neighbour]["_pos"])) / 2
                return float(section["_pos"]) + step * 2
        raise invalid(f"{key}: Not a section of this project: {anchor}")
    return float(ordered[-1]["_pos"]) + 1 if ordered else 0.0


def place(service: AsanaService, task: Doc, project: str, section: str | None) -> None:
    """Put ``task`` in ``project`` (in ``section``, else the first one) without duplicates."""
    if section is None:
        ordered = sections_of(service, project)
        section = ordered[0]["gid"] if ordered else None
    kept = [m for m in task.get("memberships", []) if m["project"] != project]
    task["memberships"] = [*kept, {"project": project, "section": section}]


async def create_section(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        project = service.get(call.path["project_gid"], "project")
        name = rules.text("name", require(call.data, "name")).strip()
        if not name:
            raise AsanaError(400, "name: Missing input")
        pos = _position(service, project["gid"], call.data)
        section = service.create("section", {"name": name, "project": project["gid"],
                                             "_pos": pos})  # fmt: skip
        service.emit("added", section, parent=project)
    return call.created(section)


async def project_sections(call: Call) -> Response:
    project = call.emu.service.get(call.path["project_gid"], "project")
    return call.many(sections_of(call.emu.service, project["gid"]))


async def get_section(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["section_gid"], "section"))


async def update_section(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        section = service.get(call.path["section_gid"], "section")
        if "name" in call.data:
            name = rules.text("name", call.data["name"]).strip()
            if not name:
                raise AsanaError(400, "name: Missing input")
            if name != section["name"]:
                section["name"] = name
                service.save(section)
                service.changed(section, "name", name)
    return call.one(section)


async def delete_section(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        section = service.get(call.path["section_gid"], "section")
        if len(sections_of(service, section["project"])) == 1:
            raise invalid("section: The last section of a project cannot be deleted")
        for task in service.store.all("task"):
            if any(m.get("section") == section["gid"] for m in task.get("memberships", [])):
                raise invalid("section: Only an empty section can be deleted")
        service.emit("deleted", section)
        service.remove(section)
    return call.empty()


async def add_task(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        section = service.get(call.path["section_gid"], "section")
        task = service.resolve(require(call.data, "task"), "task", "task")
        was_in = any(m["project"] == section["project"] for m in task.get("memberships", []))
        place(service, task, section["project"], section["gid"])
        service.save(task, touch=False)  # a move does not change modified_at (§5.6)
        project = service.get(section["project"], "project")
        if not was_in:
            service.emit("added", task, parent=project)
        service.emit("added", task, parent=section)
    return call.empty()


async def section_tasks(call: Call) -> Response:
    section = call.emu.service.get(call.path["section_gid"], "section")
    return call.many(in_section(call.emu.service, section["gid"]))


def in_section(service: AsanaService, gid: str) -> list[Doc]:
    """The tasks placed in one section."""
    tasks = service.store.all("task")
    return [t for t in tasks if any(m.get("section") == gid for m in t.get("memberships", []))]


# -- status updates -------------------------------------------------------------------------------


def add_status(
    service: AsanaService, project: Doc, kind: str, user: str, title: str = "", text: str = ""
) -> Doc:
    """Post a status update inside the open unit; ``complete`` completes the project."""
    if kind not in STATUS_TYPES:
        raise invalid(f"status_type: Not one of {', '.join(STATUS_TYPES)}")
    update = service.create("status_update", {
        "resource_subtype": "project_status_update", "status_type": kind, "title": title,
        "text": text, "html_text": "", "parent": project["gid"], "author": user,
        "created_by": user,
    })  # fmt: skip
    project["current_status_update"] = update["gid"]
    # Only "complete" completes; a later status does not reopen the project.
    completed = kind == "complete" and rules.completion(service, project, True, user)
    service.save(project)
    service.changed(project, "current_status_update", update["gid"])
    if completed:
        service.changed(project, "completed", None)
    return update


async def create_status(call: Call) -> Response:
    service = call.emu.service
    data = call.data
    with service.unit(call.user):
        project = service.resolve(require(data, "parent"), "project", "parent")
        update = add_status(service, project, require(data, "status_type"), call.user,
                            rules.text("title", data.get("title")),
                            rules.text("text", data.get("text")))  # fmt: skip
    return call.created(update)


async def list_statuses(call: Call) -> Response:
    parent = call.query.get("parent")
    if not parent:
        raise AsanaError(400, "parent: Missing input")
    found = [u for u in call.emu.store.all("status_update") if u["parent"] == parent]
    return call.many(list(reversed(found)))  # newest first


async def get_status(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["status_gid"], "status_update"))


async def delete_status(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        update = service.get(call.path["status_gid"], "status_update")
        service.remove(update)
        project = service.store.get(update["parent"], "project")
        if project is not None and project.get("current_status_update") == update["gid"]:
            rest = [u for u in service.store.all("status_update") if u["parent"] == project["gid"]]
            project["current_status_update"] = rest[-1]["gid"] if rest else None
            service.save(project)
            service.changed(project, "current_status_update", project["current_status_update"])
    return call.empty()


routes = [
    api("POST", "/projects/{project_gid}/sections", create_section),
    api("GET", "/projects/{project_gid}/sections", project_sections),
    api("GET", "/sections/{section_gid}", get_section),
    api("PUT", "/sections/{section_gid}", update_section),
    api("DELETE", "/sections/{section_gid}", delete_section),
    api("POST", "/sections/{section_gid}/addTask", add_task),
    api("GET", "/sections/{section_gid}/tasks", section_tasks),
    api("POST", "/status_updates", create_status),
    api("GET", "/status_updates", list_statuses),
    api("GET", "/status_updates/{status_gid}", get_status),
    api("DELETE", "/status_updates/{status_gid}", delete_status),
]
