"""A `WorkfrontAdapter` from the settings: the auth method, the client's limits, the options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from mcc.config import Settings, WorkfrontAuthMethod
from mcc.exceptions import ConfigurationError
from mcc.integrations.workfront.adapter import WorkfrontAdapter, WorkfrontOptions
from mcc.integrations.workfront.auth import (
    ApiKeyAuth,
    ImsAuth,
    OAuthRefreshAuth,
    RefreshTokenStore,
    WorkfrontAuth,
)
from mcc.integrations.workfront.client import WorkfrontClient


def _secret(value: Any, name: str) -> str:
    if value is None:
        raise ConfigurationError(f"{name} is required for this Workfront auth method")
    return str(value.get_secret_value() if hasattr(value, "get_secret_value") else value)


TokenStoreFactory = Callable[[], RefreshTokenStore]


def build_workfront(
    settings: Settings, http: httpx.AsyncClient, token_store: TokenStoreFactory | None
) -> WorkfrontAdapter:
    """`token_store` makes the store of OAuth's rotating refresh token, called only for OAuth
    (it needs the server's secret key); None keeps the token in memory, this process only."""
    if not settings.workfront_url:
        raise ConfigurationError(
            "MCC_WORKFRONT_URL is required when MCC_WORKMGMT_BACKEND=workfront"
        )
    auth: WorkfrontAuth
    if settings.workfront_auth is WorkfrontAuthMethod.API_KEY:
        auth = ApiKeyAuth(_secret(settings.workfront_api_key, "MCC_WORKFRONT_API_KEY"))
    elif settings.workfront_auth is WorkfrontAuthMethod.OAUTH:
        auth = OAuthRefreshAuth(
            http, settings.workfront_url,
            _secret(settings.workfront_oauth_client_id, "MCC_WORKFRONT_OAUTH_CLIENT_ID"),
            _secret(settings.workfront_oauth_client_secret, "MCC_WORKFRONT_OAUTH_CLIENT_SECRET"),
            _secret(settings.workfront_oauth_refresh_token, "MCC_WORKFRONT_OAUTH_REFRESH_TOKEN"),
            store=None if token_store is None else token_store(),
        )  # fmt: skip
    else:
        auth = ImsAuth(
            http, settings.workfront_ims_url,
            _secret(settings.workfront_ims_client_id, "MCC_WORKFRONT_IMS_CLIENT_ID"),
            _secret(settings.workfront_ims_client_secret, "MCC_WORKFRONT_IMS_CLIENT_SECRET"),
            settings.workfront_ims_scopes,
            _secret(settings.workfront_ims_org_id, "MCC_WORKFRONT_IMS_ORG_ID"),
        )  # fmt: skip
    client = WorkfrontClient(
        http, settings.workfront_url, auth, version=settings.workfront_api_version,
        concurrency=settings.workfront_concurrency, max_retries=settings.workfront_max_retries,
        backoff_base=settings.workfront_retry_base_seconds,
    )  # fmt: skip
    options = WorkfrontOptions(
        templates=settings.workfront_templates,
        custom_fields=settings.workfront_custom_fields,
        ui_url=settings.workfront_ui_url,
    )
    return WorkfrontAdapter(client, options)
