"""The supervisor's relay: a Unix socket that fans live events out to every worker process.

One line per message, on a socket only this user can reach (a 0700 temporary directory):

- `E <event json>`: a worker committed a change (SQLite). The relay writes the line to every
  connected worker, its sender included, so each worker's listeners see all events in one order,
  and delivers it to the supervisor's own bus (the outbox worker wakes on changes).
- `W inbox`: a worker stored a webhook event; the supervisor's inbox worker applies it now
  instead of at its next poll.
- `K`: a worker changed the knowledge base (and stored the new vectors); the other workers
  refresh their in-memory indexes from the database.
- `K embedding`: a worker changed the knowledge base and is embedding the change in the
  background; the other workers refresh for keyword search now and wait for its `K` rather than
  embedding the same document too.
- `K take over` (relay to one worker): a worker died between its `K embedding` and its `K`. The
  vectors the others wait for are not coming, so one surviving worker embeds what has none and
  sends `K` when done (it is then the one awaited: if it dies too, the next one takes over).
  Without it the others answered by keyword only for that document until the next change or a
  restart of the whole server (the restarted worker's own build embeds it but told no one).

Delivery is best effort, as on the in-process bus: a worker that stops reading loses events once
its buffer passes `MAX_BUFFER` rather than growing the supervisor's memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from mcc.events import EventBus, from_json
from mcc.logging import get_logger

log = get_logger(__name__)
EVENT = b"E "
WAKE_INBOX = b"W inbox\n"
KNOWLEDGE_CHANGED = b"K\n"
KNOWLEDGE_EMBEDDING = b"K embedding\n"
KNOWLEDGE_TAKE_OVER = b"K take over\n"
MAX_BUFFER = 1 << 20  # bytes queued for one worker before its events are dropped
LINE_LIMIT = 1 << 16  # an event is a few hundred bytes


class Relay:
    """The supervisor side: accepts the workers' links and fans their messages out."""

    def __init__(self, path: Path, bus: EventBus) -> None:
        self.path = path
        self.bus = bus
        self.wake_inbox: Callable[[], None] | None = None
        self._links: set[asyncio.StreamWriter] = set()
        # Links that announced `K embedding` (or were told to take over) and owe their `K`.
        self._embedding: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None

    @property
    def link_count(self) -> int:
        return len(self._links)

    async def start(self) -> None:
        self._server = await asyncio.start_unix_server(
            self._serve, path=str(self.path), limit=LINE_LIMIT
        )

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._links):
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._links.add(writer)
        try:
            while line := await reader.readline():
                self._handle(line, writer)
        except (ConnectionError, ValueError):  # a worker died mid-line, or sent an endless one
            pass
        finally:
            self._links.discard(writer)
            writer.close()
            if writer in self._embedding:
                self._embedding.discard(writer)
                self._hand_over_embedding()

    def _hand_over_embedding(self) -> None:
        """A worker died owing its vectors: one other worker embeds them (see `K take over`)."""
        idle = self._links - self._embedding  # one already embedding has its own to finish
        link = next(iter(idle or self._links), None)
        if link is None:  # no worker left: the restarted ones' builds embed what has no vectors
            return
        log.warning("serving.embedding_handed_over", workers=len(self._links))
        self._embedding.add(link)
        link.write(KNOWLEDGE_TAKE_OVER)

    def _handle(self, line: bytes, sender: asyncio.StreamWriter) -> None:
        if line == WAKE_INBOX:
            if self.wake_inbox is not None:
                self.wake_inbox()
        elif line in (KNOWLEDGE_CHANGED, KNOWLEDGE_EMBEDDING):
            if line == KNOWLEDGE_EMBEDDING:
                self._embedding.add(sender)
            else:
                self._embedding.discard(sender)
            for link in list(self._links - {sender}):
                link.write(line)
        elif line.startswith(EVENT):
            try:
                event = from_json(line[len(EVENT) :].decode())
            except (ValueError, KeyError):
                log.warning("serving.bad_relay_line", line=line[:200].decode(errors="replace"))
                return
            for link in list(self._links):
                if link.transport.get_write_buffer_size() > MAX_BUFFER:
                    log.warning("serving.relay_dropped_event", campaign_id=str(event.campaign_id))
                    continue
                link.write(line)
            self.bus.deliver(event)
