"""A small server-rendered page to browse projects and tasks and change a project's status.

For demos: changing a status here calls the same service method as ``PUT /project/{ID}`` and
so fires the same event-subscription deliveries. Every value is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qsl, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from mcc.sandbox.workfront import dates, seed
from mcc.sandbox.workfront.context import Emulator, emulator
from mcc.sandbox.workfront.errors import WorkfrontError
from mcc.sandbox.workfront.objects import PROJECT, PROJECT_STATUSES, TASK_STATUSES
from mcc.sandbox.workfront.store import Doc

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem}"
    "th{background:#f3f3f3;text-align:left}.msg{padding:.5rem;background:#e8f5e9}"
    ".err{padding:.5rem;background:#fdecea}"
)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(html, status_code=status)


def _when(emu: Emulator, value: object) -> str:
    if not isinstance(value, str):
        return ""
    return dates.from_internal(value).astimezone(emu.zone).strftime("%Y-%m-%d %H:%M")


def _status(labels: dict[str, str], code: object) -> str:
    text = str(code or "")
    return f"{labels.get(text.split(':')[0], text)} ({text})"


async def index(request: Request) -> Response:
    """All projects, newest last."""
    emu = emulator(request)
    rows = "".join(
        f"<tr><td><a href='/projects/{quote(p['ID'])}'>{escape(str(p['name']))}</a></td>"
        f"<td>{escape(_status(PROJECT_STATUSES, p.get('status')))}</td>"
        f"<td>{escape(str(p.get('percentComplete')))}%</td>"
        f"<td>{escape(_when(emu, p.get('plannedStartDate')))}</td>"
        f"<td>{escape(_when(emu, p.get('plannedCompletionDate')))}</td>"
        f"<td>{escape(str(p.get('extRefID') or ''))}</td></tr>"
        for p in emu.service.all("PROJ")
    )
    table = (
        "<table><tr><th>Project</th><th>Status</th><th>Done</th><th>Planned start</th>"
        f"<th>Planned completion</th><th>extRefID</th></tr>{rows}</table>"
        if rows
        else "<p>No projects yet.</p>"
    )
    templates = ", ".join(escape(str(t["name"])) for t in emu.store.list_objects("TMPL"))
    return _page("Workfront emulator", f"{table}<p>Templates: {templates}</p>")


def _project_page(emu: Emulator, project: Doc, message: str, error: str, status: int) -> Response:
    options = "".join(
        f"<option value='{code}'{' selected' if code == project.get('status') else ''}>"
        f"{escape(label)}</option>"
        for code, label in PROJECT_STATUSES.items()
    )
    tasks = [t for t in emu.service.all("TASK") if t.get("projectID") == project["ID"]]
    users = {u["ID"]: u.get("name") for u in emu.store.list_objects("USER")}
    rows = "".join(
        f"<tr><td>{escape(str(t.get('wbs')))}</td><td>{escape(str(t['name']))}</td>"
        f"<td>{escape(_status(TASK_STATUSES, t.get('status')))}</td>"
        f"<td>{escape(str(t.get('percentComplete')))}%</td>"
        f"<td>{escape(_when(emu, t.get('plannedStartDate')))}</td>"
        f"<td>{escape(_when(emu, t.get('plannedCompletionDate')))}</td>"
        f"<td>{escape(str(users.get(t.get('assignedToID') or '', '') or ''))}</td></tr>"
        for t in sorted(tasks, key=lambda t: t.get("taskNumber") or 0)
    )
    notice = f"<p class=msg>{escape(message)}</p>" if message else ""
    notice += f"<p class=err role=alert>{escape(error)}</p>" if error else ""
    body = (
        f"<p><a href='/'>All projects</a></p>{notice}"
        f"<p>Status: <strong>{escape(_status(PROJECT_STATUSES, project.get('status')))}</strong>"
        f" · {escape(str(project.get('percentComplete')))}% complete"
        f" · planned {escape(_when(emu, project.get('plannedStartDate')))} → "
        f"{escape(_when(emu, project.get('plannedCompletionDate')))}</p>"
        f"<form method=post action='/projects/{quote(project['ID'])}/status'>"
        f"<label>New status <select name=status>{options}</select></label> "
        "<button type=submit>Change status</button></form>"
        "<table><tr><th>#</th><th>Task</th><th>Status</th><th>Done</th><th>Planned start</th>"
        f"<th>Planned completion</th><th>Assigned to</th></tr>{rows}</table>"
    )
    return _page(str(project["name"]), body, status)


async def project_page(request: Request) -> Response:
    """One project with its tasks and the status form."""
    emu = emulator(request)
    project = emu.service.lookup("PROJ", request.path_params["project_id"])
    if project is None:
        return _page("Not found", "<p>No such project. <a href='/'>Back</a></p>", 404)
    return _project_page(emu, project, request.query_params.get("msg", ""), "", 200)


async def change_status(request: Request) -> Response:
    """Apply the form through the service (events fire), then redirect back."""
    emu = emulator(request)
    project_id = request.path_params["project_id"]
    form = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
    try:
        emu.service.set_status(PROJECT, project_id, form.get("status", ""), seed.admin_id())
    except WorkfrontError as error:
        project = emu.service.lookup("PROJ", project_id)
        if project is None:
            return _page("Not found", "<p>No such project. <a href='/'>Back</a></p>", 404)
        return _project_page(emu, project, "", error.message, error.status)
    message = quote(f"Status changed to {form.get('status', '')}.")
    return RedirectResponse(f"/projects/{quote(project_id)}?msg={message}", status_code=303)


routes = [
    Route("/", index, methods=["GET"]),
    Route("/projects/{project_id}", project_page, methods=["GET"]),
    Route("/projects/{project_id}/status", change_status, methods=["POST"]),
]
