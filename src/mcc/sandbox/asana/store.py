"""The Asana emulator's SQLite store: JSON documents by gid, the event log, sync tokens, deliveries.

Held like the Workfront emulator's store (`mcc.sandbox.sqlite_store`): one connection shared by
the event loop, the delivery worker and any thread, guarded by a re-entrant lock;
``transaction()`` holds the lock for a whole unit of work so a create with its sections and
tasks is all-or-nothing. Objects are JSON documents filtered in Python: demo- and test-sized
data, where clarity beats SQL pushdown. ``db_path=":memory:"`` gives a private store per
emulator; a file path survives restarts (``mcc sandbox asana`` and ``mcc demo`` keep one in
``MCC_DATA_DIR``).
"""

from __future__ import annotations

import json
from typing import Any

from mcc.sandbox.sqlite_store import DeliveryRows

Doc = dict[str, Any]

#: Asana gids are strings of digits, typically 16 (reference §1); ours count up from here.
#: The first thousand are the seeded objects' fixed gids, the same after every reset.
GID_BASE = 1_209_000_000_000_000
SEEDED_GIDS = 1000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    gid TEXT PRIMARY KEY, type TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objects_by_type ON objects (type, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, resource TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_resource ON events (resource, id);
CREATE TABLE IF NOT EXISTS sync_tokens (
    token TEXT PRIMARY KEY, resource TEXT NOT NULL, position INTEGER NOT NULL,
    created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    sort_key REAL NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    duplicate_of INTEGER,
    body TEXT NOT NULL,
    log TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);
"""


class Store(DeliveryRows):
    """Thread-safe persistence for one Asana emulator instance."""

    delivery_columns = (
        "id", "webhook", "kind", "status", "attempts", "next_attempt_at", "sort_key",
        "created_at", "duplicate_of", "body", "log",
    )  # fmt: skip

    def __init__(self, db_path: str = ":memory:") -> None:
        super().__init__(db_path, _SCHEMA)

    def new_gid(self) -> str:
        """A fresh 16-digit gid, unique across every resource type (as in Asana)."""
        return str(GID_BASE + SEEDED_GIDS + self.next_value("gid"))

    # -- objects ---------------------------------------------------------------------------

    def get(self, gid: str, kind: str | None = None) -> Doc | None:
        """The stored document, or None when absent (or of another type than ``kind``)."""
        row = self._one("SELECT type, body FROM objects WHERE gid = ?", (gid,))
        if row is None or (kind is not None and row[0] != kind):
            return None
        return dict(json.loads(row[1]))

    def all(self, kind: str) -> list[Doc]:
        """Every document of a type in creation order."""
        rows = self._all("SELECT body FROM objects WHERE type = ? ORDER BY seq", (kind,))
        return [dict(json.loads(row[0])) for row in rows]

    def put(self, doc: Doc) -> None:
        """Insert or replace by ``gid``; a replaced document keeps its creation order."""
        body = json.dumps(doc, sort_keys=True)
        with self.transaction():
            if self._one("SELECT 1 FROM objects WHERE gid = ?", (doc["gid"],)):
                self._run("UPDATE objects SET body = ? WHERE gid = ?", (body, doc["gid"]))
            else:
                seq = self.next_value("objects.seq")
                self._run(
                    "INSERT INTO objects (gid, type, seq, body) VALUES (?, ?, ?, ?)",
                    (doc["gid"], doc["resource_type"], seq, body),
                )

    def delete(self, gid: str) -> None:
        """Remove one document (no cascade: the service decides what goes with it)."""
        self._run("DELETE FROM objects WHERE gid = ?", (gid,))

    # -- the event log (what /events and webhooks read) -------------------------------------

    def add_event(self, resource: str, event: Doc) -> int:
        """Append one event to a resource's stream; returns its position."""
        cursor = self._run(
            "INSERT INTO events (resource, body) VALUES (?, ?)", (resource, json.dumps(event))
        )
        return int(cursor.lastrowid or 0)

    def last_event_id(self) -> int:
        """The newest position in any stream (0 when empty)."""
        row = self._one("SELECT MAX(id) FROM events")
        return int(row[0]) if row and row[0] is not None else 0

    def events_after(self, resource: str, position: int, limit: int) -> list[tuple[int, Doc]]:
        """Up to ``limit`` events of ``resource`` after ``position``, oldest first."""
        rows = self._all(
            "SELECT id, body FROM events WHERE resource = ? AND id > ? ORDER BY id LIMIT ?",
            (resource, position, limit),
        )
        return [(int(row[0]), dict(json.loads(row[1]))) for row in rows]

    def put_sync_token(self, token: str, resource: str, position: int, now: float) -> None:
        """Remember where a sync token points."""
        self._run(
            "INSERT OR REPLACE INTO sync_tokens (token, resource, position, created_at) "
            "VALUES (?, ?, ?, ?)",
            (token, resource, position, now),
        )

    def sync_token(self, token: str) -> tuple[str, int, float] | None:
        """(resource, position, created_at) of a token, or None when unknown."""
        row = self._one(
            "SELECT resource, position, created_at FROM sync_tokens WHERE token = ?", (token,)
        )
        return None if row is None else (str(row[0]), int(row[1]), float(row[2]))

    # -- deliveries ------------------------------------------------------------------------

    def add_delivery(
        self, *, webhook: str, kind: str, body: bytes, status: str, now: float,
        duplicate_of: int | None = None,
    ) -> int:  # fmt: skip
        """Queue one outbound POST (``body`` is sent byte for byte and signed as such)."""
        own = {"webhook": webhook, "kind": kind, "body": body.decode("utf-8")}
        return self._insert_delivery(own, status=status, now=now, duplicate_of=duplicate_of)

    def deliveries(self, *, status: str | None = None, webhook: str | None = None) -> list[Doc]:
        """Deliveries in creation order, optionally filtered."""
        found = super().deliveries(status=status)
        return [d for d in found if webhook is None or d["webhook"] == webhook]

    def cancel_deliveries(self, webhook: str) -> None:
        """Drop what is still queued for a deleted webhook."""
        self._run(
            "UPDATE deliveries SET status = 'cancelled' WHERE webhook = ? "
            "AND status IN ('pending', 'held')",
            (webhook,),
        )

    # -- maintenance -----------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything but the counters, so a gid handed out before is never reused."""
        with self.transaction():
            for table in ("objects", "events", "sync_tokens", "deliveries"):
                self._run(f"DELETE FROM {table}")  # noqa: S608
