"""`BackgroundEmbedding`: the vectors of changed documents, made after the change answered.

An upload is searchable by keyword as soon as it is committed (`KnowledgeIndex.apply`); its
vectors take a handbook minutes, so they are made here, in one background task per index: embed
what the complete index holds without vectors (in a worker thread), store them in one short
write, then tell the other workers (`KnowledgeIndex.on_change`). Progress, failures and retries
are the index's `state`, as for a build: a failure (a model or service down) is retried with
backoff, the documents staying searchable by keyword meanwhile. A change arriving while it runs
makes it look again before it ends, so one task serves any number of uploads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Protocol

from mcc.knowledge.index import HybridIndex, ProgressCallback
from mcc.logging import get_logger

__all__ = ["BackgroundEmbedding", "EmbeddingHost"]

log = get_logger(__name__)


class EmbeddingHost(Protocol):
    """What the background embedding needs of its `KnowledgeIndex` (a protocol, so that this
    module does not import `indexing`, which imports it)."""

    @property
    def complete(self) -> HybridIndex | None: ...
    def set_stage(self, stage: str) -> None: ...
    def mark_ready(self) -> None: ...
    def track(self, progress: ProgressCallback | None) -> ProgressCallback: ...
    async def back_off(self, error: Exception, event: str, doing: str | None = None) -> None: ...
    async def store_vectors(self, index: HybridIndex, keys: Sequence[str]) -> None: ...
    def notify(self, *, vectors_follow: bool) -> None: ...


class BackgroundEmbedding:
    """The background embedding of one `KnowledgeIndex` (see the module's docstring)."""

    def __init__(self, index: EmbeddingHost) -> None:
        self.index = index
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def request(self, progress: ProgressCallback | None = None) -> None:
        """Embed what has no vectors: start the task, or make the running one look again."""
        self._again = True
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(progress), name="mcc-knowledge-embed")

    async def wait(self) -> None:
        """Until nothing is left to do. A failing embedding is retried, so this waits for it to
        work (or for `close`)."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def close(self) -> None:
        """Stop (a shutdown; a restart embeds what was not stored)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self, progress: ProgressCallback | None) -> None:
        index = self.index
        while self._again:
            self._again = False
            full = index.complete
            waiting = full.keyword_only() if full is not None else []
            if full is None or not waiting:
                continue
            index.set_stage("embedding new documents")
            try:
                embedded = await asyncio.to_thread(full.ensure_vectors, index.track(progress))
            except Exception as error:  # a model or service failing: say so, then try again
                count = f"{len(waiting)} document{'' if len(waiting) == 1 else 's'}"
                await index.back_off(error, "knowledge.embedding_failed", f"embedding {count}")
                self._again = True
                continue
            index.set_stage("storing vectors")
            await index.store_vectors(full, embedded)
            index.mark_ready()
            log.info("knowledge.documents_embedded", documents=len(embedded))
            index.notify(vectors_follow=False)
