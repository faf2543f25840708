"""The server key, cookie signatures and CSRF tokens (no database)."""

from __future__ import annotations

import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
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


def test_a_process_starting_while_another_writes_the_key_gets_the_same_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers on a fresh data directory: the second reads the key file while the first is
    still making its key (here, from inside the first one's key generation). It used to find
    the file created but empty and die with "secret_key is empty"."""
    made = secrets.token_urlsafe
    seen: list[str] = []
    calls: list[int] = []

    def another_process_meanwhile(size: int) -> str:
        calls.append(size)
        if len(calls) == 1:  # only the first process's generation is interleaved
            seen.append(load_secret_key(_settings(tmp_path)))
        return made(size)

    monkeypatch.setattr(secrets, "token_urlsafe", another_process_meanwhile)
    first = load_secret_key(_settings(tmp_path))
    assert seen == [first]
    assert len(first) >= 40
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left


def test_workers_started_together_agree_on_one_key(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\nfrom mcc.auth.crypto import load_secret_key\n"
        "from mcc.config import Environment, Settings\n"
        "print(load_secret_key(Settings(env=Environment.TEST, data_dir=Path(sys.argv[1]), "
        "_env_file=None)))\n"
    )
    for round_number in range(3):
        folder = tmp_path / str(round_number)
        workers = [
            subprocess.Popen([sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE)
            for _ in range(6)
        ]
        keys = {worker.communicate(timeout=60)[0].strip() for worker in workers}
        assert all(worker.returncode == 0 for worker in workers)
        assert len(keys) == 1
        assert keys.pop().decode() == (folder / "secret_key").read_text()


def test_configured_secret_key_wins_and_writes_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path, secret_key=SecretStr("configured"))
    assert load_secret_key(settings) == "configured"
    assert not (tmp_path / "secret_key").exists()


def test_signed_cookie_rejects_tampering_and_other_keys() -> None:
    signer = Signer("key one", max_age_seconds=60)
    signed = signer.sign("session-token")
    assert signer.unsign(signed) == "session-token"
    # The signature's first character: all six of its bits are the signature's (the last one's
    # low bits are base64 padding, so changing it may leave the signature the same).
    value, _, signature = signed.rpartition(".")
    tampered = f"{value}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    assert signer.unsign(tampered) is None
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
