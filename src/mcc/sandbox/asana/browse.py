"""A small server-rendered page listing projects, with a button to mark one complete.

For demos: "Mark complete" posts a ``complete`` status update through the same code as the API,
so the project's webhooks fire exactly as when a person completes a project in Asana. Every
value is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from mcc.sandbox.asana.api_sections import add_status
from mcc.sandbox.asana.context import emulator
from mcc.sandbox.asana.errors import AsanaError

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem}"
    "th{background:#f3f3f3;text-align:left}"
)


async def index(request: Request) -> Response:
    """All projects with their task counts and completion."""
    emu = emulator(request)
    tasks = emu.store.all("task")
    rows = []
    for project in emu.store.all("project"):
        gid = project["gid"]
        count = sum(1 for t in tasks if any(m["project"] == gid for m in t["memberships"]))
        done = "yes" if project.get("completed") else (
            f"<form method=post action='/projects/{quote(gid)}/complete'>"
            "<button>Mark complete</button></form>"
        )  # fmt: skip
        rows.append(
            f"<tr><td>{escape(gid)}</td><td>{escape(str(project['name']))}</td>"
            f"<td>{count}</td><td>{escape(str(project.get('due_on') or ''))}</td>"
            f"<td>{done}</td></tr>"
        )
    html = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Asana emulator</title>"
        f"<style>{_STYLE}</style></head><body><h1>Asana emulator: projects</h1><table>"
        "<tr><th>gid</th><th>Name</th><th>Tasks</th><th>Due</th><th>Completed</th></tr>"
        f"{''.join(rows)}</table></body></html>"
    )
    return HTMLResponse(html)


async def complete(request: Request) -> Response:
    """Mark one project complete, then back to the list."""
    emu = emulator(request)
    user = emu.auth.owner()
    try:
        with emu.service.unit(user):
            project = emu.service.get(request.path_params["gid"], "project")
            add_status(emu.service, project, "complete", user, "Project completed")
    except AsanaError as error:
        return HTMLResponse(f"<p>{escape(error.message)}</p>", status_code=error.status)
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/", index, methods=["GET"]),
    Route("/projects/{gid}/complete", complete, methods=["POST"]),
]
