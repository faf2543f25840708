"""Approval checks shared by the route and GraphQL suites: each team has a Tier 1 campaign
waiting for a VP, made by its marketer; who sees it waiting and who may decide follows the team
and the level. Made on first use, so the other checks' world is unchanged."""

from __future__ import annotations

import uuid

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.schemas import Role
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.teams.scope import Scope
from tests.auth.permissions.world import TEAMS, Person, World


def pending_name(team: str) -> str:
    return f"{team} flagship summit"


async def pending(world: World) -> dict[str, uuid.UUID]:
    """team -> its campaign waiting for VP approval."""
    if world.pending:
        return world.pending
    made: dict[str, uuid.UUID] = {}
    async with world.db.write() as session:
        for team in TEAMS:
            author = world.person(f"marketer-{team.lower()}@mcc.test")
            assert author.user is not None
            data = CampaignCreate.model_validate(
                {"name": pending_name(team), "type": "event", "budget": "150000"}
            )
            actor = Actor.of(author.user, AuditSource.API)
            campaign = await CampaignService(session, Scope.of(author.user), actor).create(data)
            assert campaign.status == "PENDING_APPROVAL", campaign.status
            made[team] = campaign.id
    world.pending.update(made)
    return world.pending


def may_decide(person: Person, team: str) -> bool:
    """A VP (or an admin) of the campaign's team who is not its author."""
    if person.email == f"marketer-{team.lower()}@mcc.test":
        return False
    return person.is_admin or (team in person.teams and person.role.at_least(Role.VP))


def refusal(person: Person, team: str) -> str | None:
    """The error code a decision by `person` gets (None: allowed)."""
    if not person.sees(team):
        return "NOT_FOUND"  # another team's campaign does not exist for them
    return None if may_decide(person, team) else "FORBIDDEN"


def waiting_for(person: Person) -> set[str]:
    return {team for team in TEAMS if may_decide(person, team)}


def pending_in(text: str) -> set[str]:
    return {team for team in TEAMS if pending_name(team) in text}
