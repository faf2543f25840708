"""A real `mcc serve` with SSO set up against the OIDC emulator, both on 127.0.0.1.

The emulator runs in this process (uvicorn in a thread) so tests can change its users and faults
directly; MCC runs as its own process and only reaches the emulator over HTTP, as in life.
Registered for the auth tests in `tests/auth/conftest.py`.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from mcc import migrations as db_migrations
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.sandbox.oidc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from mcc.sandbox.oidc.app import create_oidc_emulator
from mcc.sandbox.oidc.provider import IdentityProvider, User
from tests.conftest import Backend
from tests.support.live import LiveServer
from tests.support.server import mcc_serve

GROUPS = ("mcc-emea-marketers=EMEA:marketer,mcc-apac-marketers=APAC:marketer,"
          "mcc-vps=EMEA:vp,mcc-admins=*:admin")  # fmt: skip
LOCAL_EMAIL = "local@mcc.test"
LOCAL_PASSWORD = "a long local password"
ACCOUNT_FAILURES, CLIENT_FAILURES = 3, 8
RECHECK_SECONDS = 1.0


@dataclass
class Idp:
    url: str
    provider: IdentityProvider

    def add_user(self, email: str, groups: list[str], password: str = "idp-password") -> User:
        user = User(email=email, password=password, groups=groups)
        existing = self.provider.users.get(email)
        if existing is not None:
            user.sub = existing.sub
        self.provider.users[email] = user
        return user


@dataclass
class Live:
    url: str
    database_url: str
    admin_token: str

    def mcc(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """`mcc ...` as an operator runs it: another process than the server."""
        env = {**os.environ, "MCC_DATABASE_URL": self.database_url, "MCC_LOG_LEVEL": "WARNING"}
        return subprocess.run(
            [sys.executable, "-m", "mcc", *args], env=env, input=stdin, capture_output=True,
            text=True, timeout=60, check=False,
        )  # fmt: skip

    async def database(self) -> Database:
        return Database.from_url(self.database_url)


@pytest.fixture(scope="module")
def idp() -> Iterator[Idp]:
    app = create_oidc_emulator("http://placeholder")
    server = LiveServer(app).start()
    provider: IdentityProvider = app.state.idp
    provider.issuer = server.url  # known once the port is
    try:
        yield Idp(server.url, provider)
    finally:
        server.stop()


async def _prepare(url: str) -> str:
    database = Database.from_url(url)
    try:
        await db_migrations.upgrade(database.engine)
        async with database.write() as session:
            service = AuthService(session)
            await service.create_user(LOCAL_EMAIL, LOCAL_PASSWORD, role=Role.MARKETER)
            admin = await service.create_user("admin@mcc.test", None, role=Role.ADMIN)
            return await service.create_api_token(admin, "tests")
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def live(backend: Backend, idp: Idp) -> Iterator[Live]:
    url = asyncio.run(backend.new_database_url())
    token = asyncio.run(_prepare(url))
    env = {"MCC_EMBEDDER": "none", "MCC_KNOWLEDGE_LOAD_BUNDLED": "false",
           "MCC_OIDC_ISSUER": idp.url, "MCC_OIDC_CLIENT_ID": DEFAULT_CLIENT_ID,
           "MCC_OIDC_CLIENT_SECRET": DEFAULT_CLIENT_SECRET, "MCC_OIDC_GROUPS": GROUPS,
           "MCC_SIGNIN_ACCOUNT_FAILURES": str(ACCOUNT_FAILURES),
           "MCC_SIGNIN_CLIENT_FAILURES": str(CLIENT_FAILURES),
           "MCC_STREAM_RECHECK_SECONDS": str(RECHECK_SECONDS)}  # fmt: skip
    with mcc_serve(url, env=env) as server:
        yield Live(server.url, url, token)


def csrf_of(page: httpx.Response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None, page.text[:500]
    return match.group(1)


async def password_sign_in(
    client: httpx.AsyncClient, email: str, password: str, *, client_ip: str = "10.0.0.1"
) -> httpx.Response:
    """The sign-in form as a browser posts it; `client_ip` arrives as X-Forwarded-For, which
    uvicorn trusts from 127.0.0.1, so each test can be its own client address."""
    headers = {"X-Forwarded-For": client_ip}
    form = await client.get("/signin", headers=headers)
    data = {"email": email, "password": password, "csrf_token": csrf_of(form), "next": "/"}
    return await client.post("/signin", data=data, headers=headers)
