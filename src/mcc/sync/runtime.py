"""Builds the configured backend and runs the sync workers for `mcc serve` and `mcc worker`.

Three loops: the outbox worker (woken right after commits that change campaigns), the inbox
worker (woken by the webhook route), and the reconciler (every `MCC_RECONCILE_SECONDS`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import httpx

from mcc.auth.crypto import load_secret_key
from mcc.config import Settings, WorkfrontAuthMethod, WorkManagementBackend
from mcc.db import Database
from mcc.exceptions import MCCError
from mcc.inbox.worker import InboxWorker
from mcc.integrations.workfront.adapter import WorkfrontAdapter, WorkfrontOptions
from mcc.integrations.workfront.auth import ApiKeyAuth, ImsAuth, OAuthRefreshAuth, WorkfrontAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.integrations.workmgmt import WorkManagement, WorkManagementError
from mcc.logging import get_logger
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.outbound import ProjectSync
from mcc.sync.reconciler import Reconciler
from mcc.sync.secrets import SecretBox, StoredRefreshToken

log = get_logger(__name__)


class ConfigurationError(MCCError):
    code = "CONFIGURATION"
    status_code = 500


def _secret(value: Any, name: str) -> str:
    if value is None:
        raise ConfigurationError(f"{name} is required for this Workfront auth method")
    return str(value.get_secret_value() if hasattr(value, "get_secret_value") else value)


def build_backend(
    settings: Settings, http: httpx.AsyncClient, db: Database | None = None
) -> WorkManagement | None:
    """The adapter the settings describe, or None when no backend is configured.

    Pass the database wherever one is open: Workfront OAuth keeps its rotated refresh token
    there, shared with the other processes. Without it the token lives in memory only, and
    the first rotation here voids the token the others hold.
    """
    if settings.workmgmt_backend is WorkManagementBackend.NONE:
        return None
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
            store=_token_store(settings, db),
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


def _token_store(settings: Settings, db: Database | None) -> StoredRefreshToken | None:
    if db is None:
        return None
    return StoredRefreshToken(db, SecretBox(load_secret_key(settings)))


def webhook_url(settings: Settings) -> str | None:
    return f"{settings.public_url.rstrip('/')}/webhooks/workfront" if settings.public_url else None


class SyncRuntime:
    def __init__(self, settings: Settings, db: Database, backend: WorkManagement) -> None:
        self.settings = settings
        self.db = db
        self.backend = backend
        self.outbox = OutboxWorker(
            db,
            ProjectSync(db, backend).handlers(),
            policy=RetryPolicy(max_attempts=settings.outbox_max_attempts),
            poll_seconds=settings.outbox_poll_seconds,
        )
        self.inbox = InboxWorker(db, backend, poll_seconds=settings.outbox_poll_seconds)
        self.reconciler = Reconciler(db, backend, interval_seconds=settings.reconcile_seconds)
        self._tasks: list[asyncio.Task[None]] = []

    async def subscribe(self) -> list[str]:
        url = webhook_url(self.settings)
        if url is None:
            raise ConfigurationError("Set MCC_PUBLIC_URL to where Workfront can reach this server")
        return await self.backend.ensure_subscriptions(url, self.settings.resolved_webhook_token())

    def start(self) -> None:
        self._spawn(self.outbox.run(), "outbox")
        self._spawn(self.inbox.run(), "inbox")
        self._spawn(self.reconciler.run(), "reconciler")
        self._spawn(self._wake_outbox_on_changes(), "outbox-wake")
        if self.settings.public_url:
            self._spawn(self._subscribe_quietly(), "subscribe")

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        self._tasks.append(asyncio.create_task(work, name=f"mcc-{name}"))

    async def _wake_outbox_on_changes(self) -> None:
        async with self.db.events.subscribe() as events:
            async for event in events:
                if event.kind in ("created", "updated"):
                    self.outbox.wake()

    async def _subscribe_quietly(self) -> None:
        try:
            ids = await self.subscribe()
            log.info("sync.subscribed", subscriptions=len(ids), url=webhook_url(self.settings))
        except WorkManagementError as error:
            log.warning("sync.subscribe_failed", error=error.message)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
