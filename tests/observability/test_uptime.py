"""The uptime record: the server checks its own `/readyz`, and a running `mcc serve` records it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.models import UptimeDay
from mcc.pilot import uptime
from mcc.pilot.uptime import UptimeRecorder, own_url, slot_of
from mcc.reports.figures import pilot_report
from mcc.teams.scope import Scope
from tests.conftest import Backend
from tests.support.live import LiveServer, eventually_async
from tests.support.net import free_port
from tests.support.server import mcc_serve

QUIET = {"MCC_EMBEDDER": "none", "MCC_KNOWLEDGE_LOAD_BUNDLED": "false"}
STARTUP = 180  # seconds: two workers importing everything on a busy 2-core machine


async def days(db: Database) -> list[UptimeDay]:
    async with db.read() as session:
        return list((await session.scalars(select(UptimeDay).order_by(UptimeDay.day))).all())


async def test_a_check_records_healthy_and_an_unreachable_server_unhealthy(
    fresh_db: Database, settings: Settings
) -> None:
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    server = LiveServer(create_app(settings.model_copy(update={"database_url": url}))).start()
    try:
        async with httpx.AsyncClient() as http:
            # Hourly slots: the two checks land in different slots only if the hour turns.
            healthy = UptimeRecorder(fresh_db, http, server.url, 3600)
            # The index answers (keyword search) once its first build is in: poll for it.
            await eventually_async(healthy.healthy, timeout=30, message="database and index up")
            await healthy.check()
            down = UptimeRecorder(fresh_db, http, f"http://127.0.0.1:{free_port()}", 1)
            assert not await down.healthy()
            await down.check()
    finally:
        server.stop()
    (today,) = await days(fresh_db)
    assert (today.checks, today.healthy_checks, today.healthy_seconds) == (2, 1, 3600)


def test_slots_are_aligned_and_a_wildcard_bind_is_checked_on_loopback() -> None:
    assert slot_of(datetime(2026, 11, 2, 10, 0, 59, tzinfo=UTC), 30) == datetime(
        2026, 11, 2, 10, 0, 30, tzinfo=UTC
    )
    assert own_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert own_url("::", 8000) == "http://[::1]:8000"


async def test_mcc_serve_with_workers_records_its_health_checks(backend: Backend) -> None:
    url = await backend.new_database_url()
    env = {**QUIET, "MCC_UPTIME_CHECK_SECONDS": "1"}
    with mcc_serve(url, env=env, workers=2, timeout=STARTUP):
        database = Database.from_url(url)
        try:

            async def healthy_checks() -> int | None:
                recorded = await days(database)
                count = sum(day.healthy_checks for day in recorded)
                return count if count >= 3 else None

            await eventually_async(healthy_checks, timeout=60, message="three healthy checks")
            recorded = await days(database)
            report = await pilot_report(database, date.today(), date.today(), scope=Scope.system())
        finally:
            await database.dispose()
    assert sum(day.checks for day in recorded) >= 3
    availability = next(c for c in report.criteria if c.key == "availability")
    assert availability.value is not None
    assert availability.value > 0


async def test_a_check_that_could_not_be_written_is_written_late_not_lost(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long import holds SQLite's write lock (sweep F10): the check of /readyz was healthy,
    so it must count as healthy once the database takes writes again."""
    async with httpx.AsyncClient() as http:
        recorder = UptimeRecorder(fresh_db, http, "http://127.0.0.1:1", 60)

        async def healthy() -> bool:
            return True  # /readyz answered; what is under test is writing the result

        monkeypatch.setattr(recorder, "healthy", healthy)
        real_record = uptime.record_check
        fails = [OperationalError("INSERT", {}, Exception("database is locked"))]

        async def locked_once(*args: Any) -> bool:
            if fails:
                raise fails.pop()
            return await real_record(*args)

        monkeypatch.setattr(uptime, "record_check", locked_once)
        await recorder.check()  # the write fails: kept
        assert await days(fresh_db) == []
        assert len(recorder.pending) == 1
        recorder.pending[0] = (recorder.pending[0][0] - timedelta(minutes=1), True)
        await recorder.check()  # both written, each in its own slot
    (today,) = await days(fresh_db)
    assert (today.checks, today.healthy_checks, today.healthy_seconds) == (2, 2, 120)
    assert recorder.pending == []
