"""`mcc users deactivate`, `mcc users reset-password` and `mcc tokens create --expires-in` as an
operator runs them (CliRunner, each backend); their live effect on a server is in
test_protection_live.py."""

from __future__ import annotations

import json

import pytest

from mcc.auth.service import AuthService
from mcc.db import Database
from tests.auth.test_cli import PASSWORD, Mcc, mcc  # noqa: F401 - the `mcc` fixture


async def _check_password(url: str, email: str, password: str) -> bool:
    database = Database.from_url(url)
    try:
        async with database.write() as session:
            await AuthService(session).authenticate(email, password)
            return True
    except Exception:
        return False
    finally:
        await database.dispose()


async def test_deactivate_and_reset_password(mcc: Mcc) -> None:  # noqa: F811
    await mcc("teams", "create", "Growth")
    await mcc("users", "create", "ana@example.com", "--team", "Growth", "--password-stdin",
              stdin=PASSWORD)  # fmt: skip
    await mcc("tokens", "create", "--user", "ana@example.com")
    reset = await mcc("users", "reset-password", "ana@example.com")
    assert reset.exit_code == 0, reset.output
    generated = reset.stdout.strip().splitlines()[-1]
    assert "shown only this once" in reset.stderr
    assert await _check_password(mcc.url, "ana@example.com", generated)
    assert not await _check_password(mcc.url, "ana@example.com", PASSWORD.strip())
    chosen = await mcc("users", "reset-password", "ana@example.com", "--password-stdin",
                       stdin="the operator's choice\n")  # fmt: skip
    assert chosen.exit_code == 0, chosen.output
    assert "the operator's choice" not in chosen.output
    assert await _check_password(mcc.url, "ana@example.com", "the operator's choice")

    done = await mcc("users", "deactivate", "ana@example.com")
    assert done.exit_code == 0, done.output
    assert "Deactivated ana@example.com: signed out everywhere, 1 token(s) revoked" in done.output
    assert not await _check_password(mcc.url, "ana@example.com", "the operator's choice")
    logged = await mcc("audit", "--json")
    assert logged.exit_code == 0, logged.output
    entries = {entry["action"]: entry for entry in json.loads(logged.stdout)}
    assert entries["user_deactivated"]["source"] == "cli", entries["user_deactivated"]
    assert entries["password_changed"]["source"] == "cli"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "deactivate", "ghost@example.com"], None, "No user with email"),
        (["users", "reset-password", "ghost@example.com"], None, "No user with email"),
        (["users", "reset-password", "a@example.com", "--password-stdin"], "short\n", "too short"),
        (["tokens", "create", "--user", "a@example.com", "--expires-in", "0d"], None,
         "between 1 second and 10 years"),
        (["tokens", "create", "--user", "a@example.com", "--expires-in", "tomorrow"], None,
         "Invalid duration 'tomorrow'"),
    ],
)  # fmt: skip
async def test_bad_input_is_one_line(
    mcc: Mcc,  # noqa: F811
    args: list[str],
    stdin: str | None,
    message: str,
) -> None:
    result = await mcc(*args, stdin=stdin)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
