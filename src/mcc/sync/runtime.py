"""Builds the configured backend and runs the sync workers for `mcc serve` and `mcc worker`.

Which backend is `mcc.integrations.backends`' choice; here it only gets the database's token
store, so that OAuth refresh tokens rotate once for every process.

Three loops: the outbox worker (woken right after commits that change campaigns), the inbox
worker (handed its events by the webhook route of this process, woken by that of another: the
relay of `mcc serve --workers N`, or a NOTIFY on PostgreSQL), and the reconciler (every
`MCC_RECONCILE_SECONDS`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import httpx

from mcc.auth.crypto import load_secret_key
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ConfigurationError
from mcc.integrations import backends
from mcc.integrations.workmgmt import WorkManagement, WorkManagementError
from mcc.logging import get_logger
from mcc.outbox.worker import OutboxWorker, RetryPolicy
from mcc.sync.inbound import InboxWorker
from mcc.sync.outbound import ProjectSync
from mcc.sync.reconciler import Reconciler
from mcc.sync.secrets import SecretBox, StoredRefreshToken

log = get_logger(__name__)


def build_backend(
    settings: Settings, http: httpx.AsyncClient, db: Database | None = None
) -> WorkManagement | None:
    """The adapter the settings describe, or None when no backend is configured.

    Pass the database wherever one is open: Workfront OAuth keeps its rotated refresh token
    there, shared with the other processes. Without it the token lives in memory only, and
    the first rotation here voids the token the others hold.
    """
    if db is None:
        return backends.build_backend(settings, http)
    return backends.build_backend(
        settings, http, lambda: StoredRefreshToken(db, SecretBox(load_secret_key(settings)))
    )


def webhook_url(settings: Settings) -> str | None:
    """Where the configured system delivers its events (the generic door in `mcc.inbox`)."""
    if not settings.public_url:
        return None
    return f"{settings.public_url.rstrip('/')}/webhooks/{settings.workmgmt_backend.value}"


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
        self.inbox = InboxWorker(
            db,
            backend,
            batch_size=settings.inbox_batch_size,
            poll_seconds=settings.outbox_poll_seconds,
        )
        self.reconciler = Reconciler(db, backend, interval_seconds=settings.reconcile_seconds)
        self._tasks: list[asyncio.Task[None]] = []

    async def subscribe(self) -> list[str]:
        url = webhook_url(self.settings)
        if url is None:
            raise ConfigurationError(
                "Set MCC_PUBLIC_URL to where the work-management system can reach this server"
            )
        return await self.backend.ensure_subscriptions(url, self.settings.resolved_webhook_token())

    def start(self) -> None:
        # A door in another process (`mcc worker` beside `mcc serve`) wakes the inbox through
        # a NOTIFY on PostgreSQL (`Database.listen`); on SQLite it is found by the poll.
        self.db.inbox_wakers[self.inbox.source] = self.inbox.wake
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

    async def _subscribe_quietly(self, attempts: int = 3, pause_seconds: float = 2.0) -> None:
        # Asana's handshake calls this very server while the webhook is created: at start-up
        # it may not be listening yet, so a refused handshake is tried again a little later.
        for attempt in range(1, attempts + 1):
            try:
                ids = await self.subscribe()
            except WorkManagementError as error:
                log.warning("sync.subscribe_failed", error=error.message, attempt=attempt)
                if attempt < attempts:
                    await asyncio.sleep(pause_seconds * attempt)
                continue
            log.info("sync.subscribed", subscriptions=len(ids), url=webhook_url(self.settings))
            return

    async def stop(self) -> None:
        self.db.inbox_wakers.pop(self.inbox.source, None)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
