"""Playbook re-check (admins): the open campaigns the current playbooks would change, each with
Apply and Keep as it is buttons (`mcc.playbooks.recheck`; both audited)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import AdminDep
from mcc.auth.schemas import CurrentUser
from mcc.campaigns.schemas import parse_campaign_id
from mcc.db import Database
from mcc.playbooks.recheck import RecheckService
from mcc.teams.scope import Scope
from mcc.web.templating import is_htmx, render

router = APIRouter()
PAGE = "/admin/playbooks"


async def _page(request: Request, user: CurrentUser, notice: str | None = None) -> HTMLResponse:
    database: Database = request.app.state.db
    async with database.read() as session:
        service = RecheckService(session, Scope.of(user), Actor.of(user, AuditSource.UI))
        proposals = await service.pending()
    context = {"section": "playbooks", "proposals": proposals, "notice": notice}
    return render(request, "playbooks.html", context, fragment="playbooks_body.html")


@router.get(PAGE, response_class=HTMLResponse)
async def playbooks_recheck(request: Request, user: AdminDep) -> HTMLResponse:
    return await _page(request, user)


async def _decide(request: Request, user: CurrentUser, campaign_id: str, apply: bool) -> Response:
    parsed = parse_campaign_id(campaign_id)
    database: Database = request.app.state.db
    async with database.write() as session:
        service = RecheckService(session, Scope.of(user), Actor.of(user, AuditSource.UI))
        done = await (service.apply(parsed) if apply else service.dismiss(parsed))
    if is_htmx(request):
        verb = "Applied the playbooks to" if apply else "Kept as it is:"
        return await _page(request, user, notice=f"{verb} {done.name}.")
    return RedirectResponse(PAGE, status_code=303)


@router.post(PAGE + "/{campaign_id}/apply")
async def playbooks_apply(request: Request, user: AdminDep, campaign_id: str) -> Response:
    return await _decide(request, user, campaign_id, apply=True)


@router.post(PAGE + "/{campaign_id}/dismiss")
async def playbooks_dismiss(request: Request, user: AdminDep, campaign_id: str) -> Response:
    return await _decide(request, user, campaign_id, apply=False)
