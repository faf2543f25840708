"""`mcc users` and `mcc tokens` as an operator runs them, against each backend."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from typer.testing import CliRunner, Result

from mcc.app import create_app
from mcc.cli import app
from mcc.config import Settings, get_settings
from mcc.db import Database
from tests.conftest import Backend

PASSWORD = "correct horse battery\n"


class Mcc:
    def __init__(self, url: str) -> None:
        self.url = url
        self.env = {"MCC_DATABASE_URL": url, "MCC_LOG_LEVEL": "WARNING", "COLUMNS": "200"}

    async def __call__(self, *args: str, stdin: str | None = None) -> Result:
        def invoke() -> Result:
            get_settings.cache_clear()
            runner = CliRunner()
            return runner.invoke(app, list(args), input=stdin, env=self.env, catch_exceptions=False)

        try:
            return await asyncio.to_thread(invoke)
        finally:
            get_settings.cache_clear()


@pytest.fixture
async def mcc(backend: Backend) -> Mcc:
    mcc = Mcc(await backend.new_database_url())
    assert (await mcc("db", "upgrade")).exit_code == 0
    return mcc


async def test_create_users_and_a_token_that_signs_requests_in(
    mcc: Mcc, settings: Settings
) -> None:
    created = await mcc("users", "create", "Ops@Example.com", "--admin", "--password-stdin",
                        stdin=PASSWORD)  # fmt: skip
    assert created.exit_code == 0, created.output
    assert "Created admin ops@example.com" in created.output
    assert (await mcc("teams", "create", "Growth")).exit_code == 0
    prompted = await mcc("users", "create", "m@example.com", "--team", "growth",
                         stdin=PASSWORD + PASSWORD)  # fmt: skip
    assert prompted.exit_code == 0, prompted.output
    listed = (await mcc("users", "list")).output
    assert "ops@example.com" in listed
    assert "marketer" in listed
    assert "Growth" in listed

    issued = await mcc("tokens", "create", "--user", "ops@example.com", "--name", "ci")
    assert issued.exit_code == 0
    token = issued.stdout.strip().splitlines()[-1]
    assert token.startswith("mcc_")

    database = Database.from_url(mcc.url)
    try:
        transport = httpx.ASGITransport(app=create_app(settings, database=database))
        async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
            headers = {"Authorization": f"Bearer {token}"}
            assert (await client.get("/api/campaigns", headers=headers)).status_code == 200
            revoked = await mcc("tokens", "revoke", "--user", "ops@example.com", token[:12])
            assert revoked.exit_code == 0, revoked.output
            assert (await client.get("/api/campaigns", headers=headers)).status_code == 401
    finally:
        await database.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "create", "nope", "--password-stdin"], PASSWORD, "Invalid email 'nope'"),
        (["users", "create", "a@example.com", "--password-stdin"], "short\n", "too short"),
        (["tokens", "create", "--user", "ghost@example.com"], None, "No user with email"),
        (["users", "create", "a@example.com", "--password-stdin"], PASSWORD, "must join a team"),
        (
            ["users", "create", "a@example.com", "--team", "Nope", "--password-stdin"],
            PASSWORD,
            "No team named 'Nope'",
        ),
        (
            ["users", "create", "a@example.com", "--role", "boss", "--password-stdin"],
            PASSWORD,
            "'boss' is not a role",
        ),
    ],
)
async def test_bad_input_is_one_line_and_changes_nothing(
    mcc: Mcc, args: list[str], stdin: str | None, message: str
) -> None:
    result = await mcc(*args, stdin=stdin)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert "No users yet" in (await mcc("users", "list")).output


async def test_duplicate_user_is_refused(mcc: Mcc) -> None:
    await mcc("users", "create", "a@example.com", "--admin", "--password-stdin", stdin=PASSWORD)
    again = await mcc("users", "create", "a@example.com", "--role", "admin", "--password-stdin",
                      stdin=PASSWORD)  # fmt: skip
    assert again.exit_code == 1
    assert "already exists" in again.stderr


async def test_teams_and_acting_as_a_user_from_the_command_line(mcc: Mcc) -> None:
    for team in ("Alpha", "Beta"):
        assert (await mcc("teams", "create", team)).exit_code == 0
    duplicate = await mcc("teams", "create", "alpha")
    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.stderr
    for email, team, role in [("a@example.com", "Alpha", "marketer"),
                              ("b@example.com", "Beta", "marketer"),
                              ("v@example.com", "Alpha", "viewer")]:  # fmt: skip
        created = await mcc("users", "create", email, "--team", team, "--role", role,
                            "--password-stdin", stdin=PASSWORD)  # fmt: skip
        assert created.exit_code == 0, created.output
    listed = await mcc("teams", "list", "--json")
    assert '"members": 2' in listed.output
    assert '"members": 1' in listed.output

    made = await mcc("campaigns", "create", "--name", "Alpha plan", "--type", "email",
                     "--as", "a@example.com", "--json")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert '"owner": "a@example.com"' in made.output
    refused = await mcc("campaigns", "create", "--name", "Nope", "--type", "email",
                        "--as", "v@example.com")  # fmt: skip
    assert refused.exit_code == 1
    assert "Viewers can read campaigns but not change them" in refused.stderr
    assert "Alpha plan" in (await mcc("campaigns", "list", "--as", "v@example.com")).output
    assert "Alpha plan" not in (await mcc("campaigns", "list", "--as", "b@example.com")).output
    assert "Alpha plan" in (await mcc("campaigns", "list")).output  # the system sees all
