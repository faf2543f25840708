"""The `mcc` command as an operator uses it, against a real database of each backend."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner, Result

from mcc.cli import app
from mcc.config import get_settings
from tests.conftest import Backend


class Mcc:
    """Runs `mcc ...` in a worker thread (each command runs its own event loop)."""

    def __init__(self, url: str) -> None:
        self.env = {"MCC_DATABASE_URL": url, "MCC_LOG_LEVEL": "WARNING", "COLUMNS": "200"}
        self.runner = CliRunner()

    async def __call__(self, *args: str) -> Result:
        def invoke() -> Result:
            get_settings.cache_clear()
            return self.runner.invoke(app, list(args), env=self.env, catch_exceptions=False)

        try:
            return await asyncio.to_thread(invoke)
        finally:
            get_settings.cache_clear()


@pytest.fixture
async def mcc(backend: Backend) -> Mcc:
    return Mcc(await backend.new_database_url())


async def test_db_upgrade_current_and_check(mcc: Mcc) -> None:
    result = await mcc("db", "current")
    assert result.exit_code == 0
    assert "empty" in result.output
    result = await mcc("db", "upgrade")
    assert result.exit_code == 0, result.output
    result = await mcc("db", "current")
    assert "up to date" in result.output
    result = await mcc("db", "check")
    assert result.exit_code == 0
    assert "agree" in result.output


async def test_create_list_show(mcc: Mcc) -> None:
    await mcc("db", "upgrade")
    result = await mcc(
        "campaigns", "create", "--name", "Q1 SMB Promotion", "--type", "email",
        "--budget", "$30,000", "--launch-date", "2026-02-15", "--channel", "email",
        "--channel", "Social", "--audience", "Small business owners", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    assert created["budget"] == "30000.00"
    assert created["currency"] == "USD"
    assert created["tier"] == 2
    assert created["channels"] == ["email", "social"]

    listed = json.loads((await mcc("campaigns", "list", "--json")).output)
    assert [item["campaignId"] for item in listed["items"]] == [created["campaignId"]]

    table = (await mcc("campaigns", "list")).output
    assert "Q1 SMB Promotion" in table
    assert "30,000.00 USD" in table

    shown = await mcc("campaigns", "show", created["campaignId"])
    assert "Small business owners" in shown.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "", "--type", "email"], "name: must not be empty"),
        (["--name", "X", "--type", "fax"], "unknown campaign type"),
        (["--name", "X", "--type", "email", "--tier", "5"], "tier"),
        (["--name", "X", "--type", "email", "--budget", "lots"], "not an amount"),
        (["--name", "X", "--type", "email", "--budget", "-5"], "not an amount"),
        (["--name", "X", "--type", "email", "--launch-date", "soon"], "not a date"),
    ],
)
async def test_create_with_bad_input_explains_and_stores_nothing(
    mcc: Mcc, args: list[str], message: str
) -> None:
    await mcc("db", "upgrade")
    result = await mcc("campaigns", "create", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert json.loads((await mcc("campaigns", "list", "--json")).output)["items"] == []


async def test_show_unknown_and_malformed_ids(mcc: Mcc) -> None:
    await mcc("db", "upgrade")
    result = await mcc("campaigns", "show", "00000000-0000-0000-0000-000000000000")
    assert result.exit_code == 1
    assert "not found" in result.output
    result = await mcc("campaigns", "show", "nope")
    assert result.exit_code == 1
    assert "expected a UUID" in result.output


async def test_version_and_help_answer_without_a_database() -> None:
    runner = CliRunner()
    result = await asyncio.to_thread(runner.invoke, app, ["version"])
    assert result.exit_code == 0
    assert result.output.startswith("mcc ")
    result = await asyncio.to_thread(runner.invoke, app, ["--help"])
    assert "serve" in result.output
    assert "demo" in result.output


async def test_a_bad_setting_is_named_not_a_traceback() -> None:
    def invoke() -> Result:
        get_settings.cache_clear()
        try:
            return CliRunner().invoke(app, ["db", "current"], env={"MCC_PORT": "eighty"})
        finally:
            get_settings.cache_clear()

    result = await asyncio.to_thread(invoke)
    assert result.exit_code == 2
    assert "MCC_PORT" in result.output
    assert "Traceback" not in result.output


async def test_markup_and_control_characters_in_data_print_as_text(mcc: Mcc) -> None:
    await mcc("db", "upgrade")
    name = "[/b] rv :x: \x1b]0;pwned"
    created = await mcc("campaigns", "create", "--name", "[/bold] x", "--type", "email")
    assert created.exit_code == 0, created.output
    assert "[/bold] x" in created.output
    refused = await mcc("campaigns", "create", "--name", name, "--type", "email")
    assert refused.exit_code == 1  # control characters are not allowed in names
    owner = await mcc("campaigns", "create", "--name", "Owned", "--type", "email",
                      "--owner", "\x07\x1b]0;pwned\x07")  # fmt: skip
    assert owner.exit_code == 0
    listed = await mcc("campaigns", "list")
    assert listed.exit_code == 0
    assert "[/bold] x" in listed.output
    shown = await mcc("campaigns", "show", json.loads(
        (await mcc("campaigns", "list", "--json")).stdout)["items"][0]["campaignId"])  # fmt: skip
    assert "\x1b" not in shown.output
    assert "\x07" not in shown.output
