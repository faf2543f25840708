"""Fault switches: make the emulator misbehave the ways a real tenant can, on demand.

Set at construction (``create_workfront_emulator(faults={...})``) or at run time with
``POST /__emulator__/faults`` (a partial JSON object; unknown names are refused). They cover the
delivery guarantees Workfront does not give (reference §8: at-least-once, unordered, retried
with backoff) and the API's throttling and failures (§5), so MCC's receiver, reconciler and
outbox can be tested against them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from mcc.sandbox.faults import FaultSwitches


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


class Faults(FaultSwitches[FaultSettings]):
    """The switches of one Workfront emulator; API errors can be drawn at random, repeatably."""

    nullable = frozenset({"seed"})
    choices = {"auth_header": ("bearer", "raw")}

    def __init__(self, initial: dict[str, Any] | None = None) -> None:
        self._random = random.Random()  # noqa: S311 - fault injection, not security
        super().__init__(FaultSettings, initial)

    def _updated(self, changes: dict[str, Any]) -> None:
        if "seed" in changes:
            self._random.seed(self._settings.seed)

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
