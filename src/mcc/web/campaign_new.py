"""The new-campaign form: the UI's door to `CampaignService.create`, so a campaign made here
gets the tier, approver, plan and warnings any other door gives it, then opens on its page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.schemas import CampaignType
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.teams.scope import Scope
from mcc.web.campaign_form import CREATE_FIELDS, LABELS, to_create
from mcc.web.templating import render

router = APIRouter()


def _context(values: dict[str, str], error: ValidationError | None = None) -> dict[str, Any]:
    return {
        "section": "dashboard",
        "values": {name: values.get(name, "") for name in (*CREATE_FIELDS, "team")},
        "labels": LABELS,
        "types": [member.value for member in CampaignType],
        "errors": error.fields if error else {},
        "form_error": error.message if error else None,
    }


@router.get("/campaigns/new", response_class=HTMLResponse)
async def campaign_new(request: Request, user: CurrentUserDep) -> HTMLResponse:
    Scope.of(user).require_edit()
    return render(request, "campaign_new.html", _context({"type": "email"}))


@router.post("/campaigns/new", response_class=HTMLResponse)
async def campaign_create(request: Request, user: CurrentUserDep) -> Response:
    form = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
    Scope.of(user).require_edit()
    database: Database = request.app.state.db
    try:
        data = to_create(form)
        async with database.write() as session:
            service = CampaignService(session, Scope.of(user), Actor.of(user, AuditSource.UI))
            campaign = await service.create(data, team=(form.get("team") or "").strip() or None)
            campaign_id = campaign.id
    except ValidationError as error:
        return render(request, "campaign_new.html", _context(form, error), status_code=422)
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)
