"""Workfront's side of webhook delivery: the bearer token, any 2xx, its backoff, its counters.

The loop, queue and fault injection are shared (:mod:`mcc.sandbox.delivery`). Each attempt POSTs
the JSON payload with the subscription's ``authToken`` in ``Authorization: Bearer <token>`` (or
the bare token, a fault switch, since the header form is undocumented — reference §8, §11.1); no
signature header is sent because Workfront signs nothing. Any 2xx within the timeout (5 s) is
delivered; anything else is retried after ``((2^attempt)-1)·84.8 s`` (scaled by
``retry_delay_scale``) up to ``max_attempts``. Attempts are logged on the delivery row and
counted on the subscription.
"""

from __future__ import annotations

from datetime import UTC, datetime

from mcc.sandbox.delivery import Outbound, WebhookWorker
from mcc.sandbox.workfront.events import Publisher
from mcc.sandbox.workfront.faults import Faults, FaultSettings
from mcc.sandbox.workfront.store import Doc, Store

RETRY_UNIT_S = 84.8  # Workfront's documented base delay (84,800 ms)


def retry_delay(attempt: int, scale: float) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return float((2**attempt) - 1) * RETRY_UNIT_S * scale


class DeliveryWorker(WebhookWorker[FaultSettings]):
    """Sends due event messages to subscribers, one at a time, in queue order, until stopped."""

    store: Store

    def __init__(self, store: Store, faults: Faults, publisher: Publisher) -> None:
        super().__init__(store, faults, publisher, "workfront-emulator-delivery")

    def target(self, delivery: Doc) -> Doc | None:
        return self.store.get_subscription(delivery["subscription_id"])

    def outbound(self, delivery: Doc, target: Doc, settings: FaultSettings) -> Outbound:
        token = str(target["_authToken"])
        value = f"Bearer {token}" if settings.auth_header == "bearer" else token
        headers = {"Authorization": value, "Content-Type": "application/json"}
        return Outbound(delivery["url"], headers, json=delivery["payload"])

    def accepted(self, status_code: int) -> bool:
        return 200 <= status_code < 300

    def retry_delay(self, attempt: int, settings: FaultSettings) -> float | None:
        if attempt >= settings.max_attempts:
            return None
        return retry_delay(attempt, settings.retry_delay_scale)

    def stamp(self, moment: float) -> str:
        return datetime.fromtimestamp(moment, UTC).isoformat(timespec="milliseconds")

    def latency_s(self, settings: FaultSettings) -> float:
        return settings.delivery_latency_ms / 1000

    def recorded(self, target: Doc, ok: bool, entry: Doc, next_at: float) -> None:
        """Success/failure counters per subscription URL (the circuit breaker's inputs)."""
        with self.store.transaction():
            sub = self.store.get_subscription(target["id"])
            if sub is None:
                return
            counters = sub["subscription_url"]
            counters["successes" if ok else "failures"] += 1
            self.store.put_subscription(sub)
