"""Team and membership queries."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Team, TeamMember


def name_key(name: str) -> str:
    """A team name as compared everywhere (CLI, admin pages, GraphQL, SSO groups): Unicode
    case-insensitive, so "Équipe" = "équipe" and "STRASSE" = "straße" on both databases."""
    return unicodedata.normalize("NFKC", name).casefold()


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: Team | TeamMember) -> None:
        self.session.add(row)
        await self.session.flush()

    async def by_name(self, name: str) -> Team | None:
        """Names compare case-insensitively: "Growth" and "growth" are one team."""
        found = await self.named([name])
        return found[0] if found else None

    async def named(self, names: Sequence[str]) -> list[Team]:
        """The teams whose names match `names` by `name_key`. Compared here, not in SQL:
        SQLite's lower() folds ASCII only ("Équipe" != "équipe" there), and the teams table
        is a short list of names."""
        keys = {name_key(name) for name in names}
        if not keys:
            return []
        teams = (await self.session.scalars(select(Team).order_by(Team.name))).all()
        return [team for team in teams if name_key(team.name) in keys]

    async def by_id(self, team_id: uuid.UUID) -> Team | None:
        return await self.session.get(Team, team_id)

    async def with_member_counts(self) -> list[tuple[Team, int]]:
        statement = (
            select(Team, func.count(TeamMember.user_id))
            .outerjoin(TeamMember, TeamMember.team_id == Team.id)
            .group_by(Team.id)
            .order_by(Team.name)
        )
        return [(team, int(count)) for team, count in await self.session.execute(statement)]

    async def team_ids_of(self, user_id: uuid.UUID) -> frozenset[uuid.UUID]:
        statement = select(TeamMember.team_id).where(TeamMember.user_id == user_id)
        return frozenset((await self.session.scalars(statement)).all())

    async def teams_of(self, user_id: uuid.UUID) -> Sequence[Team]:
        statement = (
            select(Team)
            .join(TeamMember, TeamMember.team_id == Team.id)
            .where(TeamMember.user_id == user_id)
            .order_by(Team.name)
        )
        return (await self.session.scalars(statement)).all()

    async def team_names_by_user(self) -> dict[uuid.UUID, list[str]]:
        """Every user's team names (for `mcc users list`), in one query."""
        statement = (
            select(TeamMember.user_id, Team.name)
            .join(Team, Team.id == TeamMember.team_id)
            .order_by(Team.name)
        )
        names: dict[uuid.UUID, list[str]] = {}
        for user_id, name in await self.session.execute(statement):
            names.setdefault(user_id, []).append(name)
        return names

    async def is_member(self, team_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        found = await self.session.get(TeamMember, (team_id, user_id))
        return found is not None
