"""Resolving a sync conflict from the campaign page: accept theirs or overwrite with ours."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.schemas import parse_campaign_id
from mcc.db import Database
from mcc.exceptions import NotFoundError
from mcc.sync.conflicts import ConflictService
from mcc.sync.graphql import parse_conflict_id
from mcc.teams.scope import Scope

router = APIRouter()


@router.post("/campaigns/{campaign_id}/conflicts/{conflict_id}")
async def resolve_conflict(
    request: Request, user: CurrentUserDep, campaign_id: str, conflict_id: str
) -> Response:
    parsed, conflict = parse_campaign_id(campaign_id), parse_conflict_id(conflict_id)
    action = (await request.form()).get("action")
    database: Database = request.app.state.db
    async with database.write() as session:
        service = ConflictService(session, Scope.of(user), Actor.of(user, AuditSource.UI))
        row = await service.resolve(conflict, action if isinstance(action, str) else "")
        if row.campaign_id != parsed:  # raised inside the unit of work: nothing is kept
            raise NotFoundError(f"Conflict {conflict} not found")
    return RedirectResponse(f"/campaigns/{campaign_id}#conflicts", status_code=303)
