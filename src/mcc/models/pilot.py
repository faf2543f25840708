"""What the pilot report is computed from, recorded as it happens (issue 13, item 2).

Rows are written by whichever process does the work (an HTTP worker for a chat turn, the sync
runtime for an outbox delivery or an inbox event), in the transaction that does it, so several
worker processes and `mcc worker` agree and nothing is kept only in one process's memory.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, UTCDateTime, utcnow


class CampaignTiming(Base):
    """One campaign's way from the first message of its draft to its project in Workfront.

    Every campaign created in MCC has one (chat, form, API, CLI): `confirmed_at` is when the
    person committed to it. Only chat campaigns have a `first_message_at`, so only they count
    for the creation time; all count for the creation success rate.
    """

    __tablename__ = "campaign_timings"

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    conversation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    first_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, nullable=False, index=True
    )
    project_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncTiming(Base):
    """One webhook event that changed our records: the backend's event time → applied here."""

    __tablename__ = "sync_timings"

    # The inbox event (no foreign key: inbox rows may be pruned, the figure stays).
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), nullable=False)
    object_type: Mapped[str] = mapped_column(String(20), nullable=False)
    # The campaign the event changed, so a team's report counts only its campaigns' events.
    # No foreign key, like `event_id`: the figure outlives a deleted campaign (it then counts
    # for the whole organisation only). None for a change that reached no campaign row (a
    # deleted task's tombstone) and for events recorded before this column existed.
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), index=True)
    event_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    seconds: Mapped[float] = mapped_column(Float, nullable=False)  # applied − event, ≥ 0


class AssistantTurn(Base):
    """One stored assistant turn: how long the person waited for the whole reply."""

    __tablename__ = "assistant_turns"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    engine: Mapped[str] = mapped_column(String(20), nullable=False)  # "rules" | "llm"
    seconds: Mapped[float] = mapped_column(Float, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False, index=True)


class UptimeDay(Base):
    """The health checks of one UTC day, aggregated (one row a day, whatever the interval).

    A check that finds the server healthy adds its interval to `healthy_seconds`; when the
    server is down nothing is recorded, so the gap counts as unavailable. `last_check_at` is the
    start of the last recorded check slot: a second recorder (two deployments sharing a
    database) records each slot once.
    """

    __tablename__ = "uptime_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    first_check_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_check_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    checks: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    healthy_checks: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    healthy_seconds: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
