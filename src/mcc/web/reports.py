"""The Reports page (admins and viewers): the pilot report, and the same report to download as
HTML or PDF for the stakeholder meeting. `?since=YYYY-MM-DD` narrows the period everywhere.

Every report is the signed-in reader's: an admin's covers the whole organisation, a viewer's
their teams (`Scope.of`, as the dashboard and campaign lists), and no query parameter widens
it. Nothing is cached on the server, and the responses tell browsers and proxies not to keep
them (`private, no-store`): a shared cache must never hand one team's figures to another."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ForbiddenError, ServiceUnavailableError
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


# A report reads a few aggregates over the survey table, still about a second on a year of
# answers; twenty readers at once queued on the database pool and starved the health checks
# (sweep F8). Two bounds: readers asking for the same report at the same moment share one
# computation (in flight only, keyed by what the report covers: nothing is kept once it is
# answered), and at most REPORTS_AT_ONCE different ones are computed at a time per process; the
# others wait up to REPORT_WAIT_SECONDS for a turn, then get 503 with Retry-After.
REPORTS_AT_ONCE = 2
REPORT_WAIT_SECONDS = 60.0
RETRY_AFTER_SECONDS = 5

ReportKey = tuple[frozenset[uuid.UUID] | None, str | None, date | None, date]


@dataclass
class _ReportFlights:
    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(REPORTS_AT_ONCE))
    running: dict[ReportKey, asyncio.Task[PilotReport]] = field(default_factory=dict)


def _flights(request: Request) -> _ReportFlights:
    """The app's own (per app, not per module: each app has its own event loop)."""
    flights: _ReportFlights | None = getattr(request.app.state, "report_flights", None)
    if flights is None:
        flights = _ReportFlights()
        request.app.state.report_flights = flights
    return flights


async def _compute(
    request: Request, slots: asyncio.Semaphore, scope: Scope, since: date | None, until: date
) -> PilotReport:
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.db
    try:
        await asyncio.wait_for(slots.acquire(), REPORT_WAIT_SECONDS)
    except TimeoutError:
        busy = ServiceUnavailableError("Too many reports are being computed; try again shortly")
        busy.headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}  # type: ignore[attr-defined]
        raise busy from None
    try:
        return await source.compute(settings, database, since, until, scope)
    finally:
        slots.release()


def _forget(flights: _ReportFlights, key: ReportKey, done: asyncio.Task[PilotReport]) -> None:
    if flights.running.get(key) is done:
        del flights.running[key]


async def _report(request: Request, user: CurrentUser) -> tuple[PilotReport, date | None]:
    """The reader's report for `?since=` (checked before anything is computed), and that date."""
    settings: Settings = request.app.state.settings
    until = settings.current_date()
    since = source.parse_since(request.query_params.get("since"), until)
    scope = Scope.of(user)
    # Everything the figures depend on: the teams, and the person when not the whole org.
    key: ReportKey = (scope.team_ids, None if scope.team_ids is None else scope.email, since, until)
    flights = _flights(request)
    task = flights.running.get(key)
    if task is None:
        task = asyncio.create_task(_compute(request, flights.slots, scope, since, until))
        flights.running[key] = task
        task.add_done_callback(lambda done: _forget(flights, key, done))
    # Shielded: one reader closing the page must not cancel the report others wait for.
    return await asyncio.shield(task), since


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
