"""Signed-in test clients: a browser session (cookie + CSRF token) without the password cost,
and API tokens for tests that talk to a server process.

Going through `/signin` costs two argon2 computations (~0.5 s); these helpers open the session
through the service and sign the cookie with the app's own key, which is what sign-in does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from fastapi import FastAPI

from mcc.auth.cookies import SESSION_COOKIE, AuthConfig
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database

BASE_URL = "http://mcc.test"


@dataclass
class Browser:
    client: httpx.AsyncClient
    csrf: str
    email: str

    @property
    def htmx(self) -> dict[str, str]:
        """Headers of an htmx request: fragment wanted, CSRF token attached (hx-headers)."""
        return {"HX-Request": "true", "X-CSRF-Token": self.csrf}


async def issue_token(database_url: str, email: str = "api@mcc.test") -> str:
    """An admin's API token in a migrated database, for tests that call a server process."""
    database = Database.from_url(database_url)
    try:
        async with database.write() as session:
            service = AuthService(session)
            user = await service.create_user(email, None, role=Role.ADMIN)
            return await service.create_api_token(user, "tests")
    finally:
        await database.dispose()


@asynccontextmanager
async def browser(
    app: FastAPI,
    db: Database,
    email: str = "marketer@mcc.test",
    role: Role = Role.MARKETER,
    teams: Sequence[str] | None = None,  # names of existing teams; None: the default team
) -> AsyncIterator[Browser]:
    config: AuthConfig = app.state.auth
    async with db.write() as session:
        service = AuthService(session)
        user = await service.create_user(email, None, role=role, teams=teams)
        started = await service.start_session(user, config.session_lifetime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        client.cookies.set(SESSION_COOKIE, config.signer.sign(started.token))
        yield Browser(client, config.signer.csrf_token(started.token), email)
