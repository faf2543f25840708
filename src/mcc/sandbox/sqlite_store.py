"""The emulators' shared SQLite shell: one connection, a re-entrant lock, nested transactions.

Each emulator (Workfront, Asana) keeps its own schema and documents; what they share is how the
store is held: one ``sqlite3`` connection used by the event loop, uvicorn's threads and the
delivery worker, guarded by a re-entrant lock, with ``transaction()`` holding the lock for a
whole unit of work so readers never see half of it, and per-name counters.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class SqliteStore:
    """Thread-safe SQLite persistence for one emulator instance; `schema` must create a
    `counters (name TEXT PRIMARY KEY, value INTEGER)` table for `next_value`."""

    def __init__(self, db_path: str, schema: str) -> None:
        self._conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        self._depth = 0
        with self._lock:
            self._conn.executescript(schema)

    def close(self) -> None:
        """Close the connection; the store is unusable afterwards."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        with self._lock:
            row: tuple[Any, ...] | None = self._conn.execute(sql, args).fetchone()
            return row

    def _all(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return list(self._conn.execute(sql, args).fetchall())

    def _run(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, args)

    def next_value(self, name: str) -> int:
        """A per-name increasing integer (reference numbers, ordering, gids)."""
        with self.transaction():
            self._run(
                "INSERT INTO counters (name, value) VALUES (?, 1) "
                "ON CONFLICT(name) DO UPDATE SET value = value + 1",
                (name,),
            )
            row = self._one("SELECT value FROM counters WHERE name = ?", (name,))
        assert row is not None
        return int(row[0])
