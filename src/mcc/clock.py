"""The time every record is stamped with, and a simulated clock to replay weeks in seconds.

`mcc demo --pilot` produces a pilot "over a few weeks" by setting this clock before each thing a
user does, instead of sleeping; everything stamped through `utcnow()` (messages, campaigns,
ratings, survey answers, sync records) then carries the simulated moment. The clock is a
context variable holding a mutable object: tasks started while it is set (servers, workers) see
it advance too, and nothing outside that context is affected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta


class SimulatedClock:
    def __init__(self, start: datetime) -> None:
        self.moment = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> datetime:
        self.moment += delta
        return self.moment


_simulated: ContextVar[SimulatedClock | None] = ContextVar("mcc_simulated_clock", default=None)


def utcnow() -> datetime:
    clock = _simulated.get()
    return clock.now() if clock is not None else datetime.now(UTC)


@contextmanager
def simulated(clock: SimulatedClock) -> Iterator[SimulatedClock]:
    token = _simulated.set(clock)
    try:
        yield clock
    finally:
        _simulated.reset(token)
