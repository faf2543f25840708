"""The emulator's SQLite store: JSON documents per object, subscriptions and deliveries.

One ``sqlite3`` connection shared by the event loop, uvicorn's threads and the delivery worker,
guarded by a re-entrant lock. ``transaction()`` holds the lock for a whole unit of work so a
bulk ``atomic=true`` edit is all-or-nothing and readers never see half of it. Objects are JSON
documents filtered in Python: the emulator holds demo- and test-sized data, where clarity beats
SQL pushdown. ``db_path=":memory:"`` gives a private store per emulator instance.
"""

from __future__ import annotations

import json
from typing import Any

from mcc.sandbox.sqlite_store import DeliveryRows

Doc = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY, obj_code TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objects_by_code ON objects (obj_code, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL,
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    sort_key REAL NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    duplicate_of INTEGER,
    payload TEXT NOT NULL,
    log TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);
"""


class Store(DeliveryRows):
    """Thread-safe persistence for one emulator instance."""

    delivery_columns = (
        "id", "subscription_id", "url", "status", "attempts", "next_attempt_at", "sort_key",
        "created_at", "duplicate_of", "payload", "log",
    )  # fmt: skip
    json_columns = ("payload", "log")

    def __init__(self, db_path: str = ":memory:") -> None:
        super().__init__(db_path, _SCHEMA)

    # -- objects ---------------------------------------------------------------------------

    def get(self, obj_code: str, obj_id: str) -> Doc | None:
        """The stored document, or None when absent or of another type."""
        row = self._one(
            "SELECT body FROM objects WHERE id = ? AND obj_code = ?", (obj_id, obj_code)
        )
        return None if row is None else dict(json.loads(row[0]))

    def code_of(self, obj_id: str) -> str | None:
        """Which object type an ID belongs to (IDs are unique across types)."""
        row = self._one("SELECT obj_code FROM objects WHERE id = ?", (obj_id,))
        return None if row is None else str(row[0])

    def list_objects(self, obj_code: str) -> list[Doc]:
        """All documents of a type in creation order (Workfront's unsorted "DB order")."""
        rows = self._all("SELECT body FROM objects WHERE obj_code = ? ORDER BY seq", (obj_code,))
        return [dict(json.loads(row[0])) for row in rows]

    def put(self, doc: Doc) -> None:
        """Insert or replace by ``ID``; a replaced document keeps its creation order."""
        body = json.dumps(doc, sort_keys=True)
        with self.transaction():
            if self._one("SELECT 1 FROM objects WHERE id = ?", (doc["ID"],)):
                self._run("UPDATE objects SET body = ? WHERE id = ?", (body, doc["ID"]))
            else:
                seq = self.next_value("objects.seq")
                self._run(
                    "INSERT INTO objects (id, obj_code, seq, body) VALUES (?, ?, ?, ?)",
                    (doc["ID"], doc["objCode"], seq, body),
                )

    def delete(self, obj_id: str) -> None:
        """Remove one document (no cascade: the service decides what goes with it)."""
        self._run("DELETE FROM objects WHERE id = ?", (obj_id,))

    # -- subscriptions ---------------------------------------------------------------------

    def put_subscription(self, sub: Doc) -> None:
        """Insert or replace a subscription record by ``id``."""
        body = json.dumps(sub)
        with self.transaction():
            if self._one("SELECT 1 FROM subscriptions WHERE id = ?", (sub["id"],)):
                self._run("UPDATE subscriptions SET body = ? WHERE id = ?", (body, sub["id"]))
            else:
                seq = self.next_value("subscriptions.seq")
                self._run(
                    "INSERT INTO subscriptions (id, seq, body) VALUES (?, ?, ?)",
                    (sub["id"], seq, body),
                )

    def get_subscription(self, sub_id: str) -> Doc | None:
        """One subscription record or None."""
        row = self._one("SELECT body FROM subscriptions WHERE id = ?", (sub_id,))
        return None if row is None else dict(json.loads(row[0]))

    def list_subscriptions(self) -> list[Doc]:
        """All subscriptions, oldest first."""
        rows = self._all("SELECT body FROM subscriptions ORDER BY seq")
        return [dict(json.loads(row[0])) for row in rows]

    def delete_subscription(self, sub_id: str) -> bool:
        """Delete; False when it did not exist."""
        return self._run("DELETE FROM subscriptions WHERE id = ?", (sub_id,)).rowcount > 0

    # -- deliveries ------------------------------------------------------------------------

    def add_delivery(
        self,
        *,
        subscription_id: str,
        url: str,
        payload: Doc,
        status: str,
        now: float,
        duplicate_of: int | None = None,
    ) -> int:
        """Queue one outbound message; returns its row id (also its default send order)."""
        own = {"subscription_id": subscription_id, "url": url, "payload": json.dumps(payload)}
        return self._insert_delivery(own, status=status, now=now, duplicate_of=duplicate_of)

    # -- maintenance -----------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything (objects, counters, subscriptions, deliveries)."""
        with self.transaction():
            for table in ("objects", "counters", "subscriptions", "deliveries"):
                self._run(f"DELETE FROM {table}")  # noqa: S608
