"""A worker's side of `mcc serve --workers N`: its link to the supervisor, and its index build.

`create_app(serving=...)` calls `connect` in the lifespan. On SQLite the worker's event bus then
publishes through the relay (`EventBus.relay_through`) and delivers what the relay sends back; on
PostgreSQL NOTIFY already reaches every process, and the link only carries inbox wake-ups. When
the supervisor goes away (the link closes) the worker shuts itself down: a worker never serves
on without the processes that sync its changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
from pathlib import Path

from mcc.db import Database
from mcc.events import CampaignChanged, EventBus, from_json, to_json
from mcc.knowledge.indexing import KnowledgeIndex
from mcc.knowledge.service import KnowledgeService
from mcc.logging import get_logger
from mcc.serving.relay import (
    EVENT,
    KNOWLEDGE_CHANGED,
    KNOWLEDGE_EMBEDDING,
    KNOWLEDGE_TAKE_OVER,
    LINE_LIMIT,
    WAKE_INBOX,
)

log = get_logger(__name__)
LOCK_POLL = 0.2  # seconds between attempts at the index-build lock


class ServingLink:
    """One worker's connection to the supervisor's relay (`mcc.serving.relay`)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._writer: asyncio.StreamWriter | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._bus: EventBus | None = None
        self._closing = False
        self._index: KnowledgeIndex | None = None
        self._refreshing: asyncio.Task[None] | None = None
        self._refresh_again = False
        self._refresh_embeds = False  # a pass must embed what no other worker is embedding
        self._taking_over = False  # a pass must also send `K` once its vectors are stored
        self._announcing: asyncio.Task[None] | None = None

    async def connect(self, db: Database) -> None:
        reader, self._writer = await asyncio.open_unix_connection(
            str(self.directory / "relay.sock"), limit=LINE_LIMIT
        )
        self._bus = db.events
        if not db.cross_process:
            db.events.relay_through(self._send)
        self._reader_task = asyncio.create_task(self._read(reader), name="mcc-serving-link")

    def _send(self, event: CampaignChanged) -> bool:
        writer = self._writer
        if writer is None or writer.is_closing():
            return False
        writer.write(EVENT + to_json(event).encode() + b"\n")
        return True

    def wake_inbox(self) -> None:
        if self._writer is not None and not self._writer.is_closing():
            self._writer.write(WAKE_INBOX)

    async def _read(self, reader: asyncio.StreamReader) -> None:
        assert self._bus is not None
        try:
            while line := await reader.readline():
                if line.startswith(EVENT):
                    self._bus.deliver(from_json(line[len(EVENT) :].decode()))
                elif line in (KNOWLEDGE_CHANGED, KNOWLEDGE_EMBEDDING):
                    self._refresh_knowledge(embed=line == KNOWLEDGE_CHANGED)
                elif line == KNOWLEDGE_TAKE_OVER:
                    self._taking_over = True
                    self._refresh_knowledge(embed=True)
        except (ConnectionError, ValueError, KeyError):
            log.exception("serving.link_failed")
        self._bus.relay_through(None)  # our own events reach our own listeners meanwhile
        if not self._closing:
            log.warning("serving.supervisor_gone", action="shutting down this worker")
            os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown

    def _knowledge_changed(self, vectors_follow: bool = False) -> None:
        if self._writer is not None and not self._writer.is_closing():
            self._writer.write(KNOWLEDGE_EMBEDDING if vectors_follow else KNOWLEDGE_CHANGED)

    def _refresh_knowledge(self, *, embed: bool) -> None:
        """Refresh this worker's index; changes arriving meanwhile make one more pass. `embed`:
        the sender's vectors are stored, so what is still missing here is embedded here."""
        self._refresh_embeds = self._refresh_embeds or embed
        if self._refreshing is not None and not self._refreshing.done():
            self._refresh_again = True
            return
        self._refreshing = asyncio.create_task(self._refresh(), name="mcc-knowledge-refresh")

    async def _refresh(self) -> None:
        assert self._index is not None
        while True:
            self._refresh_again = False
            embed, self._refresh_embeds = self._refresh_embeds, False
            taking_over, self._taking_over = self._taking_over, False
            try:
                await self._index.refresh(embed=embed)
            except Exception:  # the database is busy: the next change or a restart catches up
                log.exception("serving.knowledge_refresh_failed")
            if taking_over:  # in its own task: later refreshes need not wait for the embedding
                self._announcing = asyncio.create_task(
                    self._announce_when_embedded(), name="mcc-knowledge-take-over"
                )
            if not self._refresh_again:
                return

    async def _announce_when_embedded(self) -> None:
        """After taking over a dead worker's embedding: `K` once the vectors are stored, even if
        they were stored already and nothing was embedded here, so the others stop waiting."""
        assert self._index is not None
        await self._index.wait_for_vectors()
        self._knowledge_changed()

    def start_knowledge(self, service: KnowledgeService) -> asyncio.Task[None]:
        """Build this worker's index once no other worker is building (a file lock).

        The first worker embeds what is missing and stores the vectors; the next ones find them
        stored and embed nothing. Until its turn a worker answers from a keyword index (the
        supervisor loaded the bundled playbooks before starting workers, so it is not empty).
        A worker loads its model in its turn, before its complete index is swapped in: with
        every vector stored nothing else would load it, and the first question would wait for
        the model (a torch import takes 15 s to a minute on a busy machine)."""
        lock = _FileLock(self.directory / "knowledge.lock")
        index = self._index = service.index
        index.on_change = self._knowledge_changed

        async def turn() -> None:
            await lock.acquire()
            if index.embedder is not None:
                try:
                    await asyncio.to_thread(index.embedder.embed_query, "warm up")
                except Exception as error:  # the build reports a model that cannot load
                    log.info("serving.model_warm_up_failed", reason=str(error)[:200])

        async def build() -> None:
            try:
                await index.start(turn)
            finally:
                lock.release()

        return asyncio.create_task(build(), name="mcc-knowledge-turn")

    async def close(self) -> None:
        self._closing = True
        if self._bus is not None:
            self._bus.relay_through(None)
        if self._writer is not None:
            self._writer.close()
        for task in (self._reader_task, self._refreshing, self._announcing):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)


class _FileLock:
    """An exclusive `flock` between worker processes, polled so the event loop never blocks
    and a shutdown never waits on a thread stuck in `flock`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    async def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    await asyncio.sleep(LOCK_POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
