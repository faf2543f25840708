"""Where a work-management system plugs in: one branch per `WorkManagementBackend` value.

A system is a folder under `integrations/` (client, auth, mapping, the `WorkManagement`
adapter, the webhook's rules) plus a branch in `build_backend` and an entry in `WEBHOOKS` (or,
for a door that needs more than a token, its own route: Asana's handshake and signatures).
Everything else (the outbox handlers, the inbox worker, the reconciler, the apply path, the
generic webhook door) speaks only the contract in `workmgmt.py`.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from mcc.config import Settings, WorkManagementBackend
from mcc.integrations.asana.factory import build_asana
from mcc.integrations.workfront.factory import TokenStoreFactory, build_workfront
from mcc.integrations.workfront.webhook import WorkfrontWebhook
from mcc.integrations.workmgmt import WorkManagement


class WebhookRules(Protocol):
    """What the generic webhook door asks a system about one delivery."""

    source: str  # the inbox's `source` column and the path `/webhooks/<source>`

    def token_matches(self, header: str | None, expected: str) -> bool:
        """Does the `Authorization` header carry the token we registered (constant time)?"""
        ...

    def refusal(self, payload: Any) -> str | None:
        """Why the parsed body can never be applied, or None if it may be stored."""
        ...

    def dedupe_key(self, payload: dict[str, Any]) -> str:
        """Equal for a redelivery of the same event, so it is stored once."""
        ...

    def event_type(self, payload: dict[str, Any]) -> str:
        """A short label for operators (`PROJ.UPDATE`)."""
        ...


# Token-checked deliveries through the generic door. Asana signs its deliveries with a secret
# per webhook (a handshake first), so it has its own door: `mcc.inbox.asana`.
WEBHOOKS: dict[str, WebhookRules] = {WorkManagementBackend.WORKFRONT.value: WorkfrontWebhook()}


def build_backend(
    settings: Settings, http: httpx.AsyncClient, token_store: TokenStoreFactory | None = None
) -> WorkManagement | None:
    """The adapter the settings describe, or None when no backend is configured."""
    if settings.workmgmt_backend is WorkManagementBackend.WORKFRONT:
        return build_workfront(settings, http, token_store)
    if settings.workmgmt_backend is WorkManagementBackend.ASANA:
        return build_asana(settings, http)
    return None
