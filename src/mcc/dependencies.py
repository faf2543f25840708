"""Typed FastAPI dependencies for the two units of work (see `mcc.db`).

A GET route takes `ReadSession`: it reads in a transaction that never takes SQLite's write lock.
A route that writes takes `DatabaseDep` and opens `db.write()` itself, around the few statements
that write, so that the commit happens before the response is sent and nothing slow runs while
the write lock is held.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from mcc.db import Database


def get_database(connection: HTTPConnection) -> Database:
    database: Database = connection.app.state.db
    return database


async def read_session(connection: HTTPConnection) -> AsyncIterator[AsyncSession]:
    async with get_database(connection).read() as session:
        yield session


DatabaseDep = Annotated[Database, Depends(get_database)]
ReadSession = Annotated[AsyncSession, Depends(read_session)]
