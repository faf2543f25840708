"""A campaign's sync timeline, newest first: what we queued and sent, what the system sent back.

The campaign page shows it so a user can see why a project is (or is not) in step: each outbox
row and its delivery attempts, and the inbox events that name the project or one of its tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.inbox.repository import IGNORED, InboxRepository
from mcc.models import Campaign, CampaignTask, InboxEvent
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
            # A delivered call records no HTTP status (the handler returns only its summary):
            # it is "done"; "no answer" is for a failure that never got a response.
            if attempt.response_status:
                status = f"HTTP {attempt.response_status}"
            else:
                status = "done" if attempt.error is None else "no answer"
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
    """The campaign's outbox rows and attempts, and the inbox events naming its remote objects;
    the ignored events of one type are one entry (a new project's tasks echo back a dozen or more
    TASK:CREATE events that change nothing, and they buried the events that did)."""
    entries = await _outbox_entries(session, campaign)
    remote_ids = [campaign.project_id or ""] + [t.remote_id or "" for t in tasks]
    ignored: dict[tuple[str, str], list[InboxEvent]] = {}
    for event in await InboxRepository(session).events_mentioning(remote_ids):
        if event.status == IGNORED and not event.error:
            ignored.setdefault((event.event_type, event.source), []).append(event)
            continue
        entries.append(
            TimelineEntry(event.received_at, "inbox", f"Received {event.event_type}",
                          f"from {event.source}, {event.status}"
                          + (f": {event.error}" if event.error else ""),
                          None if event.status == "pending" else event.status != "parked")
        )  # fmt: skip
    for (event_type, source), events in ignored.items():
        count = f"{len(events)} events" if len(events) > 1 else "1 event"
        entries.append(
            TimelineEntry(max(e.received_at for e in events), "inbox",
                          f"Received {event_type} ({count})",
                          f"from {source}, ignored: nothing in them changed the campaign (our own "
                          "writes coming back, or a newer event already applied)", True)
        )  # fmt: skip
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
