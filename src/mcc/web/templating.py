"""Jinja2 set-up and `render()`: one route answers with a full page or an htmx fragment.

Autoescaping is on for every template, so anything from the database (a campaign named
`<script>...`) is text. The only `Markup` in the UI comes from `render_markdown`, which sanitises.
Pages get a strict Content-Security-Policy: no inline scripts, no third-party origins.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.staticfiles import StaticFiles

from mcc import __version__
from mcc.auth.deps import csrf_token
from mcc.campaigns.schemas import TEXT_MAX
from mcc.reports.source import is_sample
from mcc.web.markdown import render_markdown

WEB_DIR = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _money(amount: Decimal | None, currency: str | None) -> str:
    if amount is None:
        return "—"
    shown = f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"
    return f"{shown} {currency or ''}".strip()


def _when(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


environment = Environment(
    loader=FileSystemLoader(WEB_DIR / "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a typo in a template fails its test instead of rendering blank
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["markdown"] = render_markdown
environment.filters["money"] = _money
environment.filters["when"] = _when
environment.globals["version"] = __version__
# The longest description, audience or objective a campaign keeps: the form's textareas stop there.
environment.globals["text_max"] = TEXT_MAX


def is_htmx(request: Request) -> bool:
    """An htmx request that wants a fragment (boosted navigations want whole pages)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-boosted") != "true"


def _system_name(request: Request) -> str:
    """What people call the work-management system their projects live in (for labels)."""
    settings = getattr(request.app.state, "settings", None)
    backend = getattr(getattr(settings, "workmgmt_backend", None), "value", "workfront")
    return "Asana" if backend == "asana" else "Workfront"


def render(
    request: Request,
    page: str | None,
    context: dict[str, Any],
    *,
    fragment: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """`pages/{page}` for a normal request; `partials/{fragment}` for an htmx one, if given.

    `page=None` is a fragment-only route (pieces the scripts fetch), rendered for any request.
    """
    state = request.scope.get("state", {})
    settings = getattr(request.app.state, "settings", None)
    values = {
        "request": request,
        "user": state.get("user"),
        "csrf_token": csrf_token(request) or "",
        "workmgmt": _system_name(request),
        # The demo pilot's server says so on every page: its data must never pass for real.
        "sample_data": settings is not None and is_sample(settings),
        **context,
    }
    if fragment and (page is None or is_htmx(request)):
        name = f"partials/{fragment}"
    else:
        name = f"pages/{page}"
    html = environment.get_template(name).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if fragment:
        response.headers["Vary"] = "HX-Request"
    return response


def static_files() -> StaticFiles:
    return StaticFiles(directory=WEB_DIR / "static")
