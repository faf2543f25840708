"""Fault switches: make the Asana emulator misbehave the ways the real service can, on demand.

Set at construction (``create_asana_emulator(faults={...})``) or at run time with
``POST /__emulator__/faults`` (a partial JSON object; unknown names and wrong types are refused
with 400). They cover what Asana does not promise about webhooks (reference §6.5: at-most-once,
no ordering, retries with backoff, deletion after 24 h of failures) and what its API does under
load (§3: 429 with ``Retry-After``, 500s with a ``phrase``), plus a response lost after the
server committed a create, so MCC's adapter, receiver and reconciler can be tested against them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from mcc.sandbox.faults import FaultSwitches


@dataclass
class FaultSettings:
    """Every switch, with the value that reproduces a healthy Asana."""

    # -- the REST API
    api_latency_ms: int = 0  # wait before answering each API request
    api_error_next: int = 0  # the next N API requests fail with api_error_status
    api_error_status: int = 500  # 500 (with a phrase), 429 (with Retry-After), 503...
    api_error_match: str = ""  # only requests whose "METHOD /path" contains this text
    retry_after_s: int = 1  # the Retry-After of injected 429s
    drop_next_creates: int = 0  # the next N POSTs commit, then the connection drops unanswered
    forbid_local_targets: bool = False  # real Asana: a webhook target on localhost → 403
    # -- webhook deliveries
    duplicate_deliveries: bool = False  # every event delivery is sent twice
    reorder_batch: int = 0  # ≥2: hold that many deliveries, then send them newest first
    reorder_hold_ms: int = 2000  # release a partial held batch after this long
    fail_first_attempts: int = 0  # each delivery's first N attempts fail (not sent)
    delivery_timeout_s: float = 10.0  # a receiver must answer 200/204 within 10 s
    retry_delay_scale: float = 1.0  # 1.0 = 30 s · 2^(n-1); 0.001 for tests
    heartbeat_interval_s: float = 8 * 3600.0  # Asana: every 8 hours
    failure_window_s: float = 24 * 3600.0  # a webhook failing this long is deleted
    # -- other timing
    job_delay_ms: int = 0  # how long instantiateProject jobs stay in_progress
    sync_token_ttl_s: float = 24 * 3600.0  # /events tokens older than this → 412


class Faults(FaultSwitches[FaultSettings]):
    """The switches of one Asana emulator; API errors can be aimed at one kind of call."""

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        super().__init__(FaultSettings, initial)

    def take_api_error(self, call: str) -> int | None:
        """The status to fail this request (``"METHOD /path"``) with; consumes one."""
        with self._lock:
            settings = self._settings
            if settings.api_error_next > 0 and settings.api_error_match in call:
                settings.api_error_next -= 1
                return settings.api_error_status
            return None

    def take_drop(self) -> bool:
        """Whether to drop this create's response after committing it; consumes one."""
        with self._lock:
            if self._settings.drop_next_creates > 0:
                self._settings.drop_next_creates -= 1
                return True
            return False


class Clock:
    """The emulator's time: the wall clock plus an offset tests can advance.

    ``POST /__emulator__/clock {"advance_s": N}`` moves it forward, so heartbeats, retry backoff,
    the 24-hour deletion rule and sync-token expiry can be tested without waiting.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.offset = 0.0

    def now(self) -> float:
        """Seconds since the epoch, as the emulator sees it."""
        with self._lock:
            return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Jump forward (never back: stored times must keep their order)."""
        with self._lock:
            self.offset += max(0.0, seconds)

    def reset(self) -> None:
        """Back to the wall clock."""
        with self._lock:
            self.offset = 0.0
