"""The server key, cookie signatures and CSRF tokens (no database)."""

from __future__ import annotations

import stat
from pathlib import Path

from pydantic import SecretStr

from mcc.auth.crypto import Signer, digest, load_secret_key, new_api_token
from mcc.config import Environment, Settings


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(env=Environment.TEST, data_dir=tmp_path, _env_file=None, **values)  # type: ignore[arg-type]


def test_secret_key_is_generated_once_with_private_permissions(tmp_path: Path) -> None:
    key = load_secret_key(_settings(tmp_path))
    path = tmp_path / "secret_key"
    assert len(key) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret_key(_settings(tmp_path)) == key


def test_configured_secret_key_wins_and_writes_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path, secret_key=SecretStr("configured"))
    assert load_secret_key(settings) == "configured"
    assert not (tmp_path / "secret_key").exists()


def test_signed_cookie_rejects_tampering_and_other_keys() -> None:
    signer = Signer("key one", max_age_seconds=60)
    signed = signer.sign("session-token")
    assert signer.unsign(signed) == "session-token"
    assert signer.unsign(signed[:-1] + ("A" if signed[-1] != "A" else "B")) is None
    assert signer.unsign("garbage") is None
    assert Signer("key two", max_age_seconds=60).unsign(signed) is None


def test_csrf_token_is_bound_to_the_session_and_the_key() -> None:
    signer = Signer("key", max_age_seconds=60)
    assert signer.csrf_token("a") == signer.csrf_token("a")
    assert signer.csrf_token("a") != signer.csrf_token("b")
    assert Signer("other", max_age_seconds=60).csrf_token("a") != signer.csrf_token("a")


def test_api_tokens_are_random_and_stored_as_digests() -> None:
    first, second = new_api_token(), new_api_token()
    assert first.startswith("mcc_")
    assert first != second
    assert digest(first) != first
    assert len(digest(first)) == 64
