"""The dashboard: stats, charts and the campaign table, live.

One route serves the whole page and, for htmx (filter changes, sorting, paging, and the refresh
that a live event triggers), only the `#live` region, so there is one code path to test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.dashboard import AT_RISK_RULE, SORTS, DashboardRepository, is_at_risk
from mcc.campaigns.schemas import CampaignFilters, CampaignStatus, CampaignType
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.teams.scope import Scope
from mcc.validation import parse
from mcc.web import charts
from mcc.web.templating import render

router = APIRouter()

FILTER_KEYS = ("status", "tier", "type", "search")
TIER_LABELS = {1: "Tier 1 · Major", 2: "Tier 2 · Medium", 3: "Tier 3 · BAU"}


def _query(request: Request) -> dict[str, str]:
    """The filter, sort and page parameters worth keeping in links (blank ones dropped)."""
    keys = (*FILTER_KEYS, "sort", "dir", "page")
    return {key: value for key in keys if (value := request.query_params.get(key, "").strip())}


def _page_number(value: str | None) -> int:
    # isascii: "²" is a digit to isdigit but not to int (a 500 on `/?page=²`).
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 7 else 1


@router.get("/", response_class=HTMLResponse)
@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard(request: Request, user: CurrentUserDep) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    today = settings.current_date()
    query = _query(request)
    error = None
    try:
        filters = parse(
            CampaignFilters, {key: query.get(key) for key in FILTER_KEYS}, what="filter"
        )
    except ValidationError as invalid:
        error, filters, query = invalid.message, CampaignFilters(), {}
    sort = query.get("sort", "created")
    sort = sort if sort in SORTS else "created"
    descending = query.get("dir", "desc" if sort in ("created", "launch") else "asc") == "desc"
    database: Database = request.app.state.db
    async with database.read() as session:
        repository = DashboardRepository(session, Scope.of(user))
        summary = await repository.summary(today)
        by_status = await repository.by_status()
        by_tier = await repository.by_tier()
        by_month = await repository.launches_by_month(today)
        table = await repository.table(filters, sort, descending, _page_number(query.get("page")))

    def link(**changes: Any) -> str:
        merged = {**query, **{key: str(value) for key, value in changes.items()}}
        if "page" not in changes:
            merged.pop("page", None)  # a new sort starts on page one
        return "/?" + urlencode(merged) if merged else "/"

    context = {
        "section": "dashboard",
        "summary": summary,
        "status_chart": charts.horizontal(
            "chart-status", "Campaigns by status",
            [(status, count, status.lower()) for status, count in by_status.items()],
        ),
        "tier_chart": charts.horizontal(
            "chart-tier", "Campaigns by tier",
            [(f"Tier {tier}", count, f"tier{tier}") for tier, count in by_tier.items()],
        ),
        "month_chart": charts.monthly("chart-month", "Launches per month", by_month, today),
        "table": table,
        "at_risk_ids": {row.id for row in table.rows if is_at_risk(row, today)},
        "at_risk_rule": AT_RISK_RULE,
        "filters": filters,
        "query": query,
        "sort": sort,
        "descending": descending,
        "link": link,
        "statuses": [status.value for status in CampaignStatus],
        "types": [kind.value for kind in CampaignType],
        "tier_labels": TIER_LABELS,
        "error": error,
        "filtered": any(query.get(key) for key in FILTER_KEYS),
    }  # fmt: skip
    return render(request, "dashboard.html", context, fragment="dashboard_live.html")
