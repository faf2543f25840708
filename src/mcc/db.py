"""Engine, sessions and the unit of work.

Rule of the house: the edge (a request, a CLI command, a worker job) owns the transaction through
`Database.session()`, which commits when the block succeeds and rolls back when it raises. Services
and repositories only `flush()`.

SQLite needs two fixes to behave like a real transactional database: Python's driver delays BEGIN
and breaks SAVEPOINT, so we take over transaction control (the recipe from SQLAlchemy's SQLite
dialect docs), and foreign keys are off unless asked for on every connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from mcc.events import EventBus, discard_pending, take_pending


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine with the per-backend settings this application relies on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            from pathlib import Path

            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30})
        _fix_sqlite_transactions(engine)
        return engine
    return create_async_engine(url, echo=echo, pool_pre_ping=True)


def _fix_sqlite_transactions(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


class Database:
    """Holds the engine and the session factory; one per application (or per test)."""

    def __init__(
        self,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        *,
        owns_engine: bool = True,
        events: EventBus | None = None,
    ) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker or async_sessionmaker(engine, expire_on_commit=False)
        self.events = events or EventBus()
        self._owns_engine = owns_engine

    @classmethod
    def from_url(cls, url: str, *, echo: bool = False) -> Database:
        return cls(create_engine(url, echo=echo))

    @classmethod
    def bound_to(cls, connection: AsyncConnection) -> Database:
        """A database whose sessions run inside `connection`'s open transaction.

        Commits become savepoint releases, so a test can roll everything back at its end.
        """
        sessionmaker = async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        return cls(connection.engine, sessionmaker, owns_engine=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """The unit of work: commit on success, roll back on any exception.

        Live events recorded during the work are published after the commit, never before.
        """
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                discard_pending(session)
                await session.rollback()
                raise
            for event in take_pending(session):
                self.events.publish(event)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    async def dispose(self) -> None:
        if self._owns_engine:
            await self.engine.dispose()
