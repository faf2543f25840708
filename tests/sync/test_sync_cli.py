"""`mcc sync status` and `mcc sync retry` as an operator uses them."""

from __future__ import annotations

import asyncio
import inspect
import json

import httpx
from sqlalchemy import update
from typer.testing import CliRunner, Result

from mcc.cli import app
from mcc.config import get_settings
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.integrations.workmgmt import WorkManagement
from mcc.models import OutboxMessage
from tests.sync.test_outbound import create_campaign


async def mcc(database: Database, *args: str) -> Result:
    url = database.engine.url.render_as_string(hide_password=False)

    def invoke() -> Result:
        get_settings.cache_clear()
        try:
            env = {"MCC_DATABASE_URL": url, "COLUMNS": "200"}
            return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
        finally:
            get_settings.cache_clear()

    return await asyncio.to_thread(invoke)


async def test_status_shows_dead_letters_with_their_reason_and_retry_revives_them(
    fresh_db: Database,
) -> None:
    await create_campaign(fresh_db)
    async with fresh_db.write() as session:
        reason = "Workfront POST /PROJ refused: bad template"
        await session.execute(
            update(OutboxMessage).values(status="dead", attempts=8, last_error=reason)
        )

    result = await mcc(fresh_db, "sync", "status", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["dead_letters"] == 1
    (failure,) = report["failures"]
    assert failure["error"] == "Workfront POST /PROJ refused: bad template"

    table = (await mcc(fresh_db, "sync", "status")).output
    assert "Dead letters: 1" in table
    assert "bad template" in table

    assert (await mcc(fresh_db, "sync", "retry", failure["id"])).exit_code == 0
    report = json.loads((await mcc(fresh_db, "sync", "status", "--json")).output)
    assert (report["dead_letters"], report["outbox"]) == (0, {"pending": 1})

    again = await mcc(fresh_db, "sync", "retry", failure["id"])
    assert again.exit_code == 1
    assert "No dead letter" in again.output
    assert "not an outbox id" in (await mcc(fresh_db, "sync", "retry", "nope")).output


async def test_reconcile_without_a_backend_says_what_to_configure(fresh_db: Database) -> None:
    result = await mcc(fresh_db, "sync", "reconcile")
    assert result.exit_code == 1
    assert "MCC_WORKMGMT_BACKEND=workfront" in result.output


def test_the_workfront_adapter_implements_the_whole_contract(http: httpx.AsyncClient) -> None:
    contract = {
        name for name, member in inspect.getmembers(WorkManagement)
        if not name.startswith("_") and callable(member)
    }  # fmt: skip
    missing = {name for name in contract if not callable(getattr(WorkfrontAdapter, name, None))}
    assert not missing
    for name in contract:
        wanted = inspect.signature(getattr(WorkManagement, name)).parameters
        got = inspect.signature(getattr(WorkfrontAdapter, name)).parameters
        assert list(wanted) == list(got), name
