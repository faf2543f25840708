"""Webhook traffic: the ``X-Hook-Secret`` handshake and signed deliveries with retries.

Reference §6.1: inside ``POST /webhooks`` the emulator POSTs to the target with a fresh
``X-Hook-Secret`` and no body events; the target must answer 200 or 204 *and* echo the header,
or no webhook is created. §6.3: every later POST carries ``X-Hook-Signature``, the lowercase
hex HMAC-SHA256 of the exact body bytes keyed with that secret, and counts as delivered only on
200 or 204 within 10 s. §6.5: a heartbeat (``{"events": []}``) follows the handshake and then
every 8 hours; failures are retried with exponential backoff, and a webhook that could deliver
nothing for 24 hours is deleted. The delays and windows are fault switches, and the emulator's
clock can be advanced, so tests compress days into milliseconds. The loop, queue and fault
injection are shared with Workfront's emulator (:mod:`mcc.sandbox.delivery`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging

import httpx

from mcc.sandbox.asana.errors import AsanaError
from mcc.sandbox.asana.events import Publisher
from mcc.sandbox.asana.faults import Faults, FaultSettings
from mcc.sandbox.asana.service import iso
from mcc.sandbox.asana.store import Doc, Store
from mcc.sandbox.delivery import Outbound, WebhookWorker

logger = logging.getLogger(__name__)
RETRY_BASE_S = 30.0
IDLE_CHECK_S = 1.0  # how often the worker looks for heartbeats due when nothing is queued
OK = (200, 204)


def signature(secret: str, body: bytes) -> str:
    """``X-Hook-Signature``: lowercase hex HMAC-SHA256 of the raw body (§6.3)."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def handshake(target: str, secret: str, wait_s: float) -> None:
    """The §6.1 handshake; raises a 400 naming what went wrong when the target fails it."""
    try:
        async with httpx.AsyncClient(follow_redirects=False) as client:
            response = await client.post(
                target, headers={"X-Hook-Secret": secret}, content=b"", timeout=wait_s
            )
    except httpx.HTTPError as exc:
        raise AsanaError(400, f"target: The remote server did not respond: {exc}") from None
    if response.status_code not in OK:
        raise AsanaError(
            400, f"target: The remote server responded {response.status_code} to the handshake"
        )
    echoed = response.headers.get("x-hook-secret", "")
    if not hmac.compare_digest(echoed.encode(), secret.encode()):
        raise AsanaError(400, "target: The remote server did not echo the X-Hook-Secret header")


def retry_delay(attempt: int, scale: float) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): 30 s, 60 s, 120 s..."""
    return RETRY_BASE_S * float(2 ** (attempt - 1)) * scale


class DeliveryWorker(WebhookWorker[FaultSettings]):
    """Sends due deliveries in queue order and heartbeats when they are due, until stopped."""

    store: Store
    idle_check_s = IDLE_CHECK_S

    def __init__(self, store: Store, faults: Faults, publisher: Publisher) -> None:
        super().__init__(store, faults, publisher, "asana-emulator-delivery")
        self.publisher = publisher

    def before_pass(self) -> None:
        """Queue an empty ``events`` POST for every webhook whose heartbeat is due."""
        interval = self.faults.current.heartbeat_interval_s
        now = self.now()
        for hook in self.store.all("webhook"):
            if now - float(hook.get("_last_heartbeat", 0.0)) >= interval:
                hook["_last_heartbeat"] = now
                self.store.put(hook)
                self.publisher.queue(hook["gid"], {"events": []}, kind="heartbeat")

    def target(self, delivery: Doc) -> Doc | None:
        return self.store.get(delivery["webhook"], "webhook")

    def outbound(self, delivery: Doc, target: Doc, settings: FaultSettings) -> Outbound:
        body = str(delivery["body"]).encode()
        headers = {"Content-Type": "application/json",
                   "X-Hook-Signature": signature(target["_secret"], body)}  # fmt: skip
        return Outbound(target["target"], headers, content=body)

    def accepted(self, status_code: int) -> bool:
        return status_code in OK

    def retry_delay(self, attempt: int, settings: FaultSettings) -> float | None:
        return retry_delay(attempt, settings.retry_delay_scale)  # until the failure window ends

    def stamp(self, moment: float) -> str:
        return iso(moment)

    def recorded(self, target: Doc, ok: bool, entry: Doc, next_at: float) -> None:
        """The webhook's delivery health fields (§6.1); deletion after the failure window."""
        gid = target["gid"]
        with self.store.transaction():
            hook = self.store.get(gid, "webhook")
            if hook is None:
                return
            now = self.now()
            if ok:
                hook.update(last_success_at=iso(now), delivery_retry_count=0,
                            next_attempt_after=None, failure_deletion_timestamp=None)  # fmt: skip
                hook["_failing_since"] = None
            else:
                since = hook.get("_failing_since") or now
                deadline = since + self.faults.current.failure_window_s
                hook.update(
                    last_failure_at=iso(now),
                    last_failure_content=str(entry.get("error") or entry.get("status_code")),
                    delivery_retry_count=int(hook.get("delivery_retry_count") or 0) + 1,
                    next_attempt_after=iso(next_at),
                    failure_deletion_timestamp=iso(deadline),
                )
                hook["_failing_since"] = since
                if now >= deadline:
                    self.store.delete(gid)
                    self.store.cancel_deliveries(gid)
                    logger.info("webhook %s deleted after failing for the whole window", gid)
                    return
            self.store.put(hook)
