"""A task's links: the projects it is in and its dependencies (reference §5.6).

``addProject``/``removeProject`` multi-home a task (at most 20 projects); dependencies are
finish-to-start only, at most 30 dependencies and dependents together per task, and answer
``{"data": {}}``.
"""

from __future__ import annotations

from starlette.responses import Response

from mcc.sandbox.asana.api_sections import place
from mcc.sandbox.asana.api_tasks import MAX_LINKS, MAX_PROJECTS
from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import AsanaService, require
from mcc.sandbox.asana.store import Doc


async def add_project(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        project = service.resolve(require(call.data, "project"), "project", "project")
        section = call.data.get("section")
        if section is not None:
            found = service.resolve(section, "section", "section")
            if found["project"] != project["gid"]:
                raise invalid("section: The section is not in that project")
        projects = {m["project"] for m in task.get("memberships", [])} | {project["gid"]}
        if len(projects) > MAX_PROJECTS:
            raise invalid(f"project: A task can be in at most {MAX_PROJECTS} projects")
        place(service, task, project["gid"], section)
        service.save(task, touch=False)
        service.emit("added", task, parent=project)
    return call.empty()


async def remove_project(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        project = service.resolve(require(call.data, "project"), "project", "project")
        service.emit("removed", task, parent=project)  # while the project still sees it
        task["memberships"] = [m for m in task["memberships"] if m["project"] != project["gid"]]
        service.save(task, touch=False)
    return call.empty()


def _dependents(service: AsanaService, gid: str) -> list[Doc]:
    return [t for t in service.store.all("task") if gid in t.get("dependencies", [])]


def _gids(call: Call, name: str) -> list[str]:
    value = call.data.get(name)
    if not value:
        raise AsanaError(400, f"{name}: Missing input")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise invalid(f"{name}: Must be an array of task gids")
    for gid in value:
        call.emu.service.resolve(gid, "task", name)
    return list(value)


async def add_dependencies(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        wanted = [g for g in _gids(call, "dependencies") if g not in task["dependencies"]]
        if task["gid"] in wanted:
            raise invalid("dependencies: A task cannot depend on itself")
        total = len(task["dependencies"]) + len(wanted) + len(_dependents(service, task["gid"]))
        if total > MAX_LINKS:
            raise invalid(f"dependencies: At most {MAX_LINKS} dependencies and dependents")
        task["dependencies"] = [*task["dependencies"], *wanted]
        service.save(task)
        for gid in wanted:
            service.changed(task, "dependencies", gid)
    return call.empty()


async def remove_dependencies(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        task = service.get(call.path["task_gid"], "task")
        gone = set(_gids(call, "dependencies"))
        task["dependencies"] = [g for g in task["dependencies"] if g not in gone]
        service.save(task)
        service.changed(task, "dependencies", None)
    return call.empty()


async def dependencies(call: Call) -> Response:
    task = call.emu.service.get(call.path["task_gid"], "task")
    found = [call.emu.store.get(g, "task") for g in task["dependencies"]]
    return call.many([t for t in found if t is not None])


async def dependents(call: Call) -> Response:
    task = call.emu.service.get(call.path["task_gid"], "task")
    return call.many(_dependents(call.emu.service, task["gid"]))


routes = [
    api("POST", "/tasks/{task_gid}/addProject", add_project),
    api("POST", "/tasks/{task_gid}/removeProject", remove_project),
    api("POST", "/tasks/{task_gid}/addDependencies", add_dependencies),
    api("POST", "/tasks/{task_gid}/removeDependencies", remove_dependencies),
    api("GET", "/tasks/{task_gid}/dependencies", dependencies),
    api("GET", "/tasks/{task_gid}/dependents", dependents),
]
