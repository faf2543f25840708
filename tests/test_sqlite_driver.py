"""The one-hop SQLite driver keeps the DBAPI behaviour SQLAlchemy and the repositories rely on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from mcc.db import create_engine


async def test_rows_counts_and_ids_come_back_as_before(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"))
            inserted = await connection.execute(
                text("INSERT INTO item (name) VALUES (:name)"), [{"name": "a"}, {"name": "b"}]
            )
            assert inserted.rowcount == 2
            one = await connection.execute(text("INSERT INTO item (name) VALUES ('c')"))
            assert one.lastrowid == 3
            updated = await connection.execute(text("UPDATE item SET name = 'z' WHERE id > 1"))
            assert updated.rowcount == 2
            returned = await connection.execute(
                text("INSERT INTO item (name) VALUES ('d') RETURNING id, name")
            )
            assert returned.all() == [(4, "d")]
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT id, name FROM item ORDER BY id"))
            assert list(result.keys()) == ["id", "name"]
            assert result.fetchmany(2) == [(1, "a"), (2, "z")]
            assert result.fetchall() == [(3, "z"), (4, "d")]
            empty = await connection.execute(text("SELECT id FROM item WHERE id > 99"))
            assert empty.first() is None
    finally:
        await engine.dispose()
