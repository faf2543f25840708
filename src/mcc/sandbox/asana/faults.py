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
from dataclasses import asdict, dataclass, fields
from typing import Any


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


class Faults:
    """Thread-safe holder of the current :class:`FaultSettings`."""

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        if initial:
            self.update(initial)

    @property
    def current(self) -> FaultSettings:
        """A copy of the settings in force."""
        with self._lock:
            return FaultSettings(**asdict(self._settings))

    def snapshot(self) -> dict[str, Any]:
        """The settings as JSON."""
        return asdict(self.current)

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial update atomically; raises ``ValueError`` naming the first bad switch."""
        known = {f.name: f for f in fields(FaultSettings)}
        with self._lock:
            candidate = asdict(self._settings)
            for name, value in changes.items():
                if name not in known:
                    raise ValueError(f"unknown fault switch {name!r}")
                wanted = type(getattr(FaultSettings(), name))
                if wanted is float and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                if type(value) is not wanted:
                    raise ValueError(f"{name} must be {wanted.__name__}")
                if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                    raise ValueError(f"{name} must not be negative")
                candidate[name] = value
            self._settings = FaultSettings(**candidate)
            return asdict(self._settings)

    def reset(self) -> None:
        """Back to a healthy Asana."""
        with self._lock:
            self._settings = FaultSettings()

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
