"""What the sign-in page offers for each setting: SSO button, password form, or both; and a bad
group mapping stops the start with the entry named."""

from __future__ import annotations

import re

import httpx
import pytest

from mcc.app import create_app
from mcc.auth.service import AuthService
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ConfigurationError

SSO = {"oidc_issuer": "http://127.0.0.1:9/", "oidc_client_id": "mcc"}


def _client(settings: Settings, db: Database) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings, database=db))
    return httpx.AsyncClient(transport=transport, base_url="http://mcc.test")


async def test_without_sso_there_is_no_button(settings: Settings, db: Database) -> None:
    async with _client(settings, db) as client:
        page = await client.get("/signin")
        assert "Sign in with SSO" not in page.text
        assert 'name="password"' in page.text
        assert (await client.get("/signin/sso")).status_code == 404


async def test_sso_only_hides_and_refuses_password_sign_in(
    settings: Settings, db: Database
) -> None:
    async with db.write() as session:
        await AuthService(session).create_user("ana@example.com", "a long password")
    sso_only = settings.model_copy(update={**SSO, "local_passwords": False})
    async with _client(sso_only, db) as client:
        page = await client.get("/signin?next=/chat")
        assert 'href="/signin/sso?next=/chat"' in page.text.replace("%2F", "/")
        assert 'name="password"' not in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        data = {"email": "ana@example.com", "password": "a long password",
                "csrf_token": token.group(1) if token else ""}  # fmt: skip
        refused = await client.post("/signin", data=data)
        assert refused.status_code == 403
        assert "Password sign-in is turned off" in refused.text
        assert "mcc_session" not in refused.cookies
        # The provider is down: a clear page, not a 500.
        down = await client.get("/signin/sso")
        assert down.status_code == 503
        assert "identity provider did not answer" in down.text


def test_a_bad_group_mapping_stops_the_start(settings: Settings, db: Database) -> None:
    broken = settings.model_copy(update={**SSO, "oidc_groups": "mcc-x=EMEA:chief"})
    with pytest.raises(ConfigurationError, match="unknown role 'chief'"):
        create_app(broken, database=db)
