"""Sign-in throttling: after repeated failures, an account or a client address waits (HTTP 429).

A sliding window log per key: an account (the address typed, known or not, so the answer does
not reveal which exist) may fail `MCC_SIGNIN_ACCOUNT_FAILURES` times and a client IP
`MCC_SIGNIN_CLIENT_FAILURES` times within `MCC_SIGNIN_WINDOW_SECONDS`; then attempts are refused
without checking the password, with `Retry-After` saying when the oldest failure leaves the
window. A success clears the account's failures.

The state lives in this process, not the database: a failed sign-in then costs no write, so a
password-guessing flood cannot queue behind (or hold) SQLite's single write lock, and a refused
attempt costs a dictionary lookup. The trade-off: a restart forgets the counts, and each server
process counts on its own (N processes allow N times the attempts), which is still a fixed,
small number per window. Memory is bounded: the least recently used keys go first.

An attempt counts as a failure from the moment it starts (`begin`) and is taken back on
success, so a burst of concurrent guesses cannot all slip past the check before any fails.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_KEYS = 100_000


@dataclass(frozen=True)
class Attempt:
    account: str
    client: str


class SignInThrottle:
    def __init__(
        self,
        *,
        account_limit: int,
        client_limit: int,
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self._limits = {"account": account_limit, "client": client_limit}
        self._window = window_seconds
        self._clock = clock
        self._max_keys = max_keys
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self._window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def retry_after(self, attempt: Attempt) -> int | None:
        """Seconds to wait when the account or the client is over its limit, else None."""
        now = self._clock()
        waits = []
        for kind, value in (("account", attempt.account), ("client", attempt.client)):
            failures = self._recent((kind, value), now)
            limit = self._limits[kind]
            if len(failures) >= limit:
                # The attempt after `limit` failures waits until the oldest counted one expires.
                oldest_counted = failures[len(failures) - limit]
                waits.append(max(1, math.ceil(oldest_counted + self._window - now)))
        return max(waits) if waits else None

    def begin(self, attempt: Attempt) -> None:
        """Count the attempt as failed until `succeeded` says otherwise."""
        now = self._clock()
        for key in (("account", attempt.account), ("client", attempt.client)):
            failures = self._failures.setdefault(key, deque())
            failures.append(now)
            self._failures.move_to_end(key)
            if len(failures) > 4 * self._limits[key[0]]:
                failures.popleft()  # only the last few matter; keep memory flat
        while len(self._failures) > self._max_keys:
            self._failures.popitem(last=False)

    def succeeded(self, attempt: Attempt) -> None:
        self._failures.pop(("account", attempt.account), None)
        client = self._failures.get(("client", attempt.client))
        if client:
            client.pop()  # take back this attempt's provisional failure
