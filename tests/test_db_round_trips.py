"""What a unit of work costs on PostgreSQL, where each round trip waits for a busy core: a
webhook's one insert is one statement with no BEGIN/COMMIT (`Database.write_one`), and a pooled
connection is checked before use only after sitting idle (a dead one is then replaced)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncSession

from mcc import db as db_module
from mcc import migrations
from mcc.db import Database
from mcc.models import SyncState
from tests.conftest import Backend
from tests.support.live import eventually_async

WRITE = text(
    "INSERT INTO sync_state (key, value, created_at, updated_at) "
    "VALUES (:key, 'v', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


@pytest.fixture
async def owned(backend: Backend) -> AsyncIterator[Database]:
    """A database with its own engine and pool, as a server process has (not a test's
    rolled-back connection)."""
    database = Database.from_url(await backend.new_database_url())
    await migrations.upgrade(database.engine)
    yield database
    await database.dispose()


async def keys(database: Database) -> set[str]:
    async with database.read() as session:
        return set((await session.scalars(select(SyncState.key))).all())


async def sent(session: AsyncSession, log: list[str]) -> None:
    """Record every query the session's asyncpg connection sends from now on (BEGIN included)."""
    raw = await (await session.connection()).get_raw_connection()
    assert raw.driver_connection is not None
    raw.driver_connection.add_query_logger(lambda record: log.append(record.query.strip()))


async def test_write_one_commits_its_statement(owned: Database, backend: Backend) -> None:
    async with owned.write_one() as session:
        await session.execute(WRITE, {"key": "stored"})
    other = Database.from_url(owned.engine.url.render_as_string(hide_password=False))
    try:
        assert await keys(other) == {"stored"}
    finally:
        await other.dispose()


async def test_write_one_sends_no_begin_or_commit_and_refuses_a_second_statement(
    owned: Database, backend: Backend
) -> None:
    if backend.name != "postgresql":
        pytest.skip("SQLite's write_one is write(): in-process, no round trips to save")
    write_log: list[str] = []
    async with owned.write() as session:
        await sent(session, write_log)
        await session.execute(WRITE, {"key": "in-a-transaction"})
    assert any(query.upper().startswith("BEGIN") for query in write_log)  # what write() costs
    one_log: list[str] = []
    async with owned.write_one() as session:
        await sent(session, one_log)
        await session.execute(WRITE, {"key": "alone"})
    assert not any(query.upper().startswith(("BEGIN", "COMMIT")) for query in one_log)
    async with owned.write_one() as session:
        await session.execute(WRITE, {"key": "first"})
        with pytest.raises(InvalidRequestError, match="one statement"):
            await session.execute(WRITE, {"key": "second"})  # it would commit on its own
    assert await keys(owned) == {"in-a-transaction", "alone", "first"}  # never "second"


async def backend_pid(database: Database) -> int:
    async with database.write() as session:
        pid = await session.scalar(select(func.pg_backend_pid()))
    assert isinstance(pid, int)
    return pid


async def test_a_pooled_connection_killed_while_idle_is_replaced_before_use(
    owned: Database, backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend.name != "postgresql":
        pytest.skip("SQLite has no server to lose the connection")
    pid = await backend_pid(owned)  # the pool keeps this connection
    admin = Database.from_url(owned.engine.url.render_as_string(hide_password=False))
    try:
        async with admin.write() as session:
            assert await session.scalar(select(func.pg_terminate_backend(pid)))

        async def gone() -> bool:
            async with admin.read() as session:
                count: int = await session.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
                )
            return count == 0

        await eventually_async(gone, timeout=10, message="the backend to end")
    finally:
        await admin.dispose()
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE", 0.0)  # it has been idle long enough
    assert await backend_pid(owned) != pid  # pinged, found dead, replaced: no error


async def test_only_a_connection_idle_for_a_while_is_pinged(
    owned: Database, backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend.name != "postgresql":
        pytest.skip("SQLite has no pool ping")
    dialect = owned.engine.dialect
    pings: list[Any] = []
    real_ping = dialect.do_ping

    def counting(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return bool(real_ping(dbapi_connection))

    monkeypatch.setattr(dialect, "do_ping", counting)
    for _ in range(3):  # back in the pool a moment ago: no ping (on asyncpg, 3 round trips)
        await backend_pid(owned)
    assert pings == []
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE", 0.0)
    await backend_pid(owned)
    assert len(pings) == 1
