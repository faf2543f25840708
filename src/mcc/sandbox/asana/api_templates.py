"""Project templates and the jobs that instantiate them (reference §5.4).

``POST /project_templates/{gid}/instantiateProject`` answers 201 with a *job*; the project (its
sections and tasks, dates shifted from ``requested_dates``: gid "1" is the start, "2" the due
date) exists at once, but the job reports ``in_progress`` and hides ``new_project`` until the
``job_delay_ms`` fault switch has passed, so the caller's polling of ``GET /jobs/{gid}`` is
exercised. ``is_strict`` with a requested date left out answers 422.
"""

from __future__ import annotations

from datetime import date, timedelta

from starlette.responses import JSONResponse, Response

from mcc.sandbox.asana.api_projects import new_project
from mcc.sandbox.asana.api_sections import place
from mcc.sandbox.asana.api_tasks import blank_task
from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.rules import day
from mcc.sandbox.asana.service import require
from mcc.sandbox.asana.store import Doc


async def list_templates(call: Call) -> Response:
    workspace, team = call.query.get("workspace"), call.query.get("team")
    found = [
        t for t in call.emu.store.all("project_template")
        if (not workspace or t["_workspace"] == workspace) and (not team or t["team"] == team)
    ]  # fmt: skip
    return call.many(found)


async def team_templates(call: Call) -> Response:
    team = call.emu.service.get(call.path["team_gid"], "team")
    return call.many(
        [t for t in call.emu.store.all("project_template") if t["team"] == team["gid"]]
    )


async def get_template(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["template_gid"], "project_template"))


def _dates(data: Doc, strict: bool) -> tuple[date | None, date | None]:
    given: dict[str, str | None] = {}
    for item in data.get("requested_dates") or []:
        if not isinstance(item, dict) or item.get("gid") not in ("1", "2"):
            raise invalid('requested_dates: Each item is {gid: "1" or "2", value}')
        given[item["gid"]] = day("requested_dates.value", item.get("value"))
    if strict and any(not given.get(g) for g in ("1", "2")):
        raise AsanaError(422, "requested_dates: Every requested date needs a value (is_strict)")
    start, due = given.get("1"), given.get("2")
    return (date.fromisoformat(start) if start else None, date.fromisoformat(due) if due else None)


async def instantiate(call: Call) -> Response:
    service = call.emu.service
    template = service.get(call.path["template_gid"], "project_template")
    data = call.data
    name = require(data, "name")
    team = service.resolve(data.get("team") or template["team"], "team", "team")
    workspace = service.get(team["organization"], "workspace")
    start, due = _dates(data, bool(data.get("is_strict")))
    span = max((offset for s in template["_blueprint"] for _, offset in s["tasks"]), default=0)
    if start is None and due is not None:
        start = due - timedelta(days=span)
    with service.unit(call.user):
        fields: Doc = {"name": name, "notes": template["description"]}
        if start is not None:
            fields |= {"start_on": start.isoformat(),
                       "due_on": (due or start + timedelta(days=span)).isoformat()}  # fmt: skip
        project = new_project(call, workspace, team, fields)
        for first in service.store.all("section"):
            if first["project"] == project["gid"]:
                service.remove(first)  # the template's sections replace the default one
        for position, blueprint in enumerate(template["_blueprint"]):
            fields = {"name": blueprint["name"], "project": project["gid"], "_pos": position}
            section = service.create("section", fields)
            for task_name, offset in blueprint["tasks"]:
                task = blank_task(workspace["gid"], call.user)
                task["name"] = task_name
                if start is not None:
                    task["due_on"] = (start + timedelta(days=offset)).isoformat()
                place(service, task, project["gid"], section["gid"])
                created = service.create("task", task)
                service.emit("added", created, parent=project)
        ready = call.emu.clock.now() + call.emu.faults.current.job_delay_ms / 1000
        job = service.create(
            "job",
            {"resource_subtype": "instantiate_project", "_new_project": project["gid"],
             "_ready_at": ready},
        )  # fmt: skip
    return JSONResponse({"data": job_record(call, job)}, status_code=201)


def job_record(call: Call, job: Doc) -> Doc:
    """A job as it reads now: in progress until its time has come, then succeeded."""
    done = call.emu.clock.now() >= float(job["_ready_at"])
    return {
        "gid": job["gid"],
        "resource_type": "job",
        "resource_subtype": job["resource_subtype"],
        "status": "succeeded" if done else "in_progress",
        "new_project": call.emu.service.render.ref(job["_new_project"]) if done else None,
        "new_task": None,
        "new_project_template": None,
    }


async def get_job(call: Call) -> Response:
    return JSONResponse(
        {"data": job_record(call, call.emu.service.get(call.path["job_gid"], "job"))}
    )


routes = [
    api("GET", "/project_templates", list_templates),
    api("GET", "/teams/{team_gid}/project_templates", team_templates),
    api("GET", "/project_templates/{template_gid}", get_template),
    api("POST", "/project_templates/{template_gid}/instantiateProject", instantiate),
    api("GET", "/jobs/{job_gid}", get_job),
]
