"""Auth fixtures: the app, a signed-in marketer's browser, and an admin's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.config import Settings
from mcc.db import Database
from tests.auth.live_fixtures import idp, live  # noqa: F401 - SSO + `mcc serve` fixtures
from tests.auth.support import Browser, browser


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    return create_app(settings, database=db)


@pytest.fixture
async def marketer(app: FastAPI, db: Database) -> AsyncIterator[Browser]:
    async with browser(app, db) as signed_in:
        yield signed_in


@pytest.fixture
async def admin(app: FastAPI, db: Database) -> AsyncIterator[Browser]:
    async with browser(app, db, "admin@mcc.test", Role.ADMIN) as signed_in:
        yield signed_in
