"""The Approvals page: what waits for my decision, with its tier, reason and plan, and a form to
approve or reject each. The decision itself is `mcc.approvals.service`, as for GraphQL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.approvals.service import ApprovalService
from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import parse_campaign_id
from mcc.db import Database
from mcc.exceptions import MCCError, NotFoundError
from mcc.web.templating import render

router = APIRouter()


async def _waiting(database: Database, user: CurrentUser) -> list[dict[str, Any]]:
    async with database.read() as session:
        waiting = await ApprovalService(session, Actor.of(user, AuditSource.UI)).waiting()
        repository = CampaignRepository(session)
        return [
            {"approval": approval, "campaign": campaign,
             "tasks": list(await repository.tasks_of(campaign.id))}
            for approval, campaign in waiting
        ]  # fmt: skip


async def _page(
    request: Request, user: CurrentUser, *, notice: str | None = None,
    error: str | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    items = await _waiting(request.app.state.db, user)
    context = {"section": "approvals", "items": items, "notice": notice, "error": error}
    return render(request, "approvals.html", context, status_code=status_code)


@router.get("/approvals", response_class=HTMLResponse)
async def approvals(request: Request, user: CurrentUserDep) -> Response:
    done = request.query_params.get("done")
    return await _page(request, user, notice=done[:300] if done else None)


@router.post("/approvals/{campaign_id}/{decision}", response_class=HTMLResponse)
async def decide(
    request: Request, user: CurrentUserDep, campaign_id: str, decision: str
) -> Response:
    form = await request.form()
    comment = form.get("comment")
    text = comment if isinstance(comment, str) else None
    try:
        if decision not in {"approve", "reject"}:
            raise NotFoundError(f"No such decision {decision!r}: approve or reject")
        parsed = parse_campaign_id(campaign_id)
        database: Database = request.app.state.db
        async with database.write() as session:
            service = ApprovalService(session, Actor.of(user, AuditSource.UI))
            if decision == "approve":
                campaign = await service.approve(parsed, text)
            else:
                campaign = await service.reject(parsed, text or "")
            said = f"{'Approved' if decision == 'approve' else 'Rejected'} “{campaign.name}”."
    except MCCError as problem:
        status = problem.status_code if problem.status_code < 500 else 400
        return await _page(request, user, error=problem.message, status_code=status)
    return RedirectResponse(f"/approvals?done={quote(said)}", status_code=303)
