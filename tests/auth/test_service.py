"""Accounts, sessions and tokens against each database backend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.auth.schemas import AuthMethod, Role
from mcc.auth.service import SIGN_IN_FAILED, AuthService
from mcc.db import Database
from mcc.exceptions import ConflictError, NotFoundError, UnauthenticatedError, ValidationError
from mcc.models import User

PASSWORD = "correct horse battery"


async def users(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_create_user_normalises_the_address_and_refuses_duplicates(
    session: AsyncSession,
) -> None:
    service = AuthService(session)
    user = await service.create_user("  Ada@Example.COM ", None, role=Role.ADMIN)
    assert user.email == "ada@example.com"
    assert user.password_hash is None
    with pytest.raises(ConflictError, match="already exists"):
        await service.create_user("ada@example.com", None)
    assert await users(session) == 1


@pytest.mark.parametrize(
    ("email", "password", "field"),
    [("not-an-address", None, "email"), ("", None, "email"), ("a@b.co", "short", "password")],
)
async def test_bad_input_is_refused_before_anything_is_written(
    session: AsyncSession, email: str, password: str | None, field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        await AuthService(session).create_user(email, password)
    assert field in raised.value.fields
    assert await users(session) == 0


async def test_authenticate_says_the_same_for_unknown_users_and_wrong_passwords(
    session: AsyncSession,
) -> None:
    service = AuthService(session)
    await service.create_user("ada@example.com", PASSWORD)
    user = await service.authenticate("ADA@example.com", PASSWORD)
    assert user.last_login_at is not None
    for email, password in [("ada@example.com", "wrong password!"), ("bob@example.com", PASSWORD)]:
        with pytest.raises(UnauthenticatedError) as raised:
            await service.authenticate(email, password)
        assert raised.value.message == SIGN_IN_FAILED


async def test_passwordless_and_inactive_accounts_cannot_sign_in(session: AsyncSession) -> None:
    service = AuthService(session)
    await service.create_user("robot@example.com", None)
    user = await service.create_user("gone@example.com", PASSWORD)
    user.is_active = False
    for email in ("robot@example.com", "gone@example.com"):
        with pytest.raises(UnauthenticatedError):
            await service.authenticate(email, PASSWORD)


async def test_sessions_resolve_until_ended_or_expired(session: AsyncSession) -> None:
    service = AuthService(session)
    user = await service.create_user("ada@example.com", None)
    live = await service.start_session(user, timedelta(days=1))
    expired = await service.start_session(user, timedelta(seconds=-1))
    resolved = await service.resolve_session(live.token)
    assert resolved is not None
    assert (resolved.email, resolved.method) == ("ada@example.com", AuthMethod.SESSION)
    assert await service.resolve_session(expired.token) is None
    assert await service.resolve_session("not a session") is None
    await service.end_session(live.token)
    assert await service.resolve_session(live.token) is None


async def test_api_tokens_resolve_until_revoked(session: AsyncSession) -> None:
    service = AuthService(session)
    user = await service.create_user("ada@example.com", None, role=Role.ADMIN)
    token = await service.create_api_token(user, "ci")
    resolved = await service.resolve_token(token)
    assert resolved is not None
    assert (resolved.role, resolved.method) == (Role.ADMIN, AuthMethod.TOKEN)
    await service.revoke_token(user, token[:12])
    assert await service.resolve_token(token) is None
    with pytest.raises(NotFoundError):
        await service.revoke_token(user, token[:12])
    with pytest.raises(ValidationError):
        await service.create_api_token(user, "   ")


async def test_demo_account_gets_a_fresh_password_each_time(session: AsyncSession) -> None:
    service = AuthService(session)
    first = await service.ensure_demo_user("demo@mcc.local")
    second = await service.ensure_demo_user("demo@mcc.local")
    assert first != second
    with pytest.raises(UnauthenticatedError):
        await service.authenticate("demo@mcc.local", first)
    assert (await service.authenticate("demo@mcc.local", second)).role == Role.ADMIN


async def test_a_credential_resolves_with_its_teams_in_one_query(
    db: Database, session: AsyncSession
) -> None:
    """Every request resolves its credential: one statement for the token or session, the user
    and every team (a user in several teams and one in fewer keep exactly theirs)."""
    from sqlalchemy import event

    from mcc.teams.repository import TeamRepository
    from mcc.teams.service import TeamService

    service, teams = AuthService(session), TeamService(session)
    user = await service.create_user("ada@example.com", None)
    loner = await service.create_user("bob@example.com", None)
    both = [await teams.create("North"), await teams.create("South")]
    await teams.join(user.id, both)
    token = await service.create_api_token(user, "ci")
    lone_token = await service.create_api_token(loner, "ci")
    browser = await service.start_session(user, timedelta(days=1))
    statements: list[str] = []

    def count(*_: object) -> None:
        statements.append("one")

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        by_token, _stale = await service.lookup_token(token)
        by_session = await service.resolve_session(browser.token)
        alone, _stale = await service.lookup_token(lone_token)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 3
    assert by_token is not None
    assert by_session is not None
    assert alone is not None
    members = TeamRepository(session)
    assert by_token.team_ids == by_session.team_ids == await members.team_ids_of(user.id)
    assert {team.id for team in both} < by_token.team_ids
    assert alone.team_ids == await members.team_ids_of(loner.id)
    assert not alone.team_ids & {team.id for team in both}
