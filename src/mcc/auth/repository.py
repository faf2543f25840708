"""Account, session and token queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import ApiToken, TeamMember, User, UserSession


class AuthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: User | UserSession | ApiToken) -> None:
        self.session.add(row)
        await self.session.flush()

    async def get_user_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email))

    async def list_users(self) -> Sequence[User]:
        return (await self.session.scalars(select(User).order_by(User.email))).all()

    async def session_with_user(
        self, token_hash: str, now: datetime
    ) -> tuple[UserSession, User, frozenset[uuid.UUID]] | None:
        """The session, its user and the user's team ids, in one query (every request asks)."""
        statement = (
            select(UserSession, User, TeamMember.team_id)
            .join(User, User.id == UserSession.user_id)
            .outerjoin(TeamMember, TeamMember.user_id == User.id)
            .where(UserSession.token_hash == token_hash, UserSession.expires_at > now)
        )
        rows = (await self.session.execute(statement)).all()
        return None if not rows else (rows[0][0], rows[0][1], _teams(rows))

    async def delete_session(self, token_hash: str) -> None:
        await self.session.execute(delete(UserSession).where(UserSession.token_hash == token_hash))

    async def delete_sessions_of(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(UserSession).where(UserSession.user_id == user_id))

    async def revoke_tokens_of(self, user_id: uuid.UUID, now: datetime) -> int:
        result = await self.session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def delete_expired_sessions(self, user_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at <= now)
        )

    async def token_with_user(
        self, token_hash: str, now: datetime
    ) -> tuple[ApiToken, User, frozenset[uuid.UUID]] | None:
        """The token, its user and the user's team ids, unless the token is revoked or expired:
        one query (a row per team), as every API request asks."""
        statement = (
            select(ApiToken, User, TeamMember.team_id)
            .join(User, User.id == ApiToken.user_id)
            .outerjoin(TeamMember, TeamMember.user_id == User.id)
            .where(
                ApiToken.token_hash == token_hash,
                ApiToken.revoked_at.is_(None),
                or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
            )
        )
        rows = (await self.session.execute(statement)).all()
        return None if not rows else (rows[0][0], rows[0][1], _teams(rows))

    async def tokens_of(self, user_id: uuid.UUID) -> Sequence[ApiToken]:
        statement = (
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at)
        )
        return (await self.session.scalars(statement)).all()


def _teams(rows: Sequence[Sequence[Any]]) -> frozenset[uuid.UUID]:
    """The team ids of a credential query's rows (None: the user is in no team)."""
    return frozenset(row[-1] for row in rows if row[-1] is not None)
