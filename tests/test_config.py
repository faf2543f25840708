"""Settings come from MCC_* variables with safe defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from mcc.config import Environment, LogFormat, Settings


def test_defaults_are_embedded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(_env_file=None)
    assert settings.resolved_database_url == f"sqlite+aiosqlite:///{tmp_path / 'var' / 'mcc.db'}"
    assert settings.env is Environment.DEVELOPMENT
    assert settings.graphiql_enabled
    assert settings.resolved_log_format is LogFormat.CONSOLE
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_environment_variables_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("MCC_PORT=9001\nMCC_ENV=production\n")
    monkeypatch.setenv("MCC_DATABASE_URL", "postgresql+asyncpg://u@db/mcc")
    monkeypatch.setenv("MCC_LOG_LEVEL", "debug")
    settings = Settings()
    assert settings.port == 9001
    assert settings.resolved_database_url == "postgresql+asyncpg://u@db/mcc"
    assert settings.log_level == "DEBUG"
    assert not settings.graphiql_enabled
    assert settings.resolved_log_format is LogFormat.JSON


BAD_VALUES = [("MCC_PORT", "eighty"), ("MCC_LOG_LEVEL", "LOUD"), ("MCC_ENV", "staging"),
              ("MCC_PORT", "70000")]  # fmt: skip


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_bad_values_are_refused_with_the_setting_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None)
    assert name.removeprefix("MCC_").lower() in str(raised.value)


@pytest.mark.parametrize("token", ["", "   ", "short"])
def test_an_empty_or_short_webhook_token_is_refused(tmp_path: Path, token: str) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, webhook_token=token)
    with pytest.raises(ValueError, match="MCC_WEBHOOK_TOKEN"):
        settings.resolved_webhook_token()


def test_a_generated_webhook_token_survives_restarts_and_empty_files(tmp_path: Path) -> None:
    (tmp_path / "webhook_token").write_text("")  # a crash while writing left it empty
    first = Settings(_env_file=None, data_dir=tmp_path).resolved_webhook_token()
    assert len(first) >= 16
    assert Settings(_env_file=None, data_dir=tmp_path).resolved_webhook_token() == first
