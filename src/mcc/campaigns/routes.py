"""JSON endpoints for campaigns: a lean read path for scripts and the dashboard, and creation
(the same `CampaignService.create` as every other door: the same tier, plan and warnings)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic.alias_generators import to_snake

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import CurrentUserDep
from mcc.campaigns.schemas import CampaignCreate, CampaignFilters, parse_campaign_id
from mcc.campaigns.service import CampaignService
from mcc.campaigns.views import campaign_json
from mcc.dependencies import DatabaseDep, ReadSession
from mcc.exceptions import ValidationError
from mcc.teams.scope import Scope
from mcc.validation import parse

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


@router.get("")
async def list_campaigns(
    session: ReadSession,
    user: CurrentUserDep,
    limit: Annotated[int | None, Query()] = None,
    next_token: Annotated[str | None, Query(alias="nextToken")] = None,
    status: str | None = None,
    tier: int | None = None,
    type: str | None = None,
    search: str | None = None,
) -> dict[str, Any]:
    filters = parse(
        CampaignFilters,
        {"status": status, "tier": tier, "type": type, "search": search},
        what="filter",
    )
    page = await CampaignService(session, Scope.of(user)).list(
        filters, limit=limit, next_token=next_token
    )
    return {"items": [campaign_json(c) for c in page.items], "nextToken": page.next_token}


@router.get("/{campaign_id}")
async def get_campaign(
    session: ReadSession, user: CurrentUserDep, campaign_id: str
) -> dict[str, Any]:
    campaign = await CampaignService(session, Scope.of(user)).get(parse_campaign_id(campaign_id))
    return campaign_json(campaign)


@router.post("", status_code=201)
async def create_campaign(
    request: Request, database: DatabaseDep, user: CurrentUserDep
) -> dict[str, Any]:
    """A campaign from a JSON object (camelCase or snake_case keys, as `createCampaign` takes
    them, `team` by name); the reply adds its planned `tasks` and the policy's `warnings`."""
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise ValidationError("Send the campaign as a JSON object", {"body": "malformed"})
    data = {to_snake(str(key)): value for key, value in body.items()}
    if "owner" in data:
        raise ValidationError("The owner is whoever creates the campaign", {"owner": "not allowed"})
    if "provenance" in data:  # where a value came from is the server's record, never a claim
        raise ValidationError("Provenance is recorded by the server", {"provenance": "not allowed"})
    team = data.pop("team", None)
    if team is not None and not isinstance(team, str):
        raise ValidationError("`team` is a team's name", {"team": "not text"})
    payload = parse(CampaignCreate, data, what="campaign")
    async with database.write() as session:
        service = CampaignService(session, Scope.of(user), Actor.of(user, AuditSource.API))
        campaign = await service.create(payload, team=team)
        tasks = await service.repository.tasks_of(campaign.id)
        created = campaign_json(campaign)
        warnings = list((campaign.provenance or {}).get("warnings", []))
    created["tasks"] = [
        {"name": t.name, "ownerRole": t.owner_role, "start": t.planned_start.isoformat(),
         "due": t.planned_due.isoformat()}
        for t in tasks if t.planned_start and t.planned_due
    ]  # fmt: skip
    created["warnings"] = warnings
    return created
