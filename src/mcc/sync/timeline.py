"""A campaign's sync timeline, newest first: what we queued and sent, what the system sent back.

The campaign page shows it so a user can see why a project is (or is not) in step: each outbox
row and its delivery attempts, and the inbox events that name the project or one of its tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.inbox.repository import InboxRepository
from mcc.models import Campaign, CampaignTask
from mcc.outbox.repository import OutboxRepository


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "outbox" or "inbox"
    title: str
    detail: str
    ok: bool | None  # None: not settled yet


async def _outbox_entries(session: AsyncSession, campaign: Campaign) -> list[TimelineEntry]:
    outbox = OutboxRepository(session)
    entries: list[TimelineEntry] = []
    for message in await outbox.for_aggregate(str(campaign.id)):
        entries.append(
            TimelineEntry(message.created_at, "outbox", f"Queued {message.topic}",
                          f"status {message.status}, {message.attempts} attempt(s)",
                          None if message.status != "dead" else False)
        )  # fmt: skip
        for attempt in await outbox.attempts(message.id):
            status = f"HTTP {attempt.response_status}" if attempt.response_status else "no answer"
            entries.append(
                TimelineEntry(attempt.started_at, "outbox", f"Sent {message.topic}",
                              f"{attempt.request_summary or ''} · {status}"
                              + (f" · {attempt.error}" if attempt.error else ""),
                              attempt.error is None)
            )  # fmt: skip
    return entries


async def sync_timeline(
    session: AsyncSession, campaign: Campaign, tasks: Sequence[CampaignTask]
) -> list[TimelineEntry]:
    """The campaign's outbox rows and attempts, and the inbox events naming its remote objects."""
    entries = await _outbox_entries(session, campaign)
    remote_ids = [campaign.project_id or ""] + [t.remote_id or "" for t in tasks]
    for event in await InboxRepository(session).events_mentioning(remote_ids):
        entries.append(
            TimelineEntry(event.received_at, "inbox", f"Received {event.event_type}",
                          f"from {event.source}, {event.status}"
                          + (f": {event.error}" if event.error else ""),
                          None if event.status == "pending" else event.status != "parked")
        )  # fmt: skip
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
