"""The backend factory: the settings pick the system; a half-configured one is refused by name."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from mcc.auth.crypto import SECRET_FILE
from mcc.config import Settings, WorkfrontAuthMethod, WorkManagementBackend
from mcc.db import Database
from mcc.exceptions import ConfigurationError
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.sync.runtime import build_backend, webhook_url


async def test_no_backend_configured_builds_none(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    assert settings.workmgmt_backend is WorkManagementBackend.NONE
    assert build_backend(settings, http) is None


async def test_workfront_without_its_url_is_refused_by_name(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    broken = settings.model_copy(update={"workmgmt_backend": WorkManagementBackend.WORKFRONT})
    with pytest.raises(ConfigurationError, match="MCC_WORKFRONT_URL"):
        build_backend(broken, http)


async def test_oauth_without_its_refresh_token_is_refused_by_name(
    sync_settings: Settings, http: httpx.AsyncClient
) -> None:
    oauth = sync_settings.model_copy(
        update={"workfront_auth": WorkfrontAuthMethod.OAUTH, "workfront_oauth_client_id": "c",
                "workfront_oauth_client_secret": "s"}
    )  # fmt: skip
    with pytest.raises(ConfigurationError, match="MCC_WORKFRONT_OAUTH_REFRESH_TOKEN"):
        build_backend(oauth, http)


async def test_an_api_key_backend_leaves_the_secret_key_alone(
    sync_settings: Settings, http: httpx.AsyncClient, db: Database
) -> None:
    """Only OAuth keeps a token in the database; nothing else generates the server's key."""
    backend = build_backend(sync_settings, http, db)
    assert isinstance(backend, WorkfrontAdapter)
    assert not (Path(sync_settings.data_dir) / SECRET_FILE).exists()


def test_the_webhook_url_names_the_configured_system(sync_settings: Settings) -> None:
    public = sync_settings.model_copy(update={"public_url": "https://mcc.example.com/"})
    assert webhook_url(public) == "https://mcc.example.com/webhooks/workfront"
    assert webhook_url(sync_settings.model_copy(update={"public_url": None})) is None
