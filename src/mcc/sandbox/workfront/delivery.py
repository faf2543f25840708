"""The delivery worker: POSTs queued event messages to subscribers, with retries.

An asyncio task started by the app's lifespan. Each attempt POSTs the JSON payload with the
subscription's ``authToken`` in ``Authorization: Bearer <token>`` (or the bare token, a fault
switch, since the header form is undocumented — reference §8, §11.1); no signature header is
sent because Workfront signs nothing. Any 2xx within the timeout (5 s) is delivered; anything
else is retried after ``((2^attempt)-1)·84.8 s`` (scaled by ``retry_delay_scale``) up to
``max_attempts``. Attempts are logged on the delivery row and counted on the subscription.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from mcc.sandbox.workfront.events import Publisher
from mcc.sandbox.workfront.faults import Faults
from mcc.sandbox.workfront.store import Doc, Store

logger = logging.getLogger(__name__)
RETRY_UNIT_S = 84.8  # Workfront's documented base delay (84,800 ms)


def retry_delay(attempt: int, scale: float) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return float((2**attempt) - 1) * RETRY_UNIT_S * scale


class DeliveryWorker:
    """Sends due deliveries one at a time, in queue order, until stopped."""

    def __init__(self, store: Store, faults: Faults, publisher: Publisher) -> None:
        self.store = store
        self.faults = faults
        self.publisher = publisher
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start on the running loop (called from the app's lifespan)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._client = httpx.AsyncClient(follow_redirects=False)
        self._task = asyncio.create_task(self._run(), name="workfront-emulator-delivery")
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
            self.publisher.release_held(force=False)
            for delivery in self.store.due_deliveries(time.time()):
                try:
                    await self._attempt(delivery)
                except Exception:  # an emulator bug must not stop every later delivery
                    logger.exception("delivery %s crashed", delivery["id"])
                    self.store.update_delivery(delivery["id"], status="failed")
            await self._sleep_until_due()

    async def _sleep_until_due(self) -> None:
        assert self._wake is not None
        next_at = self.store.next_due_at()
        timeout: float | None = None if next_at is None else max(0.0, next_at - time.time())
        if self.store.deliveries(status="held"):  # re-check a partial reorder batch
            hold = self.faults.current.reorder_hold_ms / 1000
            timeout = hold if timeout is None else min(timeout, hold)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    def _headers(self, token: str) -> dict[str, str]:
        style = self.faults.current.auth_header
        value = f"Bearer {token}" if style == "bearer" else token
        return {"Authorization": value, "Content-Type": "application/json"}

    async def _attempt(self, delivery: Doc) -> None:
        settings = self.faults.current
        sub = self.store.get_subscription(delivery["subscription_id"])
        if sub is None:
            self.store.update_delivery(delivery["id"], status="cancelled")
            return
        number = delivery["attempts"] + 1
        started = time.time()
        entry: dict[str, Any] = {
            "attempt": number,
            "at": datetime.fromtimestamp(started, UTC).isoformat(timespec="milliseconds"),
        }
        if settings.delivery_latency_ms:
            await asyncio.sleep(settings.delivery_latency_ms / 1000)
        if number <= settings.fail_first_attempts:
            entry.update(status_code=None, error="injected failure (fault switch)")
        else:
            assert self._client is not None
            try:
                response = await self._client.post(
                    delivery["url"],
                    json=delivery["payload"],
                    headers=self._headers(str(sub["_authToken"])),
                    timeout=settings.delivery_timeout_s,
                )
                entry.update(status_code=response.status_code, error=None)
            except httpx.HTTPError as exc:
                entry.update(status_code=None, error=f"{type(exc).__name__}: {exc}")
        entry["duration_ms"] = round((time.time() - started) * 1000, 1)
        ok = entry["status_code"] is not None and 200 <= entry["status_code"] < 300
        if ok:
            status, next_at = "delivered", delivery["next_attempt_at"]
        elif number >= settings.max_attempts:
            status, next_at = "failed", delivery["next_attempt_at"]
        else:
            status = "pending"
            next_at = time.time() + retry_delay(number, settings.retry_delay_scale)
        self.store.update_delivery(
            delivery["id"],
            status=status,
            attempts=number,
            next_attempt_at=next_at,
            log=[*delivery["log"], entry],
        )
        self._count(sub["id"], ok)

    def _count(self, sub_id: str, ok: bool) -> None:
        """Success/failure counters per subscription URL (the circuit breaker's inputs)."""
        with self.store.transaction():
            sub = self.store.get_subscription(sub_id)
            if sub is None:
                return
            counters = sub["subscription_url"]
            counters["successes" if ok else "failures"] += 1
            self.store.put_subscription(sub)
