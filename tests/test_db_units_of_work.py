"""A read stays read-only however the pooled connections alternate between reads and writes
(SQLite sets `query_only` only when it changes, so this guards the bookkeeping)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from mcc.db import Database

WRITE = text(
    "INSERT INTO sync_state (key, value, created_at, updated_at) "
    "VALUES (:key, 'v', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


async def test_reads_refuse_writes_and_writes_succeed_in_any_order(fresh_db: Database) -> None:
    for round_number in range(3):
        async with fresh_db.write() as session:
            await session.execute(WRITE, {"key": f"written-{round_number}"})
        with pytest.raises(DBAPIError):
            async with fresh_db.read() as session:
                await session.execute(WRITE, {"key": f"refused-{round_number}"})
    async with fresh_db.read() as session:
        keys = set((await session.scalars(text("SELECT key FROM sync_state"))).all())
    assert keys == {"written-0", "written-1", "written-2"}
