"""The emulators' shared webhook delivery core: a queue with fault injection and a retrying worker.

Workfront and Asana deliver events the same way: every outbound POST is a row in the emulator's
store (so "what was sent, and did it land?" is a query), fault switches may duplicate it or hold
a batch and release it newest first, and one asyncio task sends due rows in queue order, logs
every attempt on the row and retries failures with the service's backoff. What differs stays in
each backend's ``delivery.py``: the row's target, the request (Workfront: a bearer token and its
event JSON; Asana: an ``X-Hook-Signature`` HMAC over the exact bytes), which answers count as
delivered, the backoff formula, and what an attempt changes on the subscription or webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Generic

import httpx

from mcc.sandbox.faults import FaultSwitches, S
from mcc.sandbox.sqlite_store import DeliveryRows

logger = logging.getLogger(__name__)
Doc = dict[str, Any]


class WebhookQueue(Generic[S]):
    """Queues delivery rows under the delivery fault switches and wakes the worker."""

    def __init__(
        self, store: DeliveryRows, faults: FaultSwitches[S], now: Callable[[], float]
    ) -> None:
        self.store = store
        self.faults = faults
        self.now = now
        self.wake: Callable[[], None] = lambda: None  # the worker's, while it runs

    def enqueue(self, add: Callable[..., int], *, faultable: bool = True) -> None:
        """Queue one POST through ``add(status=, duplicate_of=)`` (the store's insert, with the
        backend's columns bound); ``faultable=False`` exempts it from reordering and duplicates
        (Asana's heartbeats)."""
        settings = self.faults.current
        status = "held" if faultable and settings.reorder_batch >= 2 else "pending"
        first = add(status=status, duplicate_of=None)
        if faultable and settings.duplicate_deliveries:
            add(status=status, duplicate_of=first)

    def release_held(self, *, force: bool) -> int:
        """Send held rows newest first once a batch is full, stale, or ``force`` is set."""
        settings = self.faults.current
        held = self.store.deliveries(status="held")
        if not held:
            return 0
        stale = self.now() - held[0]["created_at"] >= settings.reorder_hold_ms / 1000
        if not (force or stale or len(held) >= max(settings.reorder_batch, 1)):
            return 0
        base = held[0]["id"] - 1
        now = self.now()
        for position, row in enumerate(reversed(held)):
            self.store.update_delivery(row["id"], status="pending", next_attempt_at=now,
                                       sort_key=base + position / (len(held) + 1))  # fmt: skip
        return len(held)


@dataclass
class Outbound:
    """One POST as the backend builds it: a JSON value (``json``) or exact bytes (``content``)."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    json: Any = None


class WebhookWorker(ABC, Generic[S]):
    """Sends due rows one at a time, in queue order, until stopped; retries with backoff."""

    #: How often to look for work when nothing is due (None: sleep until woken).
    idle_check_s: float | None = None

    def __init__(
        self, store: DeliveryRows, faults: FaultSwitches[S], queue: WebhookQueue[S], name: str
    ) -> None:
        self.store = store
        self.faults = faults
        self.queue = queue
        self.now = queue.now
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    # -- what each backend says ---------------------------------------------------------------

    @abstractmethod
    def target(self, delivery: Doc) -> Doc | None:
        """The subscription or webhook a row goes to; None when it is gone (row cancelled)."""

    @abstractmethod
    def outbound(self, delivery: Doc, target: Doc, settings: S) -> Outbound:
        """The POST to send for a row."""

    @abstractmethod
    def accepted(self, status_code: int) -> bool:
        """Whether the receiver's answer counts as delivered."""

    @abstractmethod
    def retry_delay(self, attempt: int, settings: S) -> float | None:
        """Seconds to wait after failed attempt ``attempt`` (1-based); None gives up."""

    @abstractmethod
    def stamp(self, moment: float) -> str:
        """An attempt's time as the log shows it."""

    def recorded(self, target: Doc, ok: bool, entry: Doc, next_at: float) -> None:
        """After an attempt is logged on its row: the target's counters or health fields."""

    def before_pass(self) -> None:
        """Work to queue before each look for due rows (Asana: heartbeats)."""

    def latency_s(self, settings: S) -> float:
        """An injected wait before each attempt."""
        return 0.0

    # -- the loop -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start on the running loop (called from the app's lifespan)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._client = httpx.AsyncClient(follow_redirects=False)
        self._task = asyncio.create_task(self._run(), name=self._name)
        self.queue.wake = self.wake

    async def stop(self) -> None:
        """Cancel the loop and close the HTTP client."""
        self.queue.wake = lambda: None
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
            due: list[Doc] = []
            try:
                self.before_pass()
                self.queue.release_held(force=False)
                due = self.store.due_deliveries(self.now())
            except Exception:  # an emulator bug must not stop every later delivery
                logger.exception("%s: looking for due deliveries crashed", self._name)
            for delivery in due:
                try:
                    await self._attempt(delivery)
                except Exception:  # nor may one row's
                    logger.exception("%s: delivery %s crashed", self._name, delivery["id"])
                    self.store.update_delivery(delivery["id"], status="failed")
            await self._sleep_until_due()

    async def _sleep_until_due(self) -> None:
        assert self._wake is not None
        timeout = self.idle_check_s
        next_at = self.store.next_due_at()
        if next_at is not None:
            timeout = _earlier(timeout, max(0.0, next_at - self.now()))
        if self.store.deliveries(status="held"):  # re-check a partial reorder batch
            timeout = _earlier(timeout, self.faults.current.reorder_hold_ms / 1000)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    async def _attempt(self, delivery: Doc) -> None:
        settings = self.faults.current
        target = self.target(delivery)
        if target is None:
            self.store.update_delivery(delivery["id"], status="cancelled")
            return
        number = delivery["attempts"] + 1
        started = time.monotonic()
        entry: Doc = {"attempt": number, "at": self.stamp(self.now())}
        latency = self.latency_s(settings)
        if latency:
            await asyncio.sleep(latency)
        if number <= settings.fail_first_attempts:
            entry.update(status_code=None, error="injected failure (fault switch)")
        else:
            entry.update(await self._post(self.outbound(delivery, target, settings), settings))
        entry["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
        ok = entry["status_code"] is not None and self.accepted(entry["status_code"])
        status, next_at = "delivered", delivery["next_attempt_at"]
        if not ok:
            delay = self.retry_delay(number, settings)
            if delay is None:
                status = "failed"
            else:
                status, next_at = "pending", self.now() + delay
        log = [*delivery["log"], entry]
        self.store.update_delivery(
            delivery["id"], status=status, attempts=number, next_attempt_at=next_at, log=log
        )
        self.recorded(target, ok, entry, next_at)

    async def _post(self, out: Outbound, settings: S) -> Doc:
        """The attempt's outcome: the answer's status, and its start when it was refused."""
        assert self._client is not None
        try:
            response = await self._client.post(
                out.url, content=out.content, json=out.json, headers=out.headers,
                timeout=settings.delivery_timeout_s,
            )  # fmt: skip
        except httpx.HTTPError as exc:
            return {"status_code": None, "error": f"{type(exc).__name__}: {exc}"}
        refused = not self.accepted(response.status_code)
        return {"status_code": response.status_code,
                "error": response.text[:200] if refused else None}  # fmt: skip


def _earlier(timeout: float | None, other: float) -> float:
    return other if timeout is None else min(timeout, other)


def worker_lifespan(
    worker: WebhookWorker[Any], enabled: bool
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """An app lifespan that runs ``worker`` while the app serves (when ``enabled``)."""

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        if enabled:
            worker.start()
        try:
            yield
        finally:
            if enabled:
                await worker.stop()

    return lifespan
