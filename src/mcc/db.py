"""Engine, sessions and the unit of work.

Rule of the house: the edge (a request, a CLI command, a worker job) owns the transaction. It opens
one of two units of work:

- `Database.read()`: reads only. On SQLite a deferred transaction (WAL readers never wait for the
  writer, and never make it wait); on PostgreSQL a READ ONLY transaction. A write inside it fails
  instead of silently taking the write lock. Every GET route, page, GraphQL query and subscription
  reads.
- `Database.write()`: commits when the block succeeds and rolls back when it raises. It must be
  short: load first (in a read), do anything slow (an LLM call, an embedding, a remote API, a model
  load) with no transaction open, then write with a version check. `Database.write_one()` is
  the same for work of exactly one statement (a webhook's insert): on PostgreSQL it is sent in
  autocommit, one round trip instead of three.

Services and repositories only `flush()`.

SQLite needs fixes to behave like a real transactional database: Python's driver delays BEGIN
and breaks SAVEPOINT, so we take over transaction control (the recipe from SQLAlchemy's SQLite
dialect docs) and begin IMMEDIATE; foreign keys are off unless asked for on every connection.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, exc, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from mcc import sqlite_driver
from mcc.events import (
    CampaignChanged,
    EventBus,
    discard_pending,
    from_json,
    take_pending,
    to_json,
)
from mcc.logging import get_logger

log = get_logger(__name__)
CHANNEL = "mcc_campaign_events"
INBOX_CHANNEL = "mcc_inbox"  # a webhook event was queued; the payload names its source
NOTIFY_CHUNK = 500  # pg_notify calls per SELECT (PostgreSQL allows 1,664 columns)
# Execution option for connections that only read (see `_fix_sqlite_transactions`).
READ_ONLY = "mcc_read_only"
ONE_STATEMENT = "mcc_one_statement"  # `Database.write_one()`'s connections
IDLE_SINCE = "mcc_idle_since"  # when a pooled connection was last given back (monotonic)
PING_AFTER_IDLE = 5.0  # seconds idle after which a connection is checked before use


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
        engine = create_async_engine(
            url, echo=echo, connect_args={"timeout": 30}, module=sqlite_driver.dbapi()
        )
        _fix_sqlite_transactions(engine)
        return engine
    engine = create_async_engine(url, echo=echo)
    _ping_when_idle(engine)
    _one_statement_only(engine)
    return engine


def _one_statement_only(engine: AsyncEngine) -> None:
    """A `Database.write_one()` connection runs in autocommit: a second statement would commit
    apart from the first, so it fails before it runs."""

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(connection: Any, *_args: Any) -> None:
        if connection.get_execution_options().get(ONE_STATEMENT):
            if connection.info.get(ONE_STATEMENT):
                raise exc.InvalidRequestError("write_one() runs one statement, no more")
            connection.info[ONE_STATEMENT] = True


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Check a pooled connection before use only when it sat idle for `PING_AFTER_IDLE`.

    SQLAlchemy's `pool_pre_ping` checks every checkout, and on asyncpg its ping is a transaction
    of its own (BEGIN, a query, ROLLBACK): three round trips in front of every unit of work. A
    webhook's insert is three round trips itself, so under load (2 busy cores, ~5 ms a round
    trip) the ping doubled the time to store it, and added a third to applying it. A connection
    used a moment ago is alive unless the server went away in that moment, which a transaction
    already under way would meet all the same; one idle longer (a restart, an idle timeout in
    between) is pinged as before, and a dead one replaced along with the pool's other older
    connections."""
    dialect = engine.dialect

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(IDLE_SINCE)  # None: connected just now (`info` is per connection)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.InvalidatePoolError() from error  # the pool connects afresh
            raise


