"""Rotated Workfront OAuth refresh tokens are stored encrypted and shared by every process.

Each refresh voids the token it used. Two processes (`mcc serve`, `mcc worker`) on one database
must never lock each other out, and a restart must not fall back to the voided configured token.
Tested against the emulator's rotating token endpoint over real HTTP.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from pydantic import SecretStr

from mcc.auth.crypto import load_secret_key
from mcc.config import Environment, Settings, WorkfrontAuthMethod
from mcc.db import Database
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import SyncSecret
from mcc.sync.runtime import build_backend
from mcc.sync.secrets import OAUTH_REFRESH_TOKEN, SecretBox
from tests.support.live import LiveServer
from tests.sync.test_workfront_client import refresh_token


def oauth_settings(url: str, data_dir: Path, token: str) -> Settings:
    return Settings(
        _env_file=None, env=Environment.TEST, data_dir=data_dir, embedder="none",
        workmgmt_backend="workfront", workfront_url=url, workfront_auth=WorkfrontAuthMethod.OAUTH,
        workfront_oauth_client_id="mcc", workfront_oauth_client_secret=SecretStr("s3cret"),
        workfront_oauth_refresh_token=SecretStr(token), workfront_max_retries=0,
    )  # fmt: skip


class Process:
    """One MCC process's Workfront adapter: its own HTTP client, engine and in-memory tokens."""

    def __init__(self, settings: Settings, database_url: str) -> None:
        self.sessions: list[str] = []
        self.http = httpx.AsyncClient(timeout=10, event_hooks={"request": [self._seen]})
        self.db = Database.from_url(database_url)
        backend = build_backend(settings, self.http, self.db)
        assert isinstance(backend, WorkfrontAdapter)
        self.backend = backend

    async def _seen(self, request: httpx.Request) -> None:
        if "sessionID" in request.headers:
            self.sessions.append(request.headers["sessionID"])

    async def works(self) -> bool:
        return isinstance(await self.backend.client.search("PROJ", {}), list)

    async def close(self) -> None:
        await self.http.aclose()
        await self.db.dispose()


async def refresh_is_refused(url: str, token: str, http: httpx.AsyncClient) -> bool:
    form = {"grant_type": "refresh_token", "refresh_token": token, "client_id": "mcc",
            "client_secret": "s3cret"}  # fmt: skip
    response = await http.post(f"{url}/integrations/oauth2/api/v1/token", data=form)
    return response.status_code == 400


async def stored_token(db: Database, settings: Settings) -> str | None:
    async with db.read() as session:
        row = await session.get(SyncSecret, OAUTH_REFRESH_TOKEN)
        ciphertext = row.ciphertext if row else None
    return None if ciphertext is None else SecretBox(load_secret_key(settings)).open(ciphertext)


async def test_a_rotation_in_one_process_never_locks_out_another_nor_a_restart(
    fresh_db: Database, emulator: httpx.AsyncClient, emulator_server: LiveServer,
    http: httpx.AsyncClient, tmp_path: Path,
) -> None:  # fmt: skip
    initial = await refresh_token(http, emulator_server.url)
    settings = oauth_settings(emulator_server.url, tmp_path, initial)
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    serve, worker = Process(settings, url), Process(settings, url)
    try:
        assert await serve.works()  # refreshes with the configured token: it rotates
        assert await refresh_is_refused(emulator_server.url, initial, http)
        first = await stored_token(fresh_db, settings)
        assert first not in (None, initial)

        assert await worker.works()  # configured with the voided token, uses the stored one
        second = await stored_token(fresh_db, settings)
        assert second not in (None, first)

        # serve's session ends: it refreshes again, from what the worker stored.
        await http.get(f"{serve.backend.client.api_url}/logout",
                       headers={"sessionID": serve.sessions[-1]})  # fmt: skip
        assert await serve.works()
        assert await stored_token(fresh_db, settings) not in (None, second)
    finally:
        await serve.close()
        await worker.close()

    restarted = Process(settings, url)
    try:
        assert await restarted.works()
    finally:
        await restarted.close()
    async with fresh_db.read() as session:
        row = await session.get(SyncSecret, OAUTH_REFRESH_TOKEN)
        assert row is not None
    newest = await stored_token(fresh_db, settings)
    assert newest is not None
    assert newest not in row.ciphertext  # encrypted at rest


async def test_a_newly_configured_token_wins_over_the_stored_descendant_of_the_old_one(
    fresh_db: Database, emulator: httpx.AsyncClient, emulator_server: LiveServer,
    http: httpx.AsyncClient, tmp_path: Path,
) -> None:  # fmt: skip
    url = fresh_db.engine.url.render_as_string(hide_password=False)
    old = Process(oauth_settings(emulator_server.url, tmp_path, await refresh_token(
        http, emulator_server.url)), url)  # fmt: skip
    try:
        assert await old.works()
    finally:
        await old.close()
    # The admin re-authorises MCC (the stored token is still valid, but not from this grant).
    configured = await refresh_token(http, emulator_server.url)
    reauthorised = oauth_settings(emulator_server.url, tmp_path, configured)
    new = Process(reauthorised, url)
    try:
        assert await new.works()
    finally:
        await new.close()
    # The configured token was the one used (so it rotated), not the stored one.
    assert await refresh_is_refused(emulator_server.url, configured, http)


def test_the_box_refuses_another_key_and_tampering() -> None:
    box = SecretBox("server key one")
    sealed = box.seal("refresh-token-value")
    assert "refresh-token-value" not in sealed
    assert box.open(sealed) == "refresh-token-value"
    assert SecretBox("server key two").open(sealed) is None
    assert box.open(sealed[:-4] + "AAAA") is None
