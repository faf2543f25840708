"""Fault switches: make the emulator misbehave the ways a real tenant can, on demand.

Set at construction (``create_workfront_emulator(faults={...})``) or at run time with
``POST /__emulator__/faults`` (a partial JSON object; unknown names are refused). They cover the
delivery guarantees Workfront does not give (reference §8: at-least-once, unordered, retried
with backoff) and the API's throttling and failures (§5), so MCC's receiver, reconciler and
outbox can be tested against them.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class FaultSettings:
    """Every switch, with the value that reproduces a healthy tenant."""

    duplicate_deliveries: bool = False  # every event message is delivered twice
    reorder_batch: int = 0  # ≥2: hold that many messages, then send them newest first
    reorder_hold_ms: int = 2000  # release a partial held batch after this long
    fail_first_attempts: int = 0  # each message's first N attempts fail (not sent)
    delivery_latency_ms: int = 0  # wait before each delivery attempt
    retry_delay_scale: float = 1.0  # 1.0 = Workfront's ((2^n)-1)·84.8 s; 0.001 for tests
    max_attempts: int = 11  # Workfront gives up after 11 attempts (~48 h)
    delivery_timeout_s: float = 5.0  # a receiver must answer 2xx within 5 s
    auth_header: str = "bearer"  # "bearer": Authorization: Bearer <authToken>; "raw": the token
    api_latency_ms: int = 0  # wait before answering each core API request
    api_error_status: int = 500  # status of injected API errors (429, 500, 503...)
    api_error_next: int = 0  # the next N core API requests fail
    api_error_rate: float = 0.0  # or this share of them, at random
    max_concurrent_requests: int = 10  # more in flight at once → 429 (reference §5)
    seed: int | None = None  # seed for api_error_rate, for repeatable runs


_CHOICES = {"auth_header": ("bearer", "raw")}


class Faults:
    """Thread-safe holder of the current :class:`FaultSettings`."""

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._random = random.Random()  # noqa: S311 - fault injection, not security
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
        """Apply a partial update; raises ``ValueError`` naming the first bad switch."""
        known = {f.name: f for f in fields(FaultSettings)}
        with self._lock:
            candidate = asdict(self._settings)
            for name, value in changes.items():
                if name not in known:
                    raise ValueError(f"unknown fault switch {name!r}")
                default = getattr(FaultSettings(), name)
                wanted = type(default) if default is not None else int
                if isinstance(value, bool) is not (wanted is bool) and value is not None:
                    raise ValueError(f"{name} must be {wanted.__name__}")
                if value is None and name != "seed":
                    raise ValueError(f"{name} must not be null")
                if wanted is float and isinstance(value, int):
                    value = float(value)
                if value is not None and not isinstance(value, wanted):
                    raise ValueError(f"{name} must be {wanted.__name__}")
                if name in _CHOICES and value not in _CHOICES[name]:
                    raise ValueError(f"{name} must be one of {_CHOICES[name]}")
                if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                    raise ValueError(f"{name} must not be negative")
                candidate[name] = value
            self._settings = FaultSettings(**candidate)
            if "seed" in changes:
                self._random.seed(self._settings.seed)
            return asdict(self._settings)

    def reset(self) -> None:
        """Back to a healthy tenant."""
        with self._lock:
            self._settings = FaultSettings()

    def take_api_error(self) -> int | None:
        """The status to fail this API request with, or None; consumes ``api_error_next``."""
        with self._lock:
            if self._settings.api_error_next > 0:
                self._settings.api_error_next -= 1
                return self._settings.api_error_status
            if self._settings.api_error_rate and (
                self._random.random() < self._settings.api_error_rate
            ):
                return self._settings.api_error_status
            return None
