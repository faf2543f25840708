"""Account rules: creating users, checking passwords, opening and closing sessions, API tokens.

Like every service it never commits; the caller's unit of work does. Failed sign-ins say the same
thing whether the address is unknown or the password wrong.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import SYSTEM, Actor
from mcc.auth import passwords
from mcc.auth.crypto import digest, new_api_token, new_secret
from mcc.auth.repository import AuthRepository
from mcc.auth.schemas import (
    TOKEN_NAME_MAX,
    AuthMethod,
    CurrentUser,
    Role,
    check_password,
    parse_email,
)
from mcc.exceptions import ConflictError, NotFoundError, UnauthenticatedError, ValidationError
from mcc.models import ApiToken, User, UserSession
from mcc.models.base import utcnow
from mcc.teams.repository import TeamRepository
from mcc.teams.service import TeamService

SIGN_IN_FAILED = "Wrong email or password"
# Writing `last_used_at` on every request would turn each read into a write; once in a while is
# enough to tell an operator which tokens are still in use.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=5)


@dataclass(frozen=True)
class NewSession:
    token: str  # the raw secret for the cookie; only its hash is stored
    user: CurrentUser


def current_user(
    user: User, method: AuthMethod, team_ids: frozenset[uuid.UUID] = frozenset()
) -> CurrentUser:
    return CurrentUser(
        id=user.id, email=user.email, role=Role(user.role), method=method, team_ids=team_ids
    )


class AuthService:
    def __init__(self, session: AsyncSession, actor: Actor = SYSTEM) -> None:
        """`actor`: who makes account and token changes, for the audit log."""
        self.repository = AuthRepository(session)
        self.teams = TeamRepository(session)
        self.actor = actor

    def _audit(self, action: str, email: str, changes: dict[str, list[Any]]) -> None:
        audit.record(self.repository.session, self.actor, action, entity_type="user",
                     entity_id=email, changes=changes)  # fmt: skip

    async def create_user(
        self,
        email: str,
        password: str | None,
        *,
        role: Role = Role.MARKETER,
        teams: Sequence[str] | None = None,
    ) -> User:
        """A new account; `password=None` makes one that can only use API tokens.

        It joins `teams` (names of existing teams); with none given, a non-admin joins the
        default team so that it sees what everyone saw before teams existed, and an admin, who
        sees every team anyway, joins none.
        """
        address = parse_email(email)
        if password is not None:
            check_password(password)
        team_service = TeamService(self.repository.session)
        joined = await team_service.named(teams) if teams else []
        if await self.repository.get_user_by_email(address) is not None:
            raise ConflictError(f"A user with email {address} already exists")
        user = User(
            email=address,
            password_hash=(
                await asyncio.to_thread(passwords.hash_password, password)
                if password is not None
                else None
            ),
            role=role.value,
            is_active=True,
        )
        await self.repository.add(user)
        if not joined and teams is None and role is not Role.ADMIN:
            joined = [await team_service.default_team()]
        await team_service.join(user.id, joined)
        self._audit("user_created", address, {"email": [None, address], "role": [None, role]})
        return user

    async def get_by_email(self, email: str) -> User:
        user = await self.repository.get_user_by_email(parse_email(email))
        if user is None:
            raise NotFoundError(f"No user with email {email.strip().lower()}")
        return user

    async def act_as(self, email: str) -> CurrentUser:
        """The user a command acts for (`mcc campaigns ... --as EMAIL`), with their teams."""
        user = await self.get_by_email(email)
        if not user.is_active:
            raise ValidationError(f"{user.email} is deactivated", {"as": "deactivated user"})
        team_ids = await self.teams.team_ids_of(user.id)
        return current_user(user, AuthMethod.TOKEN, team_ids)

    async def set_password(self, user: User, password: str) -> None:
        user.password_hash = await asyncio.to_thread(
            passwords.hash_password, check_password(password)
        )
        await self.repository.session.flush()
        self._audit("password_changed", user.email, {})  # never the hash

    async def ensure_demo_user(self, email: str) -> str:
        """The demo account with a fresh password (returned once, for the banner)."""
        password = secrets.token_urlsafe(12)
        user = await self.repository.get_user_by_email(parse_email(email))
        if user is None:
            await self.create_user(email, password, role=Role.ADMIN)
        else:
            await self.set_password(user, password)
        return password

    async def authenticate(self, email: str, password: str) -> User:
        try:
            address = parse_email(email)
        except ValidationError:
            await asyncio.to_thread(passwords.verify_dummy, password)  # the same answer time
            raise UnauthenticatedError(SIGN_IN_FAILED) from None
        user = await self.repository.get_user_by_email(address)
        if user is None or user.password_hash is None or not user.is_active:
            # argon2 takes ~0.1 s of CPU: in a thread, so sign-ins never stall the server.
            await asyncio.to_thread(passwords.verify_dummy, password)
            raise UnauthenticatedError(SIGN_IN_FAILED)
        if not await asyncio.to_thread(passwords.verify_password, user.password_hash, password):
            raise UnauthenticatedError(SIGN_IN_FAILED)
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = await asyncio.to_thread(passwords.hash_password, password)
        user.last_login_at = utcnow()
        return user

    async def start_session(self, user: User, lifetime: timedelta) -> NewSession:
        now = utcnow()
        await self.repository.delete_expired_sessions(user.id, now)
        token = new_secret()
        await self.repository.add(
            UserSession(user_id=user.id, token_hash=digest(token), expires_at=now + lifetime)
        )
        team_ids = await self.teams.team_ids_of(user.id)
        return NewSession(token, current_user(user, AuthMethod.SESSION, team_ids))

    async def resolve_session(self, token: str) -> CurrentUser | None:
        found = await self.repository.session_with_user(digest(token), utcnow())
        if found is None or not found[1].is_active:
            return None
        return current_user(found[1], AuthMethod.SESSION, found[2])

    async def end_session(self, token: str) -> None:
        await self.repository.delete_session(digest(token))

    async def create_api_token(
        self, user: User, name: str = "api", *, expires_in: timedelta | None = None
    ) -> str:
        """A new bearer token for `user`; the return value is the only time it is visible.

        `expires_in` makes it stop working after that long (None: until revoked)."""
        label = name.strip()
        if not label or len(label) > TOKEN_NAME_MAX:
            raise ValidationError(
                f"Invalid token name: use 1 to {TOKEN_NAME_MAX} characters",
                {"name": f"1 to {TOKEN_NAME_MAX} characters"},
            )
        if expires_in is not None and expires_in <= timedelta(0):
            raise ValidationError(
                "A token's lifetime must be positive", {"expires_in": "must be positive"}
            )
        token = new_api_token()
        expires_at = utcnow() + expires_in if expires_in is not None else None
        await self.repository.add(
            ApiToken(user_id=user.id, name=label, prefix=token[:12], token_hash=digest(token),
                     expires_at=expires_at)
        )  # fmt: skip
        self._audit("token_created", user.email, {"token": [None, f"{label} ({token[:12]})"]})
        return token

    async def resolve_token(self, token: str) -> CurrentUser | None:
        """The token's user; reads only, so every API call can run in a read unit of work."""
        return (await self.lookup_token(token))[0]

    async def lookup_token(self, token: str) -> tuple[CurrentUser | None, bool]:
        """(the token's user, whether its last-used stamp is stale and `touch_token` is due)."""
        found = await self.repository.token_with_user(digest(token), utcnow())
        if found is None or not found[1].is_active:
            return None, False
        api_token, user, team_ids = found
        stale = (
            api_token.last_used_at is None
            or utcnow() - api_token.last_used_at > TOKEN_TOUCH_INTERVAL
        )
        return current_user(user, AuthMethod.TOKEN, team_ids), stale

    async def touch_token(self, token: str) -> None:
        """Record that the token was used, at most once per `TOKEN_TOUCH_INTERVAL`.

        A separate short write, taken only when the stamp is stale: most calls never write.
        """
        found = await self.repository.token_with_user(digest(token), utcnow())
        if found is None:
            return
        now = utcnow()
        api_token = found[0]
        if api_token.last_used_at is None or now - api_token.last_used_at > TOKEN_TOUCH_INTERVAL:
            api_token.last_used_at = now

    async def deactivate(self, user: User) -> int:
        """Cut the user off: no sign-in, every session ended, every token revoked (returns how
        many). Open streams notice at their next credential check."""
        user.is_active = False
        await self.repository.delete_sessions_of(user.id)
        revoked = await self.repository.revoke_tokens_of(user.id, utcnow())
        await self.repository.session.flush()
        self._audit(
            "user_deactivated",
            user.email,
            {"active": [True, False], "tokens_revoked": [0, revoked]},
        )
        return revoked

    async def reset_password(self, user: User, password: str | None = None) -> str:
        """Set a new password (a random one when None, returned once) and end every session."""
        new_password = password if password is not None else secrets.token_urlsafe(15)
        await self.set_password(user, new_password)
        await self.repository.delete_sessions_of(user.id)
        return new_password

    async def revoke_token(self, user: User, prefix: str) -> ApiToken:
        for api_token in await self.repository.tokens_of(user.id):
            if api_token.prefix == prefix and api_token.revoked_at is None:
                api_token.revoked_at = utcnow()
                self._audit("token_revoked", user.email, {"token": [prefix, None]})
                return api_token
        raise NotFoundError(f"{user.email} has no active token starting with {prefix!r}")
