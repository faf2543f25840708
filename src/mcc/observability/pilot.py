"""The pilot's latencies as Prometheus histograms, and the inbox lag, read at scrape time.

`mcc serve --workers N` runs N processes, and `prometheus_client` is not in multiprocess mode:
a histogram observed in one worker's memory would be missing from another worker's `/metrics`
(and lost at its restart). The rows recorded as things happen (`mcc.pilot`) are the one truth,
so each scrape builds the histograms from them, as `gauges.py` does for the sync gauges: any
worker answers the same, and `mcc worker`'s events are in it too. The cost is one grouped read
per histogram per scrape.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from mcc.db import Database
from mcc.inbox.repository import InboxRepository
from mcc.logging import get_logger
from mcc.models import AssistantTurn, SyncTiming
from mcc.models.base import utcnow
from mcc.pilot.repository import PilotRepository

log = get_logger(__name__)
TURN_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0)
SYNC_BUCKETS = (1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)
Histogram = dict[str, tuple[list[int], float, int]]


class PilotMetrics(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self._turns: Histogram = {}
        self._sync: Histogram = {}
        self._inbox_lag = 0.0
        registry.register(self)

    async def refresh(self, database: Database) -> None:
        """Read the rows; a database that does not answer keeps the last values (the health
        gauges say it is down), so a scrape never fails because of it."""
        try:
            async with database.read() as session:
                pilot = PilotRepository(session)
                turns = await pilot.latency_histogram(AssistantTurn, TURN_BUCKETS)
                sync = await pilot.latency_histogram(SyncTiming, SYNC_BUCKETS)
                oldest = await InboxRepository(session).oldest_waiting()
        except Exception as error:  # reported by mcc_metrics_database_up, not by failing
            log.warning("metrics.pilot_unreadable", error=type(error).__name__)
            return
        self._turns, self._sync = turns, sync
        self._inbox_lag = 0.0 if oldest is None else (utcnow() - oldest).total_seconds()

    def collect(self) -> Iterator[Metric]:
        yield _histogram(
            "mcc_assistant_turn_seconds", "Assistant turn latency (message in, reply stored)",
            "engine", self._turns, TURN_BUCKETS,
        )  # fmt: skip
        yield _histogram(
            "mcc_sync_latency_seconds", "Backend event time to the change applied here",
            "source", self._sync, SYNC_BUCKETS,
        )  # fmt: skip
        lag = GaugeMetricFamily(
            "mcc_inbox_lag_seconds", "Age of the oldest webhook event not yet applied (0: none)"
        )
        lag.add_metric([], self._inbox_lag)
        yield lag

    def describe(self) -> Iterator[Metric]:
        return iter(())  # collected at scrape time only; the names are documented above


def _histogram(
    name: str, documentation: str, label: str, data: Histogram, buckets: Sequence[float]
) -> HistogramMetricFamily:
    family = HistogramMetricFamily(name, documentation, labels=[label])
    for value, (under, total, count) in sorted(data.items()):
        bounds = [(repr(float(b)), float(n)) for b, n in zip(buckets, under, strict=True)]
        family.add_metric([value], [*bounds, ("+Inf", float(count))], total)
    return family
