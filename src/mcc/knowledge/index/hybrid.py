"""`HybridIndex`: chunks of documents, searchable by BM25, dense vectors, or both fused.

Fusion: a convex combination of normalised scores, chosen over reciprocal rank fusion by
measurement (benchmarks/kb_tune_scifact.py, SciFact **train**, 809 queries, nDCG@10; document
score = its best chunk's score):

    chunks of 1,000 chars / 150 overlap       BM25 0.696   dense 0.682
      RRF  k=10 depth=1000 (best RRF)          0.727       (k=60, the usual default: 0.721)
      convex alpha=0.5 depth=1000 (chosen)     0.739       (alpha 0.4: 0.737, 0.6: 0.738)
    whole abstracts as one chunk              BM25 0.697   dense 0.660
      RRF best 0.722; convex best 0.734 (alpha 0.6)

RRF throws the score gaps away: a chunk far ahead on BM25 counts the same as a near tie. The
convex form keeps them (``alpha * bm25/max + (1 - alpha) * min-max(cosine)``, each over its own
top 1,000 candidates). BM25 k1=1.2, b=0.75 (Lucene IDF) was best or within 0.001 on the k1 x b
grid; 1,000-character chunks beat whole documents for the dense side (0.682 vs 0.660).
On SciFact **test** (300 queries, run once with these settings, benchmarks/kb_scifact.py):
BM25 0.680, dense 0.666, hybrid 0.731 nDCG@10 (published: BM25 0.665-0.690, MiniLM dense 0.645,
bge-small 0.713). On the bundled playbook questions (not tuned on): BM25 0.914, dense 0.919,
hybrid 0.962 nDCG@10, hybrid Recall@5 0.978.

Contracts:

- Documents are added and removed one by one or in batches; a replaced document re-embeds only the
  chunks whose embedded text changed (vectors are keyed by a hash of `Chunk.embedded_text`, so a
  text that occurs twice is embedded once), and the BM25 side (`Chunk.indexed_text`) is rebuilt
  lazily on the next search (milliseconds).
- A document may be added before it is embedded (``add_documents(..., embed=False)``, what an
  upload does: embedding a handbook takes minutes). It is searchable by keyword at once; until
  `ensure_vectors` has embedded it, a hybrid search ranks its chunks by their BM25 side alone in
  the fused list (see `mcc.knowledge.index.fusion`) and marks those hits ``dense_pending``.
- Without an embedder, or when the local model turns out not to be installed, the index searches
  with BM25 alone and says so with ``dense_available=False``; "hybrid" then means BM25, and
  "dense" raises `EmbedderUnavailableError`.
- The answers of recent questions are kept (an LRU keyed by the normalised question, ``k``, mode
  and category) until the documents or the settings change: the next search after a change
  rebuilds and starts an empty cache, so an upload changes the answer at once. Query vectors are
  kept too (they depend on the question and the model only). Many people ask the same questions.
- The index holds no database code. It persists as one blob (`to_bytes`/`from_bytes`, `save`/
  `load`), or a caller stores each document's vectors (`document_vectors`) and passes them back to
  `add_document` so that nothing is embedded again on start-up. Either way they are filed under
  `vector_space` (the embedder and the passage recipe): vectors of another recipe are not reused.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import numpy as np
import structlog

from mcc.exceptions import ValidationError
from mcc.knowledge.chunking import Chunk, chunk_text, vector_space
from mcc.knowledge.embedders import (
    Embedder,
    EmbedderError,
    EmbedderUnavailableError,
    FloatArray,
    normalise_rows,
)
from mcc.knowledge.index.bm25 import BM25Scorer, Tokenizer
from mcc.knowledge.index.cache import LRUCache, normalise_query
from mcc.knowledge.index.dense import ProgressCallback, embed_batched, text_key
from mcc.knowledge.index.fusion import convex_fusion, reciprocal_rank_fusion
from mcc.knowledge.index.models import (
    DocumentHit,
    DocumentInfo,
    DocumentInput,
    IndexConfig,
    SearchHit,
    SearchMode,
)
from mcc.knowledge.index.snippets import best_snippet
from mcc.knowledge.index.store import dump_index, load_index
from mcc.knowledge.parsing import EmptyDocumentError, ParsedDocument

__all__ = ["HybridIndex"]

_log = structlog.get_logger(__name__)
RESULTS_CACHED = 1024  # recent questions' answers per index (a few hundred bytes each)
QUERY_VECTORS_CACHED = 4096  # recent questions' vectors (1.5 KB each for MiniLM)
_ResultKey = tuple[str, int, str, frozenset[str] | None]


@dataclass
class _Entry:
    info: DocumentInfo
    chunks: list[Chunk]
    tokens: list[list[str]]
    keys: list[str]
    vectors: FloatArray | None


class HybridIndex:
    def __init__(self, embedder: Embedder | None = None, config: IndexConfig | None = None) -> None:
        self.config = config or IndexConfig()
        self.embedder = embedder
        self.tokenizer = Tokenizer()
        self._dense_error: str | None = None if embedder else "no embedder configured"
        self._docs: dict[str, _Entry] = {}
        self._lock = threading.RLock()
        self._built = False
        self._chunks: list[Chunk] = []
        self._owners: list[_Entry] = []
        self._starts = np.zeros(0, dtype=np.intp)
        self._categories: dict[str | None, int] = {}
        self._category_codes = np.zeros(0, dtype=np.int32)
        self._bm25 = BM25Scorer([])
        self._matrix: FloatArray | None = None
        self._embedded = np.zeros(0, dtype=bool)  # per chunk: has a row in `_matrix`
        self._results: LRUCache[_ResultKey, list[SearchHit]] = LRUCache(RESULTS_CACHED)
        self._query_vectors: LRUCache[str, FloatArray] = LRUCache(QUERY_VECTORS_CACHED)

    # --- state ------------------------------------------------------------------------------

    @property
    def dense_available(self) -> bool:
        return self.embedder is not None and self._dense_error is None

    @property
    def dense_status(self) -> str:
        return "available" if self.dense_available else f"unavailable: {self._dense_error}"

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    @property
    def chunk_count(self) -> int:
        return sum(len(entry.chunks) for entry in list(self._docs.values()))

    def documents(self) -> list[DocumentInfo]:
        return [entry.info for entry in list(self._docs.values())]

    def chunks(self, doc_id: str) -> list[Chunk]:
        entry = self._docs.get(doc_id)
        return list(entry.chunks) if entry else []

    def document_vectors(self, doc_id: str) -> FloatArray | None:
        """The document's chunk vectors (rows in chunk order), to store and pass back later."""
        entry = self._docs.get(doc_id)
        return None if entry is None or entry.vectors is None else entry.vectors.copy()

    # --- changes ----------------------------------------------------------------------------

    def add_document(
        self,
        doc_id: str,
        document: ParsedDocument,
        *,
        category: str | None = None,
        path: str | None = None,
        version: str | None = None,
        vectors: FloatArray | None = None,
    ) -> DocumentInfo:
        item = DocumentInput(doc_id, document, category, path, version, vectors)
        return self.add_documents([item])[0]

    def add_documents(
        self, items: Sequence[DocumentInput], progress: ProgressCallback | None = None,
        *, embed: bool = True,
    ) -> list[DocumentInfo]:  # fmt: skip
        """Add or replace documents, all or nothing: a bad document raises before the index
        changes. With `embed`, so does an embedding failure (embedding runs outside the lock so
        searches go on). Without it the documents are searchable by keyword at once, with the
        vectors of chunks embedded before; `ensure_vectors` embeds the rest later."""
        entries = [self._prepare(item) for item in items]
        if self.dense_available:
            with self._lock:
                known = self._known_vectors()
            if embed:
                self._embed_missing(entries, known, progress)
            else:
                _reuse_known(entries, known)
        with self._lock:
            for entry in entries:
                self._docs[entry.info.doc_id] = entry
            self._built = False
        return [entry.info for entry in entries]

    def configure(self, config: IndexConfig) -> None:
        """Swap the configuration: BM25 and fusion settings apply from the next search;
        chunking settings apply to documents added from now on."""
        with self._lock:
            self.config = config
            self._built = False

    def remove_document(self, doc_id: str) -> bool:
        with self._lock:
            removed = self._docs.pop(doc_id, None) is not None
            self._built = self._built and not removed
            return removed

    def keyword_only(self) -> list[str]:
        """Documents searchable by keyword only: added without embedding, not embedded yet."""
        if not self.dense_available:
            return []
        return [key for key, entry in list(self._docs.items()) if entry.vectors is None]

    def ensure_vectors(self, progress: ProgressCallback | None = None) -> list[str]:
        """Embed the documents that have no vectors (added with ``embed=False``, or loaded under
        another embedder's name); the ids embedded. An embedding failure raises and leaves them
        searchable by keyword. A document replaced or removed meanwhile keeps its new state."""
        if not self.dense_available:
            return []
        with self._lock:
            pending = [e for e in self._docs.values() if e.vectors is None and e.chunks]
            known = self._known_vectors()
        if not pending:
            return []
        self._embed_missing(pending, known, progress)
        with self._lock:
            self._built = False
            current = [e for e in pending if self._docs.get(e.info.doc_id) is e]
            return [e.info.doc_id for e in current if e.vectors is not None]

    def _prepare(self, item: DocumentInput) -> _Entry:
        doc = item.document
        if not item.doc_id.strip():
            raise ValidationError("A document needs a non-empty id.", {"doc_id": "empty"})
        chunks = chunk_text(item.doc_id, doc.title, doc.text, self.config.chunking)
        if not chunks:
            raise EmptyDocumentError(f"{item.doc_id} has no text to index.", item.doc_id)
        version = item.version or text_key(f"{doc.title}\n{doc.text}")[:16]
        info = DocumentInfo(
            item.doc_id, doc.title, version, item.category or doc.category, item.path, doc.metadata
        )
        vectors = item.vectors
        if vectors is not None and (vectors.ndim != 2 or vectors.shape[0] != len(chunks)):
            vectors = None  # stored for another chunking: re-embed rather than misalign
        return _Entry(info, chunks, self._tokens(chunks), _keys(chunks), vectors)

    def _tokens(self, chunks: Sequence[Chunk]) -> list[list[str]]:
        return [self.tokenizer(c.indexed_text) for c in chunks]

    def _known_vectors(self) -> dict[str, FloatArray]:
        known: dict[str, FloatArray] = {}
        for entry in self._docs.values():
            if entry.vectors is not None:
                known.update(zip(entry.keys, entry.vectors, strict=True))
        return known

    def _embed_missing(
        self,
        entries: Sequence[_Entry],
        known: dict[str, FloatArray],
        progress: ProgressCallback | None,
    ) -> None:
        todo = {
            key: chunk.embedded_text
            for entry in entries
            if entry.vectors is None
            for key, chunk in zip(entry.keys, entry.chunks, strict=True)
            if key not in known
        }
        assert self.embedder is not None
        if todo:
            try:
                made = embed_batched(
                    self.embedder,
                    list(todo.values()),
                    batch_size=self.config.embed_batch_size,
                    progress=progress,
                )
            except EmbedderUnavailableError as exc:
                self._disable_dense(exc)
                return
            known = {**known, **dict(zip(todo, made, strict=True))}
        for entry in entries:
            if entry.vectors is None:
                entry.vectors = np.stack([known[k] for k in entry.keys])

    def _disable_dense(self, exc: Exception) -> None:
        self._dense_error = str(exc)
        _log.warning("knowledge.dense_unavailable", error=str(exc))

    # --- search -----------------------------------------------------------------------------

    def _ensure_built(self) -> None:
        if self._built:
            return
        entries = [e for e in self._docs.values() if e.chunks]
        self._chunks = [c for e in entries for c in e.chunks]
        self._owners = [e for e in entries for _ in e.chunks]
        self._starts = np.cumsum([0] + [len(e.chunks) for e in entries[:-1]]).astype(np.intp)
        self._categories = {}
        codes = [
            self._categories.setdefault(o.info.category, len(self._categories))
            for o in self._owners
        ]
        self._category_codes = np.asarray(codes, dtype=np.int32)
        self._bm25 = BM25Scorer([t for e in entries for t in e.tokens], self.config.bm25)
        self._results.clear()  # answers given before this change may be wrong now
        vectors = [(len(e.chunks), e.vectors if self.dense_available else None) for e in entries]
        self._matrix, self._embedded = _dense_matrix(vectors)
        self._built = True

    def _mask(self, category: str | Collection[str] | None) -> np.ndarray | None:
        if category is None:
            return None
        wanted = {category} if isinstance(category, str) else set(category)
        codes = [code for name, code in self._categories.items() if name in wanted]
        return np.isin(self._category_codes, codes)

    def _scores(
        self, query: str, tokens: list[str], mode: SearchMode,
        category: str | Collection[str] | None,
    ) -> tuple[FloatArray, FloatArray, FloatArray | None]:  # fmt: skip
        """(ranking scores, bm25 scores, dense scores or None); ``-inf`` where filtered out.

        `tokens` is the query already tokenised: the caller needs them for snippets too."""
        if mode not in get_args(SearchMode):
            raise ValidationError(f"Unknown search mode {mode!r}.", {"mode": "bm25|dense|hybrid"})
        mask = self._mask(category)
        bm25 = self._bm25.scores(tokens)
        if mask is not None:
            bm25 = np.where(mask, bm25, -np.inf).astype(np.float32)
        dense: FloatArray | None = None
        if mode != "bm25" and self._matrix is not None and self.embedder is not None:
            try:
                vector = self._query_vector(query)
                searchable = np.isfinite(bm25) & self._embedded
                dense = np.where(searchable, self._matrix @ vector, -np.inf)
            except EmbedderError as exc:
                if mode == "dense":
                    raise
                _log.warning("knowledge.query_embedding_failed", error=str(exc))
        if mode == "dense":
            if dense is None:
                status = self.dense_status if not self.dense_available else "not embedded yet"
                raise EmbedderUnavailableError(f"Dense search is {status}.")
            return dense, bm25, dense
        if mode == "bm25" or dense is None:
            return bm25, bm25, None
        fuse = convex_fusion if self.config.fusion.method == "convex" else reciprocal_rank_fusion
        keyword_only = None if self._embedded.all() else ~self._embedded
        return fuse(bm25, dense, self.config.fusion, keyword_only), bm25, dense

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (ONNX's query session: 0.5 s)."""
        if self.dense_available and self.embedder is not None:
            try:
                self.embedder.embed_query("warm up")
            except EmbedderError as exc:  # the first real question will say so, or fall back
                _log.info("knowledge.warm_up_failed", error=str(exc))

    def _query_vector(self, query: str) -> FloatArray:
        assert self.embedder is not None
        key = normalise_query(query)
        vector = self._query_vectors.get(key)
        if vector is None:
            vector = normalise_rows(self.embedder.embed_query(query))[0]
            self._query_vectors.put(key, vector)
        return vector

    def cached_search(
        self,
        query: str,
        k: int = 5,
        *,
        mode: SearchMode = "hybrid",
        category: str | Collection[str] | None = None,
    ) -> list[SearchHit] | None:
        """`search`'s answer if it is cached and still valid, else None; never waits nor
        computes, so an event loop may call it directly (a miss goes to a worker thread)."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if not self._built:
                return None
            hits = self._results.get(_result_key(query, k, mode, category))
            return None if hits is None else list(hits)
        finally:
            self._lock.release()

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        mode: SearchMode = "hybrid",
        category: str | Collection[str] | None = None,
    ) -> list[SearchHit]:
        """The best ``k`` chunks, best first. Chunks that match nothing (no query term for BM25,
        no candidate for hybrid) are not returned, so an empty list means "no answer here"."""
        if k < 1:
            raise ValidationError("k must be at least 1.", {"k": "must be ≥ 1"})
        with self._lock:
            self._ensure_built()
            key = _result_key(query, k, mode, category)
            cached = self._results.get(key)
            if cached is not None:
                return list(cached)
            hits, complete = self._search(query, k, mode, category)
            if complete:
                self._results.put(key, hits)
            return list(hits)

    def _search(
        self, query: str, k: int, mode: SearchMode, category: str | Collection[str] | None
    ) -> tuple[list[SearchHit], bool]:
        tokens = self.tokenizer(query)
        scores, bm25, dense = self._scores(query, tokens, mode, category)
        floor = -np.inf if mode == "dense" else 0.0
        order = [i for i in _top(scores, k) if scores[i] > floor]
        weights = {s: self._bm25.idf(s) for s in set(tokens)}
        # A chunk not embedded yet was ranked by its keywords: its hit says so.
        pending = self.dense_available and mode != "bm25"
        hits = [
            SearchHit(
                rank=rank,
                score=float(scores[i]),
                bm25_score=max(float(bm25[i]), 0.0),
                dense_score=None if dense is None or not self._embedded[i] else float(dense[i]),
                chunk=self._chunks[i],
                document=self._owners[i].info,
                snippet=best_snippet(
                    self._chunks[i].text, weights, self.tokenizer, self.config.snippet_chars
                ),
                mode="bm25" if dense is None or not self._embedded[i] else mode,
                dense_pending=pending and not self._embedded[i],
            )
            for rank, i in enumerate(order, start=1)
        ]
        # A hybrid search that lost its dense side (the query embedding failed) is no answer to
        # keep: the next one may have it.
        complete = mode == "bm25" or dense is not None or not self.dense_available
        return hits, complete

    def rank_documents(
        self,
        query: str,
        k: int = 10,
        *,
        mode: SearchMode = "hybrid",
        category: str | Collection[str] | None = None,
    ) -> list[DocumentHit]:
        """Documents ranked by their best chunk's score (evaluation's unit is the document)."""
        with self._lock:
            self._ensure_built()
            if not self._chunks:
                return []
            scores, _, _ = self._scores(query, self.tokenizer(query), mode, category)
            per_doc = np.maximum.reduceat(scores, self._starts)
            best = np.concatenate([self._starts[1:], [len(scores)]])
            hits = []
            for d in _top(per_doc, k):
                if not np.isfinite(per_doc[d]):
                    break
                lo, hi = int(self._starts[d]), int(best[d])
                chunk = self._chunks[lo + int(np.argmax(scores[lo:hi]))]
                hits.append(DocumentHit(self._owners[lo].info, float(per_doc[d]), chunk))
            return hits

    # --- persistence --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        with self._lock:
            records = [(e.info, e.chunks, e.vectors) for e in self._docs.values()]
        return dump_index(records, vector_space(self.embedder.name) if self.embedder else None)

    @classmethod
    def from_bytes(
        cls, data: bytes, embedder: Embedder | None = None, config: IndexConfig | None = None
    ) -> HybridIndex:
        """Vectors are kept only if they were made in the same `vector_space` (embedder and
        passage recipe); the others wait for `ensure_vectors`."""
        index = cls(embedder, config)
        name, records = load_index(data)
        same_space = embedder is not None and name == vector_space(embedder.name)
        for info, chunks, vectors in records:
            index._docs[info.doc_id] = _Entry(
                info, chunks, index._tokens(chunks), _keys(chunks), vectors if same_space else None
            )
        return index

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(self.to_bytes())
        tmp.replace(path)

    @classmethod
    def load(
        cls, path: Path, embedder: Embedder | None = None, config: IndexConfig | None = None
    ) -> HybridIndex:
        return cls.from_bytes(path.read_bytes(), embedder, config)


def _result_key(
    query: str, k: int, mode: str, category: str | Collection[str] | None
) -> _ResultKey:
    categories = None if category is None else frozenset(
        [category] if isinstance(category, str) else category
    )  # fmt: skip
    return normalise_query(query), k, mode, categories


def _keys(chunks: Sequence[Chunk]) -> list[str]:
    return [text_key(c.embedded_text) for c in chunks]


def _reuse_known(entries: Sequence[_Entry], known: dict[str, FloatArray]) -> None:
    """Give an entry the vectors of its chunks if every one was embedded before (a document
    re-added unchanged, or moved to another category); the others wait for `ensure_vectors`."""
    for entry in entries:
        if entry.vectors is None and all(key in known for key in entry.keys):
            entry.vectors = np.stack([known[key] for key in entry.keys])


def _dense_matrix(
    blocks: Sequence[tuple[int, FloatArray | None]],
) -> tuple[FloatArray | None, np.ndarray]:
    """Every chunk's vector in one matrix, from (chunk count, vectors or None) per document in
    chunk order, with zero rows for documents not embedded yet; and which rows are real.
    No matrix while no document has vectors."""
    embedded = np.zeros(sum(count for count, _ in blocks), dtype=bool)
    dimensions = next((vectors.shape[1] for _, vectors in blocks if vectors is not None), None)
    if dimensions is None:
        return None, embedded
    matrix = np.zeros((embedded.size, dimensions), dtype=np.float32)
    row = 0
    for count, vectors in blocks:
        if vectors is not None:
            matrix[row : row + count] = vectors
            embedded[row : row + count] = True
        row += count
    return matrix, embedded


def _top(scores: np.ndarray, k: int) -> list[int]:
    if scores.size == 0:
        return []
    k = min(k, scores.size)
    part = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]
