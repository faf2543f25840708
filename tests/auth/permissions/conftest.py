"""One app and one world per test, on each database (the `db` fixture's backends)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from tests.auth.permissions.world import World, build_world


@pytest.fixture
async def world(db: Database, settings: Settings) -> AsyncIterator[World]:
    app = create_app(settings, database=db)
    built = await build_world(app, db)
    try:
        yield built
    finally:
        await built.client.aclose()
