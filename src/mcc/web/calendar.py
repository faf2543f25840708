"""The launch calendar page (`/calendar?month=YYYY-MM`): a server-rendered month grid of the
launches the user may see, each with its portfolio warnings (`mcc.portfolio.calendar`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mcc.auth.deps import CurrentUserDep
from mcc.config import Settings
from mcc.db import Database
from mcc.portfolio.calendar import month_of_launches, parse_month
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope
from mcc.web.templating import render

router = APIRouter()


@router.get("/calendar", response_class=HTMLResponse)
async def launch_calendar(request: Request, user: CurrentUserDep) -> Response:
    settings: Settings = request.app.state.settings
    first = parse_month(request.query_params.get("month"), settings.current_date())
    database: Database = request.app.state.db
    portfolio = PortfolioSettings.of(settings)
    async with database.read() as session:
        month = await month_of_launches(session, Scope.of(user), first, portfolio)
    context = {"section": "calendar", "month": month, "window": portfolio.window_days}
    return render(request, "calendar.html", context)
