"""`mcc agent eval` and `mcc chat` as an operator runs them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mcc.cli import app
from mcc.config import get_settings
from tests.conftest import Backend


class Mcc:
    """Runs `mcc ...` in a worker thread (each command runs its own event loop)."""

    def __init__(self, url: str) -> None:
        self.env = {"MCC_DATABASE_URL": url, "MCC_LOG_LEVEL": "WARNING", "COLUMNS": "200",
                    "MCC_EMBEDDER": "none"}  # fmt: skip

    async def __call__(self, *args: str, input: str | None = None) -> Result:
        def invoke() -> Result:
            get_settings.cache_clear()
            return CliRunner().invoke(app, list(args), input=input, env=self.env)

        try:
            return await asyncio.to_thread(invoke)
        finally:
            get_settings.cache_clear()


@pytest.fixture
async def mcc(backend: Backend) -> Mcc:
    return Mcc(await backend.new_database_url())


SCENARIO = """
defaults: {today: 2026-01-05}
scenarios:
  - name: creation
    turns:
      - user: >-
          Email campaign "CLI Eval", audience admins, objective get 50 replies, budget 2k,
          launch on March 2, 2026
        expect: {preview: true}
      - user: yes
        expect: {created: true}
    expect_end: {campaign: {name: CLI Eval, budget: "2000"}}
  - name: a failing expectation
    turns:
      - user: hello
        expect: {contains: [this text is not in the reply]}
"""


async def test_eval_reports_pass_rates(mcc: Mcc, tmp_path: Path) -> None:
    path = tmp_path / "scenarios.yaml"
    path.write_text(SCENARIO)
    result = await mcc("agent", "eval", str(path), "--json", "--runs", "2")
    assert result.exit_code == 1  # one scenario fails
    report = json.loads(result.stdout)
    rows = {row["scenario"]: row for row in report["scenarios"]}
    assert rows["creation"]["passed"] == 2
    assert rows["creation"]["failures"] == []
    assert rows["a failing expectation"]["passed"] == 0
    assert report["summary"]["passRate"] == 0.5
    assert report["summary"]["turnLatencyMs"]["p95"] is not None


SAFE = """
defaults: {today: 2026-01-05}
scenarios:
  - name: creation
    turns:
      - user: >-
          Email campaign "Safe Eval", audience admins, objective get 50 replies, budget 2k,
          launch on March 2, 2026
        expect: {preview: true}
      - user: yes
        expect: {created: true}
"""


async def test_eval_prints_the_counters_per_folder(mcc: Mcc, tmp_path: Path) -> None:
    folder = tmp_path / "blind-9" / "dev"
    folder.mkdir(parents=True)
    (folder / "dates.yaml").write_text(SAFE)
    result = await mcc("agent", "eval", str(folder), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["file"] for s in report["sets"]] == ["blind-9/dev/dates.yaml"]
    (row,) = report["folders"]
    assert row["folder"] == "blind-9/dev"
    assert row["safety"] == {"invented": 0, "unconfirmed": 0, "double": 0, "commands": 0}
    text = await mcc("agent", "eval", str(folder))
    assert "safety: 0 invented, 0 unconfirmed, 0 double, 0 commands" in text.stdout


async def test_eval_refuses_a_malformed_file(mcc: Mcc, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("scenarios: [{name: x}]")
    result = await mcc("agent", "eval", str(path))
    assert result.exit_code == 1
    assert "Cannot load scenarios" in result.output


async def test_chat_in_the_terminal(mcc: Mcc) -> None:
    mcc.env["MCC_TODAY"] = "2026-01-05"
    result = await mcc("chat", input="What's the frequency cap for email?\n\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "[1]" in result.output
    assert "Conversation" in result.output
    conversation = result.output.split("--conversation ")[-1].strip().rstrip(")")
    again = await mcc("chat", "--conversation", conversation, input="   \nhello\n")
    assert again.exit_code == 0
    assert "campaign assistant" in again.output.lower()
