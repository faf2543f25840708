"""Webhook traffic: the ``X-Hook-Secret`` handshake and signed deliveries with retries.

Reference §6.1: inside ``POST /webhooks`` the emulator POSTs to the target with a fresh
``X-Hook-Secret`` and no body events; the target must answer 200 or 204 *and* echo the header,
or no webhook is created. §6.3: every later POST carries ``X-Hook-Signature``, the lowercase
hex HMAC-SHA256 of the exact body bytes keyed with that secret, and counts as delivered only on
200 or 204 within 10 s. §6.5: a heartbeat (``{"events": []}``) follows the handshake and then
every 8 hours; failures are retried with exponential backoff, and a webhook that could deliver
nothing for 24 hours is deleted. The delays and windows are fault switches, and the emulator's
clock can be advanced, so tests compress days into milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
from typing import Any

import httpx

from mcc.sandbox.asana.errors import AsanaError
from mcc.sandbox.asana.events import Publisher
from mcc.sandbox.asana.faults import Clock, Faults
from mcc.sandbox.asana.service import iso
from mcc.sandbox.asana.store import Doc, Store

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


class DeliveryWorker:
    """Sends due deliveries in queue order and heartbeats when they are due, until stopped."""

    def __init__(self, store: Store, faults: Faults, clock: Clock, publisher: Publisher) -> None:
        self.store = store
        self.faults = faults
        self.clock = clock
        self.publisher = publisher
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    def start(self) -> None:
        """Start on the running loop (called from the app's lifespan)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._client = httpx.AsyncClient(follow_redirects=False)
        self._task = asyncio.create_task(self._run(), name="asana-emulator-delivery")
        self.publisher.wake = self.wake

    async def stop(self) -> None:
        """Cancel the loop and close the HTTP client."""
        self.publisher.wake = lambda: None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._client is not None:
            await self._client.aclose()

    def wake(self) -> None:
        """Ask the loop to look for due work now; safe from any thread."""
        loop, event = self._loop, self._wake
        if loop is None or event is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            self._wake.clear()
            try:
                self.queue_heartbeats()
                self.publisher.release_held(force=False)
                for delivery in self.store.due_deliveries(self.clock.now()):
                    await self._attempt(delivery)
            except Exception:  # an emulator bug must not stop every later delivery
                logger.exception("asana emulator delivery loop")
            await self._sleep_until_due()

    async def _sleep_until_due(self) -> None:
        assert self._wake is not None
        next_at = self.store.next_due_at()
        timeout = IDLE_CHECK_S
        if next_at is not None:
            timeout = min(timeout, max(0.0, next_at - self.clock.now()))
        if self.store.deliveries(status="held"):
            timeout = min(timeout, self.faults.current.reorder_hold_ms / 1000)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    def queue_heartbeats(self) -> None:
        """Queue an empty ``events`` POST for every webhook whose heartbeat is due."""
        interval = self.faults.current.heartbeat_interval_s
        now = self.clock.now()
        for hook in self.store.all("webhook"):
            if now - float(hook.get("_last_heartbeat", 0.0)) >= interval:
                hook["_last_heartbeat"] = now
                self.store.put(hook)
                self.publisher.queue(hook["gid"], {"events": []}, kind="heartbeat")

    async def _attempt(self, delivery: Doc) -> None:
        settings = self.faults.current
        hook = self.store.get(delivery["webhook"], "webhook")
        if hook is None:
            self.store.update_delivery(delivery["id"], status="cancelled")
            return
        number = delivery["attempts"] + 1
        entry: dict[str, Any] = {"attempt": number, "at": iso(self.clock.now())}
        body = str(delivery["body"]).encode()
        if number <= settings.fail_first_attempts:
            entry.update(status_code=None, error="injected failure (fault switch)")
        else:
            assert self._client is not None
            headers = {"Content-Type": "application/json",
                       "X-Hook-Signature": signature(hook["_secret"], body)}  # fmt: skip
            try:
                response = await self._client.post(
                    hook["target"], content=body, headers=headers,
                    timeout=settings.delivery_timeout_s,
                )  # fmt: skip
                entry.update(status_code=response.status_code, error=None)
                if response.status_code not in OK:
                    entry["error"] = response.text[:200]
            except httpx.HTTPError as exc:
                entry.update(status_code=None, error=f"{type(exc).__name__}: {exc}")
        ok = entry["status_code"] in OK
        now = self.clock.now()
        next_at = now + retry_delay(number, settings.retry_delay_scale)
        self.store.update_delivery(
            delivery["id"], status="delivered" if ok else "pending", attempts=number,
            next_attempt_at=delivery["next_attempt_at"] if ok else next_at,
            log=[*delivery["log"], entry],
        )  # fmt: skip
        self._record(hook["gid"], ok, entry, next_at)

    def _record(self, gid: str, ok: bool, entry: dict[str, Any], next_at: float) -> None:
        """The webhook's delivery health fields (§6.1); deletion after the failure window."""
        with self.store.transaction():
            hook = self.store.get(gid, "webhook")
            if hook is None:
                return
            now = self.clock.now()
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
