"""Sync and knowledge health as Prometheus gauges, read when `/metrics` is scraped.

Read at scrape time rather than kept up to date by the workers: the numbers are then the
database's truth (several worker processes, `mcc worker` beside `mcc serve`) and cost one short
read per scrape. A database that does not answer leaves the sync gauges at their last values and
sets `mcc_metrics_database_up` to 0, so a scrape never fails because of it.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Gauge

from mcc.db import Database
from mcc.inbox.repository import IGNORED, PARKED, PROCESSED, PROCESSING
from mcc.inbox.repository import PENDING as INBOX_PENDING
from mcc.knowledge.indexing import IndexState
from mcc.logging import get_logger
from mcc.models.base import utcnow
from mcc.outbox.repository import DEAD, DONE, HELD, IN_FLIGHT, PENDING
from mcc.sync.status import sync_status

log = get_logger(__name__)
OUTBOX_STATES = (PENDING, IN_FLIGHT, DONE, DEAD, HELD)  # zero, not absent, when none
INBOX_STATES = (INBOX_PENDING, PROCESSING, PROCESSED, IGNORED, PARKED)
INDEX_STATES = ("building", "ready", "failed")


class HealthGauges:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.outbox = Gauge(
            "mcc_outbox_messages", "Outbox rows by status", ["status"], registry=registry
        )
        self.dead_letters = Gauge(
            "mcc_outbox_dead_letters", "Outbox rows that gave up (need `mcc sync retry`)",
            registry=registry,
        )  # fmt: skip
        self.inbox = Gauge(
            "mcc_inbox_events", "Inbox events by status", ["status"], registry=registry,
        )  # fmt: skip
        self.sync_lag = Gauge(
            "mcc_sync_lag_seconds", "Age of the oldest undelivered outbox row (0: none)",
            registry=registry,
        )  # fmt: skip
        self.inbox_age = Gauge(
            "mcc_inbox_last_event_age_seconds",
            "Seconds since the last webhook event arrived (-1: none yet)", registry=registry,
        )  # fmt: skip
        self.database_up = Gauge(
            "mcc_metrics_database_up", "1 when the last scrape could read the database",
            registry=registry,
        )  # fmt: skip
        self.index = Gauge(
            "mcc_knowledge_index_state", "1 for the knowledge index's current state",
            ["state"], registry=registry,
        )  # fmt: skip
        self.index_size = Gauge(
            "mcc_knowledge_index_size", "Documents and passages in the knowledge index",
            ["kind"], registry=registry,
        )  # fmt: skip

    async def refresh(self, database: Database, index: IndexState) -> None:
        for state in INDEX_STATES:
            self.index.labels(state).set(1 if index.status == state else 0)
        self.index_size.labels("documents").set(index.documents)
        self.index_size.labels("passages").set(index.passages)
        try:
            status = await sync_status(database)
        except Exception as error:  # a scrape reports the database's absence, it does not fail
            log.warning("metrics.database_unreadable", error=type(error).__name__)
            self.database_up.set(0)
            return
        self.database_up.set(1)
        for state in {*OUTBOX_STATES, *status.outbox}:
            self.outbox.labels(state).set(status.outbox.get(state, 0))
        for state in {*INBOX_STATES, *status.inbox}:
            self.inbox.labels(state).set(status.inbox.get(state, 0))
        self.dead_letters.set(status.dead_letters)
        self.sync_lag.set(status.lag_seconds or 0)
        if status.last_event_at is None:
            self.inbox_age.set(-1)
        else:
            self.inbox_age.set((utcnow() - status.last_event_at).total_seconds())
