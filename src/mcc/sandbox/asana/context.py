"""The parts of one Asana emulator instance, shared by its routes through ``app.state``."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from starlette.requests import Request

from mcc.sandbox.asana.auth import Auth
from mcc.sandbox.asana.delivery import DeliveryWorker
from mcc.sandbox.asana.events import Publisher
from mcc.sandbox.asana.faults import Clock, Faults
from mcc.sandbox.asana.service import AsanaService
from mcc.sandbox.asana.store import Store


@dataclass
class Emulator:
    """Store, service, auth, faults, clock and the webhook machinery of one emulator app."""

    store: Store
    service: AsanaService
    auth: Auth
    faults: Faults
    clock: Clock
    publisher: Publisher
    worker: DeliveryWorker
    deliver: bool
    # Every API call received, oldest first, for tests that must prove what was (not) sent:
    # ``GET /__emulator__/requests``. Bounded, like a real access log.
    requests: deque[dict[str, str]] = field(default_factory=lambda: deque(maxlen=10_000))


def emulator(request: Request) -> Emulator:
    """The emulator serving this request."""
    found: Emulator = request.app.state.emulator
    return found
