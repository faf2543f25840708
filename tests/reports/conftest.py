"""Report fixtures: the app and its signed-in browsers; `figures`, which stands in for the
report's computation so the renderings are tested on a hand-made report; and the sync fixtures
the recording tests use to drive the real sync against the Workfront emulator."""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI

from mcc.auth.schemas import Role
from mcc.db import Database
from mcc.reports.model import PilotReport
from mcc.teams.scope import Scope
from tests.auth.conftest import admin, app, marketer
from tests.auth.support import Browser, browser
from tests.reports.handmade import handmade_report
from tests.sync.conftest import (  # noqa: F401 - fixtures, found by name
    emulator,
    emulator_server,
    http,
    sync_settings,
    workfront,
)
from tests.sync.test_inbound import mcc_server, subscribed  # noqa: F401 - fixtures

__all__ = ["admin", "app", "marketer"]


@dataclass
class Figures:
    """`mcc.reports.figures` for one test: answers `report` and records what it was asked."""

    report: PilotReport = field(default_factory=handmade_report)
    asked: list[tuple[date | None, date]] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)

    async def pilot_report(
        self, database: Any, since: date | None, until: date, *, scope: Scope, sample: bool = False
    ) -> PilotReport:
        assert isinstance(database, Database)
        self.asked.append((since, until))
        self.scopes.append(scope)
        return dataclasses.replace(self.report, sample=sample)


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> Figures:
    stand_in = Figures()
    module = types.ModuleType("mcc.reports.figures")
    module.pilot_report = stand_in.pilot_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mcc.reports.figures", module)
    return stand_in


@pytest.fixture
async def viewer(app: FastAPI, db: Database) -> AsyncIterator[Browser]:
    async with browser(app, db, "viewer@mcc.test", Role.VIEWER) as signed_in:
        yield signed_in