def _fix_sqlite_transactions(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL skips the fsync per commit yet survives a crash of the process; only
        # a power cut can lose the last commits. For the embedded default that trade is right:
        # a webhook lost that way is repaired by the reconciler. PostgreSQL is the durable path.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front (waiting up to busy_timeout). A deferred
        # BEGIN that reads and then writes fails at once with "database is locked" whenever
        # another connection committed in between: workers and requests do exactly that.
        # Work that only reads says so (READ_ONLY) and keeps WAL's lock-free reads; query_only
        # makes a stray write inside it fail at once instead of waiting for the write lock.
        # The pragma sticks to the connection: set it only when it changes (each statement is
        # a hop to aiosqlite's thread, and a write path like a webhook does only three).
        read_only = bool(connection.get_execution_options().get(READ_ONLY, False))
        if connection.info.get(READ_ONLY) != read_only:
            connection.exec_driver_sql(f"PRAGMA query_only={1 if read_only else 0}")
            connection.info[READ_ONLY] = read_only
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


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
        # Across processes via PostgreSQL NOTIFY, except for a test's rolled-back connection,
        # whose notifications would never be delivered.
        self.cross_process = engine.dialect.name == "postgresql" and owns_engine
        self.listening = asyncio.Event()
        # The inbox workers of this process by source, woken by a door in any process
        # (`InboxRepository.store`'s NOTIFY on PostgreSQL).
        self.inbox_wakers: dict[str, Callable[[], None]] = {}
        # SQLite has one writer at a time, and its busy handler is a polling sleep with no
        # queue: under a stream of short writes (chat turns) one waiter can lose the race for
        # seconds. Writers of this process queue here instead, first come first served, so a
        # webhook waits only for the writes that arrived before it. Other processes (`mcc
        # worker`) still meet the busy timeout. A test's bound connection nests savepoints
        # inside one connection, so it has no gate.
        self._write_gate = (
            asyncio.Lock() if engine.dialect.name == "sqlite" and owns_engine else None
        )

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
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A unit of work that only reads: it never takes (or waits for) SQLite's write lock.

        Nothing is committed: closing the session ends the transaction. Objects read stay
        usable afterwards (detached with what was loaded), as after a write's commit.
        """
        async with self.sessionmaker() as session:
            connection = await session.connection(execution_options={READ_ONLY: True})
            if self.engine.dialect.name == "postgresql" and self._owns_engine:
                # A test's rolled-back outer transaction cannot change its access mode.
                await connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            try:
                yield session
            finally:
                discard_pending(session)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """The unit of work that writes: commit on success, roll back on any exception.

        Live events recorded during the work are published after the commit, never before.
        Keep it short: nothing slow may run while it is open (see the module docstring).
        """
        if self._write_gate is None:
            async with self._write_session() as session:
                yield session
            return
        async with self._write_gate, self._write_session() as session:
            yield session

    @asynccontextmanager
    async def write_one(self) -> AsyncIterator[AsyncSession]:
        """`write()` for work that is ONE statement, atomic by itself (a webhook's insert).

        On PostgreSQL it runs in autocommit: one round trip instead of three (BEGIN, the
        statement, COMMIT), and under load each round trip is a wait for a busy core (a
        webhook's answer took half as long). A second statement raises instead of committing
        on its own. Elsewhere (SQLite, a test's bound connection) it is `write()`. It publishes
        no live events: work that records some is never one statement.
        """
        if not self.cross_process:
            async with self.write() as session:
                yield session
            return
        async with self.sessionmaker() as session:
            connection = await session.connection(
                execution_options={"isolation_level": "AUTOCOMMIT", ONE_STATEMENT: True}
            )
            connection.info.pop(ONE_STATEMENT, None)  # `info` outlives this checkout
            try:
                yield session
                if take_pending(session) or session.new or session.dirty or session.deleted:
                    raise exc.InvalidRequestError("write_one() runs one statement, no more")
            except BaseException:
                discard_pending(session)
                raise

    @asynccontextmanager
    async def _write_session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
                events = _distinct(take_pending(session))
                if self.cross_process:  # one round trip per 500 events, not one each
                    for start in range(0, len(events), NOTIFY_CHUNK):
                        chunk = events[start : start + NOTIFY_CHUNK]
                        notify = [func.pg_notify(CHANNEL, to_json(change)) for change in chunk]
                        await session.execute(select(*notify))
                await session.commit()
            except BaseException:
                discard_pending(session)
                await session.rollback()
                raise
            if not self.cross_process:
                for event in events:
                    self.events.publish(event)

    async def ping(self) -> None:
        """Raise unless the database answers a trivial query (what readiness probes ask)."""
        async with self.read() as session:
            await session.execute(text("SELECT 1"))

    async def listen(self) -> None:
        """Republish other processes' (and our own) NOTIFYs on the local bus, until cancelled.

        Reconnects with a growing pause if the connection drops, so a database restart does not
        silence the dashboard for good.
        """
        if not self.cross_process:
            return
        pause = 0.5
        while True:
            try:
                async with self.engine.connect() as connection:
                    raw = await connection.get_raw_connection()
                    driver = raw.driver_connection
                    assert driver is not None
                    await driver.add_listener(CHANNEL, self._on_notify)
                    await driver.add_listener(INBOX_CHANNEL, self._on_inbox_notify)
                    self.listening.set()
                    pause = 0.5
                    await _wait_closed(driver)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("events.listen_failed")
            self.listening.clear()
            await asyncio.sleep(pause)
            pause = min(pause * 2, 30.0)

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            self.events.publish(from_json(payload))
        except (ValueError, KeyError):
            log.warning("events.bad_notification", payload=payload[:200])

    def _on_inbox_notify(self, _connection: Any, _pid: int, _channel: str, source: str) -> None:
        wake = self.inbox_wakers.get(source)
        if wake is not None:
            wake()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    async def dispose(self) -> None:
        if self._owns_engine:
            await self.engine.dispose()


def _distinct(events: list[CampaignChanged]) -> list[CampaignChanged]:
    """One of each: a batch of synced tasks of one campaign says "its tasks changed" once
    (listeners reload what they show, so repeating it only costs them)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for change in events:
        key = (change.campaign_id, change.kind, change.fields, change.source)
        if key not in seen:
            seen.add(key)
            kept.append(change)
    return kept


async def _wait_closed(driver: Any) -> None:
    """Return when the asyncpg connection terminates."""
    closed = asyncio.Event()
    driver.add_termination_listener(lambda _connection: closed.set())
    if not driver.is_closed():
        await closed.wait()
