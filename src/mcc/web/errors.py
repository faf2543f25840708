"""Errors as pages for people and JSON for programs, from the same `MCCError`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from mcc.exceptions import MCCError
from mcc.web.templating import render

TITLES = {
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not available this way",  # a link or form used the wrong method: not a server fault
    409: "Changed meanwhile",
    413: "Too large",
    422: "Please check what you sent",
}


def wants_page(request: Request) -> bool:
    """A browser navigating (not htmx, not the API): it should see a page, not JSON."""
    path = request.url.path
    if path.startswith(("/api/", "/graphql")) or request.headers.get("hx-request"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, error: MCCError) -> HTMLResponse:
    title = TITLES.get(error.status_code, "Something went wrong")
    context = {"title": title, "message": error.message}
    return render(request, "error.html", context, status_code=error.status_code)
