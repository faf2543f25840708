"""Team rules: creating teams, joining users to them, and which team a new campaign goes to.

Like every service it never commits; the caller's unit of work does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.exceptions import ConflictError, ValidationError
from mcc.models import Team, TeamMember
from mcc.teams.repository import TeamRepository
from mcc.teams.scope import Scope

# Migration 0007 put every existing user and campaign here; users created without a team join
# it, and campaigns that an admin (or the system) creates without naming a team land in it.
DEFAULT_TEAM = "General"
TEAM_NAME_MAX = 100


def parse_team_name(value: str) -> str:
    name = " ".join(value.split())
    if not name or len(name) > TEAM_NAME_MAX:
        raise ValidationError(
            f"Invalid team name: use 1 to {TEAM_NAME_MAX} characters",
            {"team": f"1 to {TEAM_NAME_MAX} characters"},
        )
    return name


class TeamService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = TeamRepository(session)

    async def create(self, name: str) -> Team:
        parsed = parse_team_name(name)
        existing = await self.repository.by_name(parsed)
        if existing is not None:
            raise ConflictError(f"A team named {existing.name} already exists")
        team = Team(name=parsed)
        await self.repository.add(team)
        return team

    async def default_team(self) -> Team:
        team = await self.repository.by_name(DEFAULT_TEAM)
        if team is None:
            team = Team(name=DEFAULT_TEAM)
            await self.repository.add(team)
        return team

    async def named(self, names: Sequence[str]) -> list[Team]:
        """The teams with these names; an unknown name is an error that names it."""
        teams: list[Team] = []
        for name in names:
            team = await self.repository.by_name(parse_team_name(name))
            if team is None:
                raise ValidationError(
                    f"No team named {name.strip()!r}: create it first with `mcc teams create`",
                    {"team": "no such team"},
                )
            if team not in teams:
                teams.append(team)
        return teams

    async def join(self, user_id: uuid.UUID, teams: Sequence[Team]) -> None:
        for team in teams:
            if not await self.repository.is_member(team.id, user_id):
                await self.repository.add(TeamMember(team_id=team.id, user_id=user_id))

    async def team_for_new_campaign(self, scope: Scope, name: str | None) -> uuid.UUID:
        """The team a campaign created by `scope` belongs to.

        A named team must be one of the caller's (an unknown team and someone else's get the
        same answer, so team names do not leak); without a name, the caller's only team, or
        for an admin or the system with no team of its own, the default team.
        """
        if name is not None:
            team = await self.repository.by_name(parse_team_name(name))
            if team is None or not scope.sees(team.id):
                raise ValidationError(
                    f"You are not a member of a team named {name.strip()!r}",
                    {"team": "not one of your teams"},
                )
            return team.id
        if scope.user_id is not None:
            mine = await self.repository.teams_of(scope.user_id)
            if len(mine) == 1:
                return mine[0].id
            if len(mine) > 1:
                names = ", ".join(team.name for team in mine)
                raise ValidationError(
                    f"You are in several teams ({names}): say which one the campaign is for",
                    {"team": "required: you are in several teams"},
                )
            if not scope.sees_everything:
                raise ValidationError(
                    "You are not in any team yet: ask an admin to add you to one",
                    {"team": "you have no team"},
                )
        return (await self.default_team()).id

    async def first_team_of(self, scope: Scope) -> str | None:
        """The name of the caller's first team (by name): the chat's choice when it cannot ask."""
        if scope.user_id is None:
            return None
        mine = await self.repository.teams_of(scope.user_id)
        return mine[0].name if mine else None
