"""An `AsanaAdapter` from the settings: the auth method, the workspace and team, the options."""

from __future__ import annotations

from typing import Any

import httpx

from mcc.config import AsanaAuthMethod, Settings
from mcc.exceptions import ConfigurationError
from mcc.integrations.asana.adapter import AsanaAdapter
from mcc.integrations.asana.auth import AsanaAuth, OAuthRefreshAuth, PatAuth
from mcc.integrations.asana.client import AsanaClient
from mcc.integrations.asana.requests import AsanaOptions


def _secret(value: Any, name: str) -> str:
    if value is None:
        raise ConfigurationError(f"{name} is required for this Asana auth method")
    return str(value.get_secret_value() if hasattr(value, "get_secret_value") else value)


def build_asana(settings: Settings, http: httpx.AsyncClient) -> AsanaAdapter:
    if not settings.asana_workspace:
        raise ConfigurationError("MCC_ASANA_WORKSPACE is required when MCC_WORKMGMT_BACKEND=asana")
    auth: AsanaAuth
    if settings.asana_auth is AsanaAuthMethod.PAT:
        auth = PatAuth(_secret(settings.asana_token, "MCC_ASANA_TOKEN"))
    else:
        auth = OAuthRefreshAuth(
            http, settings.asana_oauth_url,
            _secret(settings.asana_oauth_client_id, "MCC_ASANA_OAUTH_CLIENT_ID"),
            _secret(settings.asana_oauth_client_secret, "MCC_ASANA_OAUTH_CLIENT_SECRET"),
            _secret(settings.asana_oauth_refresh_token, "MCC_ASANA_OAUTH_REFRESH_TOKEN"),
        )  # fmt: skip
    client = AsanaClient(
        http, settings.asana_url, auth, max_retries=settings.asana_max_retries,
        backoff_base=settings.asana_retry_base_seconds,
    )  # fmt: skip
    return AsanaAdapter(client, asana_options(settings))


def asana_options(settings: Settings) -> AsanaOptions:
    """The options the adapter sends with, and the exact preview shows
    (`mcc.sync.payload`); without a workspace (not set up yet) the preview names a placeholder."""
    return AsanaOptions(
        workspace=settings.asana_workspace or "{workspace}",
        team=settings.asana_team,
        templates=settings.asana_templates,
        custom_fields=settings.asana_custom_fields,
    )
