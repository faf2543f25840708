"""Test fixtures: every database test runs on SQLite and on a real PostgreSQL.

The `backend` fixture is parametrised, so each database test appears twice (`[sqlite]`,
`[postgresql]`). Each backend is migrated once per session with the real migrations; each test
runs inside a transaction that is rolled back at its end (commits in the code under test become
savepoint releases), so tests see an empty database and cannot leak into each other.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from mcc import migrations
from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.config import Environment, Settings
from mcc.db import Database, create_engine
from tests.support.postgres import PostgresServer

BACKENDS = ["sqlite", "postgresql"]
if os.environ.get("MCC_TEST_BACKENDS"):
    # e.g. MCC_TEST_BACKENDS=sqlite for a quick local loop; scripts/test.sh always runs both.
    BACKENDS = os.environ["MCC_TEST_BACKENDS"].split(",")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Backend:
    """Where a backend's databases come from: URLs for empty databases on demand."""

    def __init__(self, name: str, tmp: Path, postgres: PostgresServer | None) -> None:
        self.name = name
        self.tmp = tmp
        self.postgres = postgres

    async def new_database_url(self) -> str:
        name = f"mcc_{uuid.uuid4().hex[:12]}"
        if self.postgres is not None:
            return await self.postgres.create_database(name)
        return f"sqlite+aiosqlite:///{self.tmp / name}.db"


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return Backend(request.param, tmp_path_factory.mktemp(request.param), postgres)


@pytest.fixture(scope="session")
async def engine(backend: Backend) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(await backend.new_database_url())
    await migrations.upgrade(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def db(engine: AsyncEngine) -> AsyncIterator[Database]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield Database.bound_to(connection)
        finally:
            await transaction.rollback()


@pytest.fixture
async def fresh_db(backend: Backend) -> AsyncIterator[Database]:
    """A database of its own, migrated, for code that runs many transactions concurrently
    (workers, servers) and so cannot share the rolled-back test transaction."""
    database = Database.from_url(await backend.new_database_url())
    await migrations.upgrade(database.engine)
    yield database
    await database.dispose()


@pytest.fixture
async def session(db: Database) -> AsyncIterator[AsyncSession]:
    async with db.sessionmaker() as session:
        yield session


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # BM25-only knowledge: tests that need the dense model load it themselves, once.
    return Settings(env=Environment.TEST, data_dir=tmp_path, _env_file=None, embedder="none")


@pytest.fixture
async def auth_headers(db: Database) -> dict[str, str]:
    """A bearer token of an admin without a password (argon2 hashing would slow every test)."""
    async with db.write() as session:
        auth = AuthService(session)
        user = await auth.create_user("tester@mcc.test", None, role=Role.ADMIN)
        token = await auth.create_api_token(user, "tests")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def client(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    """The app as an API client, signed in with `auth_headers`."""
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app)
    headers = auth_headers
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=headers
    ) as client:
        yield client
