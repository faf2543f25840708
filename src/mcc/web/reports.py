"""The Reports page (admins and viewers): the pilot report, and the same report to download as
HTML or PDF for the stakeholder meeting. `?since=YYYY-MM-DD` narrows the period everywhere.

Every report is the signed-in reader's: an admin's covers the whole organisation, a viewer's
their teams (`Scope.of`, as the dashboard and campaign lists), and no query parameter widens
it. Nothing is cached on the server, and the responses tell browsers and proxies not to keep
them (`private, no-store`): a shared cache must never hand one team's figures to another."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ForbiddenError
from mcc.reports import source
from mcc.reports.model import PilotReport
from mcc.reports.render_html import render_html, report_view
from mcc.reports.render_pdf import render_pdf
from mcc.teams.scope import Scope
from mcc.web.templating import render

router = APIRouter()


def report_reader(user: CurrentUserDep) -> CurrentUser:
    if not user.can_read_reports:
        raise ForbiddenError("Only administrators and viewers can see the pilot report")
    return user


ReportReaderDep = Annotated[CurrentUser, Depends(report_reader)]


NOT_STORED = {"Cache-Control": "private, no-store"}


async def _report(request: Request, user: CurrentUser) -> tuple[PilotReport, date | None]:
    """The reader's report for `?since=` (checked before anything is computed), and that date."""
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.db
    until = settings.current_date()
    since = source.parse_since(request.query_params.get("since"), until)
    return await source.compute(settings, database, since, until, Scope.of(user)), since


def _download(report: PilotReport, extension: str) -> str:
    period = report.since.isoformat() if report.since else "start"
    sample = "-sample" if report.sample else ""
    return f'attachment; filename="pilot-report{sample}-{period}-{report.until}.{extension}"'


@router.get("/reports", response_class=HTMLResponse)
async def reports_page(request: Request, user: ReportReaderDep) -> HTMLResponse:
    report, asked = await _report(request, user)
    since = asked.isoformat() if asked else ""
    context = {
        "section": "reports",
        "view": report_view(report),
        "since": since,
        "query": "?" + urlencode({"since": since}) if since else "",
    }
    return render(request, "reports.html", context, headers=NOT_STORED)


@router.get("/reports/pilot.html")
async def report_html(request: Request, user: ReportReaderDep) -> Response:
    report, _ = await _report(request, user)
    html = await asyncio.to_thread(render_html, report)
    headers = {
        "Content-Disposition": _download(report, "html"),
        "X-Content-Type-Options": "nosniff",
        # The file stands alone: its own inline CSS, nothing else may load or run.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        **NOT_STORED,
    }
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


@router.get("/reports/pilot.pdf")
async def report_pdf(request: Request, user: ReportReaderDep) -> Response:
    report, _ = await _report(request, user)
    pdf = await asyncio.to_thread(render_pdf, report)  # CPU work: off the event loop
    headers = {
        "Content-Disposition": _download(report, "pdf"),
        "X-Content-Type-Options": "nosniff",
        **NOT_STORED,
    }
    return Response(pdf, media_type="application/pdf", headers=headers)
