"""The parts of one emulator instance, shared by its routes through ``app.state``."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import tzinfo

from starlette.requests import Request

from mcc.sandbox.workfront.auth import Auth
from mcc.sandbox.workfront.delivery import DeliveryWorker
from mcc.sandbox.workfront.events import Publisher
from mcc.sandbox.workfront.faults import Faults
from mcc.sandbox.workfront.service import WorkfrontService
from mcc.sandbox.workfront.store import Store


@dataclass
class Emulator:
    """Store, service, auth, faults and the event machinery of one emulator app."""

    store: Store
    service: WorkfrontService
    auth: Auth
    faults: Faults
    publisher: Publisher
    worker: DeliveryWorker
    zone: tzinfo
    base_url: str | None
    deliver: bool
    in_flight: int = 0
    # Every API call received (method, path, object), oldest first, for tests that must prove
    # what was (not) sent: ``GET /__emulator__/requests``. Bounded, like a real access log.
    requests: deque[dict[str, str]] = field(default_factory=lambda: deque(maxlen=10_000))


def emulator(request: Request) -> Emulator:
    """The emulator serving this request."""
    found: Emulator = request.app.state.emulator
    return found
