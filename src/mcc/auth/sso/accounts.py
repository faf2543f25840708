"""Just-in-time accounts: the first SSO sign-in creates the user, every sign-in re-applies groups.

The provider's groups are the source of truth for an SSO user's teams and role: memberships not
granted by a group are removed at the next sign-in, so leaving a group at the provider takes
effect here the next time the user signs in (deactivate them here to cut them off at once).
An existing local account with the same (provider-verified) address is linked on first sign-in.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.auth.schemas import parse_email
from mcc.auth.sso.groups import Grant
from mcc.auth.sso.provider import Identity
from mcc.exceptions import (
    ConflictError,
    ForbiddenError,
    UnauthenticatedError,
    ValidationError,
)
from mcc.models import Team, TeamMember, User
from mcc.models.base import utcnow
from mcc.teams.repository import TeamRepository, name_key

NO_GROUP = (
    "Your account is not in any group that gives access to MCC; ask an administrator "
    "to add you to one (see MCC_OIDC_GROUPS)"
)
DEACTIVATED = "This account is deactivated; ask an administrator"


class SsoAccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_by_subject(self, subject: str) -> User | None:
        return await self.session.scalar(select(User).where(User.sso_subject == subject))

    async def user_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email))

    async def add_user(self, user: User) -> None:
        self.session.add(user)
        await self.session.flush()

    async def teams_named(self, names: Sequence[str]) -> list[Team]:
        """Matched as every team-name lookup is (`TeamRepository.named`): case-insensitively."""
        return await TeamRepository(self.session).named(names)

    async def add_team(self, name: str) -> Team:
        team = Team(name=name)
        self.session.add(team)
        await self.session.flush()
        return team

    async def team_ids_of(self, user_id: uuid.UUID) -> set[uuid.UUID]:
        statement = select(TeamMember.team_id).where(TeamMember.user_id == user_id)
        return set((await self.session.scalars(statement)).all())

    async def set_memberships(self, user_id: uuid.UUID, team_ids: set[uuid.UUID]) -> None:
        current = await self.team_ids_of(user_id)
        if current - team_ids:
            await self.session.execute(
                delete(TeamMember).where(
                    TeamMember.user_id == user_id, TeamMember.team_id.in_(current - team_ids)
                )
            )
        for team_id in team_ids - current:
            self.session.add(TeamMember(team_id=team_id, user_id=user_id))
        await self.session.flush()


class SsoAccounts:
    """Turns a verified identity and its grant into a signed-in user; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.repository = SsoAccountRepository(session)

    async def sign_in(self, identity: Identity, grant: Grant | None) -> User:
        if grant is None:
            raise ForbiddenError(NO_GROUP)
        try:
            email = parse_email(identity.email)
        except ValidationError:
            raise UnauthenticatedError("The identity provider sent an unusable address") from None
        user = await self.repository.user_by_subject(identity.subject)
        if user is None:
            user = await self.repository.user_by_email(email)
            if user is not None and user.sso_subject is not None:
                # Another provider identity already owns this address: never merge silently.
                raise ConflictError(f"{email} is linked to another single sign-on identity")
        if user is None:
            user = User(email=email, password_hash=None, role=grant.role.value, is_active=True)
            await self.repository.add_user(user)
        if not user.is_active:
            raise UnauthenticatedError(DEACTIVATED)
        if user.email != email:  # renamed at the provider: follow, unless the address is taken
            if await self.repository.user_by_email(email) is not None:
                raise ConflictError(f"{email} already belongs to another account")
            user.email = email
        user.sso_subject = identity.subject
        user.role = grant.role.value
        user.last_login_at = utcnow()
        await self.repository.set_memberships(user.id, await self._team_ids(grant))
        return user

    async def _team_ids(self, grant: Grant) -> set[uuid.UUID]:
        names = sorted(grant.teams)
        teams = {name_key(team.name): team for team in await self.repository.teams_named(names)}
        for name in names:
            if name_key(name) not in teams:
                teams[name_key(name)] = await self.repository.add_team(name)
        return {team.id for team in teams.values()}
