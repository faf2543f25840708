"""`KnowledgeIndex`: the process's search index over the knowledge base, and its state.

A question must never wait for a model, and never get "not covered" because an index is still
empty, so the index comes in two steps:

1. a **keyword** (BM25) index, read from the database and tokenised in a worker thread: tens of
   milliseconds for the bundled playbooks. Searches use it as soon as it exists, and their hits
   say so (`SearchHit.dense_pending`).
2. the **complete** index (BM25 + dense vectors): stored vectors are reused, missing ones are
   embedded in a worker thread (loading the model there too), then it is swapped in and the new
   vectors are stored in their own short write. No transaction is open while anything is
   embedded, so a chat turn holding the write lock can never deadlock with the index.

A start-up build (`start`) runs both steps in the background and retries with backoff when a step
fails (a locked database), recording the reason in `state` meanwhile; it never raises. Without a
start-up build (the CLI, an app driven without its lifespan) a search builds the complete index
itself before answering.

A change (an upload) is searchable by keyword as soon as it is committed: `apply` adds it to the
complete index without vectors and embeds it in the background (`background_embedding`; a
handbook takes minutes), with progress, retries and failures in `state` as for a build. Until
then its passages rank by their keywords among the others, and their hits say so.

Documents may change while an index is built: every committed change bumps a generation counter,
and a build that saw the counter move reads the database again before it is kept. While a bulk
load is announced (`expect_load`, the bundled playbooks on a first start) a search waits for it
(up to `LOAD_WAIT` seconds) instead of keeping an index of zero documents.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Literal

from sqlalchemy.exc import SQLAlchemyError

from mcc.db import Database
from mcc.exceptions import ServiceUnavailableError
from mcc.knowledge.background_embedding import BackgroundEmbedding
from mcc.knowledge.chunking import vector_space
from mcc.knowledge.embedders import Embedder
from mcc.knowledge.index import DocumentInput, HybridIndex, ProgressCallback, SearchHit
from mcc.knowledge.parsing import EmptyDocumentError, ParsedDocument
from mcc.knowledge.repository import KnowledgeRepository
from mcc.logging import get_logger
from mcc.models import KnowledgeDocument

log = get_logger(__name__)
Status = Literal["building", "ready", "failed"]
LOAD_WAIT = 10.0  # seconds a search waits for an announced bulk load (a fast write) to commit
RETRY_FIRST = 0.5
RETRY_MAX = 60.0
NO_EMBEDDER = "no embedder configured (MCC_EMBEDDER=none, or the local model is not installed)"


@dataclass(frozen=True)
class IndexState:
    """What `/readyz`, the Knowledge page and `mcc kb status` report.

    `status` is about the complete index: `building` (searches use the keyword index meanwhile,
    if `search` says so), `ready`, or `failed` (the last attempt's `reason`; a start-up build
    retries). `search` is what a question gets right now: `hybrid`, `keyword` or `waiting`.
    """

    status: Status
    search: Literal["hybrid", "keyword", "waiting"]
    documents: int
    passages: int
    dense: str  # "on", "loading" or "off: <why>"
    stage: str | None = None
    done: int | None = None
    total: int | None = None
    reason: str | None = None
    attempts: int = 0
    retry_in_seconds: float | None = None
    per_second: float | None = None  # embedding throughput so far (passages/s)
    keyword_only: int = 0  # documents searchable by keyword only until they are embedded

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status, "search": self.search, "documents": self.documents,
            "passages": self.passages, "dense": self.dense,
        }  # fmt: skip
        if self.stage:
            data["stage"] = self.stage
        if self.total is not None:
            data["progress"] = {"done": self.done, "total": self.total}
            if self.per_second is not None:
                data["progress"]["perSecond"] = round(self.per_second, 1)
        if self.reason:
            data.update(reason=self.reason, attempts=self.attempts)
        if self.retry_in_seconds is not None:
            data["retryInSeconds"] = round(self.retry_in_seconds, 1)
        if self.keyword_only:
            data["keywordOnly"] = self.keyword_only
        return data

    def describe(self) -> str:
        """One line for a page or a terminal."""
        counts = f"{_count(self.documents, 'document')}, {_count(self.passages, 'passage')}"
        if self.keyword_only:
            counts += f" ({self.keyword_only} found by keyword only until embedded)"
        if self.status == "ready":
            semantic = "on" if self.dense == "on" else self.dense
            semantic = f"semantic search {semantic}"
            return f"Ready: {counts}; {semantic}."
        answering = {
            "keyword": "questions are answered by keyword search meanwhile",
            "hybrid": "questions are answered meanwhile",
            "waiting": "questions wait for the documents",
        }[self.search]
        if self.status == "failed":
            retry = (
                f"; retrying in {self.retry_in_seconds:.0f} s"
                if self.retry_in_seconds is not None else ""
            )  # fmt: skip
            return f"Index build failed ({self.reason}){retry}; {answering}."
        step = self.stage or "starting"
        if self.total:
            step += f" {self.done}/{self.total}"
        if self.per_second:
            step += f", {self.per_second:.0f} passages/s"
        return f"Building the index ({step}); {counts} so far; {answering}."


def _input(document: KnowledgeDocument, vectors: object = None) -> DocumentInput:
    parsed = ParsedDocument(title=document.title, text=document.text, metadata=dict(document.meta))
    return DocumentInput(
        document.key, parsed, category=document.category, path=document.key,
        version=f"v{document.version}", vectors=vectors,  # type: ignore[arg-type]
    )  # fmt: skip


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _reason(error: BaseException) -> str:
    text = " ".join(str(getattr(error, "orig", None) or error).split())
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


class KnowledgeIndex:
    """The process's search index over the knowledge base (one per app or CLI command)."""

    def __init__(
        self, db: Database, embedder: Embedder | None, *, retry_first: float = RETRY_FIRST,
    ) -> None:  # fmt: skip
        self.db = db
        self.embedder = embedder
        self.retry_first = retry_first
        self._full: HybridIndex | None = None  # complete: BM25 + dense (or BM25 by design)
        self._keyword: HybridIndex | None = None  # BM25 only, while the complete one builds
        self._full_lock = asyncio.Lock()
        self._keyword_lock = asyncio.Lock()
        self._generation = 0  # bumped by every committed change
        self._loads = 0
        self._settled = asyncio.Event()
        self._settled.set()
        self._task: asyncio.Task[None] | None = None
        self._status: Status = "building"
        self._stage: str | None = "waiting for the first search"
        self._progress: tuple[int, int] | None = None
        self._progress_since: tuple[str, float] | None = None  # the stage, when it began
        self._reason: str | None = None
        self._attempts = 0
        self._retry_at: float | None = None
        self._embedding = BackgroundEmbedding(self)
        # Called when a change is in the index (with True while its vectors are still being
        # made), and again once they are stored: `mcc serve --workers N` tells the other worker
        # processes, whose indexes then `refresh` from the database.
        self.on_change: Callable[[bool], None] | None = None

    # -- state ----------------------------------------------------------------------------------

    @property
    def state(self) -> IndexState:
        serving = self._full if self._full is not None else self._keyword  # (empty is falsy)
        if self.embedder is None:
            dense = f"off: {NO_EMBEDDER}"
        elif self._full is not None:
            dense = "on" if self._full.dense_available else f"off: {self._full.dense_status}"
        else:
            dense = "loading"
        search: Literal["hybrid", "keyword", "waiting"] = (
            "hybrid" if self._full is not None and self._full.dense_available
            else "keyword" if serving is not None else "waiting"
        )  # fmt: skip
        retry = None if self._retry_at is None else max(0.0, self._retry_at - time.monotonic())
        done, total = self._progress or (None, None)
        return IndexState(
            self._status, search, len(serving) if serving is not None else 0,
            serving.chunk_count if serving is not None else 0, dense, self._stage, done, total,
            self._reason, self._attempts, retry, self._per_second(),
            len(self._full.keyword_only()) if self._full is not None else 0,
        )  # fmt: skip

    @property
    def dense_status(self) -> str:
        """One phrase about semantic search, for pages and the CLI."""
        dense = self.state.dense
        if dense == "on":
            return "available"
        return "loading: keyword search meanwhile" if dense == "loading" else dense

    def _set(self, status: Status, stage: str | None) -> None:
        self._status, self._stage, self._progress = status, stage, None
        self._progress_since = None

    def set_stage(self, stage: str) -> None:
        """Building, at `stage` (its progress starts over)."""
        self._set("building", stage)

    def mark_ready(self) -> None:
        self._set("ready", None)
        self._reason, self._attempts = None, 0

    @property
    def complete(self) -> HybridIndex | None:
        """The complete index, once built (None before)."""
        return self._full

    def _per_second(self) -> float | None:
        """Passages embedded per second in the current embedding stage (None before any)."""
        if self._progress is None or self._progress_since is None:
            return None
        stage, began = self._progress_since
        elapsed = time.monotonic() - began
        done = self._progress[0]
        return done / elapsed if stage == "embed" and done and elapsed > 0 else None

    def track(self, progress: ProgressCallback | None) -> ProgressCallback:
        """Record embedding progress for `state` (called from the worker thread)."""

        def update(stage: str, done: int, total: int) -> None:
            if self._progress_since is None or self._progress_since[0] != stage:
                self._progress_since = (stage, time.monotonic())
            self._progress = (done, total)
            if progress is not None:
                progress(stage, done, total)

        return update

    # -- start-up -------------------------------------------------------------------------------

    def expect_load(self) -> None:
        """Announce a bulk load (e.g. the bundled playbooks) before any search can run: searches
        wait for `load_done` (or `LOAD_WAIT`) instead of indexing a half-empty database."""
        self._loads += 1
        self._settled.clear()

    def load_done(self) -> None:
        self._loads = max(0, self._loads - 1)
        if self._loads == 0:
            self._settled.set()

    def start(self, first: Callable[[], Awaitable[None]] | None = None) -> asyncio.Task[None]:
        """Build in the background (once): `first` (e.g. loading the bundled playbooks), then
        the keyword index, then the complete one. Searches use what is ready meanwhile."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(first), name="mcc-knowledge-index")
        return self._task

    async def _run(self, first: Callable[[], Awaitable[None]] | None) -> None:
        pending = first
        while True:
            try:
                if pending is not None:
                    self._set("building", "loading documents")
                    await pending()
                    pending = None
                    self._finish_announced_load()
                if self.embedder is not None:  # else the complete index is the keyword one
                    await self._keyword_index()
                await self.index()
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:  # anything: the app stays up and says why, then retries
                await self.back_off(error, "knowledge.index_failed")

    async def back_off(self, error: Exception, event: str, doing: str | None = None) -> None:
        """Report a failed attempt in `state` (and the log as `event`), then wait before the
        next: 0.5 s doubling to 60 s."""
        self._attempts += 1
        delay = min(self.retry_first * 2 ** (self._attempts - 1), RETRY_MAX)
        self._status = "failed"
        self._reason = f"{doing}: {_reason(error)}" if doing else _reason(error)
        self._retry_at = time.monotonic() + delay
        log.warning(event, reason=self._reason, attempt=self._attempts, retry_in=delay)
        await asyncio.sleep(delay)
        self._retry_at = None

    def _finish_announced_load(self) -> None:
        if not self._settled.is_set():
            self.load_done()

    # -- building -------------------------------------------------------------------------------

    async def index(self, progress: ProgressCallback | None = None) -> HybridIndex:
        """The complete index, built now if needed (stored vectors reused, the rest embedded)."""
        if self._full is not None:
            return self._full
        async with self._full_lock:
            if self._full is not None:
                return self._full
            await self._wait_for_load()
            index = HybridIndex(embedder=self.embedder)
            self._set("building", "semantic index" if self.embedder else "keyword index")
            try:
                embedded = await self._sync(index, self.track(progress), with_vectors=True)
            except BaseException as error:
                if not isinstance(error, asyncio.CancelledError):
                    self._status, self._reason = "failed", _reason(error)
                raise
            self._full = index  # no await since _sync's last generation check: nothing missed
            self._keyword = None  # searches use the complete index from now on
            if embedded and index.dense_available:
                self.set_stage("storing vectors")
                await self.store_vectors(index, embedded)
            await asyncio.to_thread(index.warm_up)  # the first question need not load a model
            self.mark_ready()
            log.info("knowledge.index_built", documents=len(index), passages=index.chunk_count,
                     embedded=len(embedded), dense=index.dense_status)  # fmt: skip
            return index

    async def try_build(self, progress: ProgressCallback | None = None) -> IndexState:
        """Build the complete index once; a failure is reported in the state, not raised."""
        try:
            await self.index(progress)
        except Exception as error:  # the caller shows the state, as /readyz does
            self._attempts += 1
            log.info("knowledge.index_failed", reason=_reason(error), attempt=self._attempts)
        return self.state

    async def _keyword_index(self) -> HybridIndex:
        if self._keyword is not None:
            return self._keyword
        settled = await self._wait_for_load()
        async with self._keyword_lock:
            if self._full is not None:
                return self._full
            if self._keyword is None:
                if self._status != "failed":
                    self._stage = "keyword index"
                index = HybridIndex(embedder=None)
                await self._sync(index, None, with_vectors=False)
                if not settled:  # a load is still running: answer from what is there, keep none
                    return index
                self._keyword = index
                log.info("knowledge.keyword_index_built", documents=len(index))
            return self._keyword

    async def _wait_for_load(self) -> bool:
        """True once no announced load is running (False: waited `LOAD_WAIT` in vain, or the
        load is failing and being retried, so waiting would not help)."""
        if self._status == "failed":
            return self._settled.is_set()
        try:
            await asyncio.wait_for(self._settled.wait(), LOAD_WAIT)
        except TimeoutError:
            return False
        return True

    async def _sync(
        self, index: HybridIndex, progress: ProgressCallback | None, *, with_vectors: bool,
        embed: bool = True,
    ) -> list[str]:  # fmt: skip
        """Make `index` match the database; the keys embedded now (their vectors to store).
        Without `embed`, documents without stored vectors are added for keyword search only.

        Reads in a short read-only unit of work, then indexes with none open. Repeats while
        changes were committed meanwhile, re-indexing only what changed (or what has stored
        vectors now that another process embedded it)."""
        embedded: list[str] = []
        while True:
            generation = self._generation
            async with self.db.read() as session:
                repository = KnowledgeRepository(session)
                documents = list(await repository.all())
                vectors = (
                    await repository.vectors(vector_space(self.embedder.name))
                    if with_vectors and self.embedder else {}
                )  # fmt: skip
            have = {info.doc_id: info.version for info in index.documents()}
            wanted = {document.key for document in documents}
            for key in set(have) - wanted:
                index.remove_document(key)
            embedded_elsewhere = set(index.keyword_only()) & set(vectors)
            items = [
                _input(document, vectors.get(document.key))
                for document in documents
                if have.get(document.key) != f"v{document.version}"
                or document.key in embedded_elsewhere
            ]
            while items:
                try:
                    await asyncio.to_thread(
                        partial(index.add_documents, items, progress, embed=embed)
                    )
                except EmptyDocumentError as error:
                    # A heading-only document stored before ingest refused them: leave it out,
                    # so one bad document never takes search down for all (it was DOCUMENT_EMPTY
                    # for every question, across restarts). `mcc kb remove KEY` clears it.
                    log.warning("knowledge.document_skipped", key=error.filename,
                                reason=error.message)  # fmt: skip
                    items = [item for item in items if item.doc_id != error.filename]
                    continue
                if embed:
                    embedded += [item.doc_id for item in items if item.vectors is None]
                break
            if generation == self._generation:
                return embedded

    # -- changes --------------------------------------------------------------------------------

    async def apply(
        self, changed: Sequence[KnowledgeDocument], removed: Sequence[str],
        progress: ProgressCallback | None = None,
    ) -> None:  # fmt: skip
        """Bring the built indexes up to date with committed changes: when this returns, a
        changed document is searchable by keyword; its vectors are made in the background.

        A build in progress sees the generation move and reads the database again, so nothing
        is lost. No lock is held while embedding: `HybridIndex` swaps documents in atomically.
        """
        self._generation += 1
        keyword, full = self._keyword, self._full
        for index in (keyword, full):
            if index is None:
                continue
            for key in removed:
                index.remove_document(key)
        inputs = [_input(document) for document in changed]
        if keyword is not None and inputs:
            await asyncio.to_thread(keyword.add_documents, inputs)
        if full is not None and inputs:
            await asyncio.to_thread(partial(full.add_documents, inputs, embed=False))
        waiting = full is not None and bool(full.keyword_only())
        if waiting:
            self._embedding.request(progress)
        self.notify(vectors_follow=waiting)

    async def wait_for_vectors(self) -> None:
        """Until the background embedding has nothing left to do. A failing embedding is
        retried, so this waits for it to work (or for `close`)."""
        await self._embedding.wait()

    def notify(self, *, vectors_follow: bool) -> None:
        """Tell the other workers (`on_change`) that the knowledge base changed."""
        if self.on_change is not None:
            self.on_change(vectors_follow)

    async def refresh(self, *, embed: bool = True) -> None:
        """Catch up with changes another process committed: read the database into the built
        indexes again, reusing the vectors that process stored. With `embed` (its vectors are
        not coming: it could not store them), what has no vectors is embedded here, in the
        background, and stored; without, it is searchable by keyword until they come."""
        self._generation += 1  # a build in progress reads the database again too
        keyword, full = self._keyword, self._full
        if keyword is not None:
            await self._sync(keyword, None, with_vectors=False)
        if full is not None:
            await self._sync(full, None, with_vectors=True, embed=False)
            if embed and full.keyword_only():
                self._embedding.request()

    async def close(self) -> None:
        """Stop the background embedding (a shutdown; a restart embeds what was not stored)."""
        await self._embedding.close()

    async def store_vectors(self, index: HybridIndex, keys: Sequence[str]) -> None:
        """Store new vectors in one short write, so a restart embeds nothing. Best effort: if
        the database refuses (locked), the index works anyway and a later start embeds again."""
        if self.embedder is None or not index.dense_available or not keys:
            return
        matrices = {key: index.document_vectors(key) for key in keys}
        try:
            async with self.db.write() as session:
                repository = KnowledgeRepository(session)
                for key, matrix in matrices.items():
                    document = await repository.get(key)
                    if matrix is not None and document is not None:
                        await repository.store_vectors(
                            document, vector_space(self.embedder.name), matrix
                        )
        except SQLAlchemyError as error:
            log.warning("knowledge.vectors_not_stored", reason=_reason(error), documents=len(keys))

    # -- searching ------------------------------------------------------------------------------

    async def search(self, text: str, k: int, category: str | None) -> list[SearchHit]:
        """Hits from the complete index, or from the keyword index while a background build
        runs (each hit then has `dense_pending`); never an error because the index is young."""
        try:
            index, pending = await self._searchable()
        except SQLAlchemyError as error:
            log.info("knowledge.search_unavailable", reason=_reason(error))  # the error says it
            raise ServiceUnavailableError(
                "The knowledge base can't be read right now; try again in a moment"
            ) from error
        # A question asked before (most are) is answered from the index's cache on the loop:
        # no hop through the thread pool, where 200 users' turns queue behind each other.
        hits = index.cached_search(text, k, category=category)
        if hits is None:
            hits = await asyncio.to_thread(index.search, text, k, category=category)
        return [replace(hit, dense_pending=True) for hit in hits] if pending else hits

    async def _searchable(self) -> tuple[HybridIndex, bool]:
        if self._full is not None:
            return self._full, False
        if self._task is None:  # nobody builds in the background: build it all now
            return await self.index(), False
        keyword = await self._keyword_index()
        full = self._full
        if full is not None:
            return full, False
        return keyword, self.embedder is not None
