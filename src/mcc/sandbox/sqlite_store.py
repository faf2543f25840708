"""The emulators' shared SQLite shell: one connection, a re-entrant lock, nested transactions.

Each emulator (Workfront, Asana) keeps its own schema and documents; what they share is how the
store is held: one ``sqlite3`` connection used by the event loop, uvicorn's threads and the
delivery worker, guarded by a re-entrant lock, with ``transaction()`` holding the lock for a
whole unit of work so readers never see half of it, and per-name counters; and the table of
queued webhook deliveries, whose rows both emulators' delivery workers send.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar


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


class DeliveryRows(SqliteStore):
    """A store with the ``deliveries`` table of the shared webhook core (`mcc.sandbox.delivery`).

    Every backend's table has ``id`` (autoincrement), ``status``, ``attempts``,
    ``next_attempt_at``, ``sort_key``, ``created_at``, ``duplicate_of`` and ``log`` (JSON), plus
    columns of its own; a subclass names them all in ``delivery_columns`` and which hold JSON
    in ``json_columns``. Column names come from these constants, never from a request.
    """

    delivery_columns: ClassVar[tuple[str, ...]]
    json_columns: ClassVar[tuple[str, ...]] = ("log",)

    def _insert_delivery(
        self, own: dict[str, Any], *, status: str, now: float, duplicate_of: int | None
    ) -> int:
        """Queue one row with the backend's ``own`` columns; its id is its default send order."""
        values = {**own, "status": status, "next_attempt_at": now, "created_at": now,
                  "duplicate_of": duplicate_of}  # fmt: skip
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.transaction():
            cursor = self._run(
                f"INSERT INTO deliveries ({names}) VALUES ({marks})",  # noqa: S608
                tuple(values.values()),
            )
            row_id = int(cursor.lastrowid or 0)
            self._run("UPDATE deliveries SET sort_key = id WHERE id = ?", (row_id,))
        return row_id

    def _delivery(self, row: tuple[Any, ...]) -> dict[str, Any]:
        doc = dict(zip(self.delivery_columns, row, strict=True))
        for name in self.json_columns:
            doc[name] = json.loads(doc[name])
        return doc

    def deliveries(self, *, status: str | None = None) -> list[dict[str, Any]]:
        """Deliveries in creation order, optionally only those in one status."""
        cols = ", ".join(self.delivery_columns)
        if status is None:
            rows = self._all(f"SELECT {cols} FROM deliveries ORDER BY id")  # noqa: S608
        else:
            rows = self._all(
                f"SELECT {cols} FROM deliveries WHERE status = ? ORDER BY id",  # noqa: S608
                (status,),
            )
        return [self._delivery(row) for row in rows]

    def due_deliveries(self, now: float) -> list[dict[str, Any]]:
        """Pending deliveries whose time has come, in send order."""
        cols = ", ".join(self.delivery_columns)
        rows = self._all(
            f"SELECT {cols} FROM deliveries WHERE status = 'pending' "  # noqa: S608
            "AND next_attempt_at <= ? ORDER BY sort_key, id",
            (now,),
        )
        return [self._delivery(row) for row in rows]

    def next_due_at(self) -> float | None:
        """When the earliest pending delivery is due, or None when nothing is pending."""
        row = self._one("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'")
        return None if row is None or row[0] is None else float(row[0])

    def update_delivery(self, delivery_id: int, **values: Any) -> None:
        """Set columns of one delivery (others are ignored); ``log`` is JSON-encoded here."""
        if "log" in values:
            values["log"] = json.dumps(values["log"])
        names = [name for name in values if name in self.delivery_columns]
        assignments = ", ".join(f"{name} = ?" for name in names)
        self._run(
            f"UPDATE deliveries SET {assignments} WHERE id = ?",  # noqa: S608
            (*(values[name] for name in names), delivery_id),
        )
