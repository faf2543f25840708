"""Campaign detail and edit: every field with its provenance, the plan's tasks with their
Workfront status, and the sync timeline (our outbox attempts, the events Workfront sent),
which `mcc.sync.timeline` assembles."""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.approvals.repository import ApprovalRepository
from mcc.audit import service as audit
from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import CampaignType, parse_campaign_id
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.exceptions import ConflictError, ValidationError
from mcc.models import Campaign
from mcc.portfolio.checks import check_campaign
from mcc.portfolio.settings import PortfolioSettings
from mcc.sync.conflict_repository import ConflictRepository
from mcc.sync.payload import exact_requests
from mcc.sync.timeline import sync_timeline
from mcc.teams.scope import Scope
from mcc.web.campaign_form import (
    LABELS,
    TEXT_FIELDS,
    shown_again,
    shown_values,
    status_choices,
    to_update,
)
from mcc.web.templating import is_htmx, render
from mcc.web.views import field_provenance

router = APIRouter()
HISTORY_SHOWN = 50


async def _context(request: Request, user: CurrentUser, campaign_id: str) -> dict[str, Any]:
    database: Database = request.app.state.db
    async with database.read() as session:
        campaign = await CampaignService(session, Scope.of(user)).get(
            parse_campaign_id(campaign_id)
        )
        tasks = await CampaignRepository(session).tasks_of(campaign.id)
        timeline = await sync_timeline(session, campaign, tasks)
        rounds = await ApprovalRepository(session).rounds(campaign.id)
        entries = await audit.history(session, campaign.id, HISTORY_SHOWN)
        # The exact preview: what the project's creation sends, as the outbox row carries it.
        requests = exact_requests(campaign, list(tasks))
        portfolio = await check_campaign(  # issue 15: portfolio warnings (mcc.portfolio)
            session, Scope.of(user), campaign, PortfolioSettings.of(request.app.state.settings)
        )
        conflicts = await ConflictRepository(session).of_campaign(campaign.id)  # issue 15
    provenance = field_provenance(campaign.provenance)
    return {
        "section": "dashboard",
        "campaign": campaign,
        "tasks": tasks,
        "timeline": timeline,
        "approval": rounds[0] if rounds else None,
        "history": [(entry, audit.describe(entry)) for entry in entries],
        "provenance": provenance,
        "labels": LABELS,
        "can_edit": user.can_edit,
        "exact_requests": json.dumps(requests, indent=2, ensure_ascii=False),
        "portfolio": portfolio,
        "conflicts": conflicts,
    }


def _form_context(
    campaign: Campaign, values: dict[str, str] | None = None, loaded: dict[str, str] | None = None
) -> dict[str, Any]:
    values = values or shown_values(campaign)
    statuses = status_choices(campaign)
    if values["status"] not in statuses:
        # A refused form keeps the status the user picked, even one the campaign can no longer
        # move to (cancelled in Workfront meanwhile): the select used to fall back to the new
        # status, so "save again to replace theirs" saved nothing and said "Saved.".
        statuses.append(values["status"])
    return {
        "values": values,
        # What the form showed when opened (`campaign_form`'s merge); fields only, no owner.
        "loaded": {name: (loaded or shown_values(campaign))[name] for name in TEXT_FIELDS},
        "statuses": statuses,
        "types": [kind.value for kind in CampaignType],
        "errors": {},
        "form_error": None,
    }


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse)
async def campaign_detail(request: Request, user: CurrentUserDep, campaign_id: str) -> Response:
    context = await _context(request, user, campaign_id)
    context.update(_form_context(context["campaign"]), editing=False)
    return render(request, "campaign.html", context, fragment="campaign_fields.html")


@router.get("/campaigns/{campaign_id}/edit", response_class=HTMLResponse)
async def campaign_edit(request: Request, user: CurrentUserDep, campaign_id: str) -> Response:
    context = await _context(request, user, campaign_id)
    Scope.of(user).require_edit()
    context.update(_form_context(context["campaign"]), editing=True)
    return render(request, "campaign.html", context, fragment="campaign_form.html")


@router.post("/campaigns/{campaign_id}", response_class=HTMLResponse)
async def campaign_save(request: Request, user: CurrentUserDep, campaign_id: str) -> Response:
    form = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
    parsed: uuid.UUID = parse_campaign_id(campaign_id)
    database: Database = request.app.state.db
    error: ValidationError | ConflictError | None = None
    try:
        async with database.write() as session:
            service = CampaignService(session, Scope.of(user), Actor.of(user, AuditSource.UI))
            campaign = await service.get(parsed)
            service.scope.require_edit()
            changes = to_update(campaign, form)
            if changes.changes():
                await service.update(parsed, changes)
    except (ValidationError, ConflictError) as problem:
        error = problem
    if error is None:
        if is_htmx(request):
            context = await _context(request, user, campaign_id)
            context.update(_form_context(context["campaign"]), editing=False, saved=True)
            return render(request, None, context, fragment="campaign_fields.html")
        return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)
    context = await _context(request, user, campaign_id)
    conflict = isinstance(error, ConflictError)
    values, loaded = shown_again(context["campaign"], form, conflict=conflict)
    context.update(_form_context(context["campaign"], values, loaded), editing=True)
    context["errors"] = error.fields if isinstance(error, ValidationError) else {}
    context["form_error"] = error.message
    status = 422 if isinstance(error, ValidationError) else 409
    return render(
        request, "campaign.html", context, fragment="campaign_form.html", status_code=status
    )
