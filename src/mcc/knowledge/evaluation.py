"""Retrieval evaluation in the BEIR layout: a corpus, queries, graded relevance judgments.

The unit is the document: each query ranks documents by their best chunk (`HybridIndex.
rank_documents`), as a reader following a citation lands on a document. Metrics follow the BEIR /
trec_eval definitions so that figures compare with published ones: nDCG@10 with linear gains
(``rel / log2(rank + 1)``) and the ideal ranking from all judged documents; Recall@k over documents
judged relevant (score > 0); MRR@10 as 1 / rank of the first relevant document in the top 10.
Only queries that have at least one relevant judgment are evaluated (SciFact's test split is 300 of
the 1,109 queries in queries.jsonl).

Each mode's ``index_seconds`` is the time to build what that mode searches: BM25 alone for
"bm25" (chunking, tokenizing, indexing); chunking plus embedding plus BM25 for "dense" and
"hybrid" (one index serves both). With an embedding cache the embedding time is mostly reading it.
``query_ms_*`` times `rank_documents` per query (top 100), including the query's embedding, after
five untimed warm-up queries (the first queries after a model load are 10x slower).
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, cast

import numpy as np

from mcc.knowledge.embedders import (
    Embedder,
    EmbedderUnavailableError,
    FloatArray,
    default_embedder,
)
from mcc.knowledge.index import (
    CachedEmbedder,
    DocumentInput,
    HybridIndex,
    IndexConfig,
    ProgressCallback,
    SearchMode,
)
from mcc.knowledge.parsing import SUPPORTED_EXTENSIONS, ParsedDocument, parse_file

__all__ = [
    "RESULT_KEYS",
    "Qrels",
    "evaluate_index",
    "load_corpus",
    "load_qrels",
    "load_queries",
    "mrr_at_k",
    "ndcg_at_k",
    "recall_at_k",
    "run_evaluation",
]

Qrels = Mapping[str, Mapping[str, int]]
Result = dict[str, str | int | float]
RESULT_KEYS: Final = (
    "mode",
    "docs",
    "queries",
    "ndcg@10",
    "recall@1",
    "recall@5",
    "recall@10",
    "recall@100",
    "mrr@10",
    "index_seconds",
    "query_ms_p50",
    "query_ms_p95",
)
_DEFAULT: Final = object()


# --- loading ----------------------------------------------------------------------------------


def load_corpus(path: Path) -> list[DocumentInput]:
    """A BEIR ``corpus.jsonl`` (``_id``, ``title``, ``text``) or a folder of documents whose ids
    are their paths relative to the folder (POSIX separators), as the bundled qrels use."""
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
        )
        return [
            DocumentInput(p.relative_to(path).as_posix(), parse_file(p), path=str(p)) for p in files
        ]
    documents = []
    for record in _jsonl(path):
        title, text = str(record.get("title") or ""), str(record.get("text") or "")
        if text.strip() or title.strip():
            doc = ParsedDocument(title=title, text=text or title, format="text")
            documents.append(DocumentInput(str(record["_id"]), doc))
    return documents


def load_queries(path: Path) -> dict[str, str]:
    return {str(r["_id"]): str(r["text"]) for r in _jsonl(path)}


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """A TSV with a header row (``query-id corpus-id score``)."""
    qrels: dict[str, dict[str, int]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) >= 3:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return qrels


def _jsonl(path: Path) -> Iterable[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield cast(dict[str, object], json.loads(line))


# --- metrics ----------------------------------------------------------------------------------


def ndcg_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    if idcg == 0:
        return 0.0
    dcg = sum(max(judged.get(d, 0), 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    return dcg / idcg


def recall_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    relevant = {d for d, g in judged.items() if g > 0}
    return len(relevant.intersection(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k]):
        if judged.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


# --- running ----------------------------------------------------------------------------------


def evaluate_index(
    index: HybridIndex,
    queries: Mapping[str, str],
    qrels: Qrels,
    mode: SearchMode,
    progress: ProgressCallback | None = None,
) -> Result:
    """Metrics of one mode over an index already built; ``index_seconds`` is left to the caller."""
    ids = [q for q in queries if any(g > 0 for g in qrels.get(q, {}).values())]
    for qid in ids[:5]:  # warm-up, untimed: model load, BM25 build, torch's first shapes
        index.rank_documents(queries[qid], 1, mode=mode)
    sums = dict.fromkeys(RESULT_KEYS[3:9], 0.0)
    times: list[float] = []
    for n, qid in enumerate(ids, start=1):
        started = time.perf_counter()
        ranked = [h.document.doc_id for h in index.rank_documents(queries[qid], 100, mode=mode)]
        times.append((time.perf_counter() - started) * 1000)
        judged = qrels[qid]
        sums["ndcg@10"] += ndcg_at_k(ranked, judged, 10)
        for k in (1, 5, 10, 100):
            sums[f"recall@{k}"] += recall_at_k(ranked, judged, k)
        sums["mrr@10"] += mrr_at_k(ranked, judged, 10)
        if progress:
            progress(f"query:{mode}", n, len(ids))
    count = max(len(ids), 1)
    result: Result = {"mode": mode, "docs": len(index), "queries": len(ids)}
    result.update({key: round(value / count, 4) for key, value in sums.items()})
    result["index_seconds"] = 0.0
    result["query_ms_p50"] = round(float(np.percentile(times, 50)), 2) if times else 0.0
    result["query_ms_p95"] = round(float(np.percentile(times, 95)), 2) if times else 0.0
    return result


def run_evaluation(
    corpus: Path | Sequence[DocumentInput],
    queries: Path | Mapping[str, str],
    qrels: Path | Qrels,
    modes: Sequence[SearchMode] = ("bm25", "dense", "hybrid"),
    progress: ProgressCallback | None = None,
    *,
    config: IndexConfig | None = None,
    embedder: Embedder | object | None = _DEFAULT,
    cache_dir: Path | None = None,
) -> list[Result]:
    """Build throw-away indexes over ``corpus`` and return one dict per mode, keys `RESULT_KEYS`.

    ``embedder`` defaults to the local MiniLM; ``cache_dir`` keeps document vectors between runs
    (for tuning; query vectors are never cached, so query times stay honest). Progress stages:
    "embed" (done/total chunks), then "query:<mode>" (done/total queries).
    """
    documents = load_corpus(corpus) if isinstance(corpus, Path) else list(corpus)
    query_texts = load_queries(queries) if isinstance(queries, Path) else dict(queries)
    judgments = load_qrels(qrels) if isinstance(qrels, Path) else qrels
    chosen = default_embedder() if embedder is _DEFAULT else cast(Embedder | None, embedder)
    dense_modes = [m for m in modes if m != "bm25"]
    if dense_modes and chosen is None:
        raise EmbedderUnavailableError(
            f"Modes {dense_modes} need an embedder; the local model is not installed."
        )
    if chosen is not None and cache_dir is not None:
        chosen = _DocumentCache(chosen, cache_dir)

    results: list[Result] = []
    if "bm25" in modes:
        started = time.perf_counter()
        lexical = HybridIndex(None, config)
        lexical.add_documents(documents)
        lexical.rank_documents("warm up", 1, mode="bm25")
        seconds = time.perf_counter() - started
        result = evaluate_index(lexical, query_texts, judgments, "bm25", progress)
        results.append({**result, "index_seconds": round(seconds, 2)})
    if dense_modes:
        started = time.perf_counter()
        hybrid = HybridIndex(chosen, config)
        hybrid.add_documents(documents, progress)
        if isinstance(chosen, CachedEmbedder):
            chosen.flush()
        if not hybrid.dense_available:
            raise EmbedderUnavailableError(f"Dense retrieval is {hybrid.dense_status}.")
        hybrid.rank_documents("warm up", 1, mode="bm25")
        seconds = time.perf_counter() - started
        for mode in dense_modes:
            result = evaluate_index(hybrid, query_texts, judgments, mode, progress)
            results.append({**result, "index_seconds": round(seconds, 2)})
    order = [str(m) for m in modes]
    return sorted(results, key=lambda r: order.index(str(r["mode"])))


class _DocumentCache(CachedEmbedder):
    """Caches document vectors only: a cached query vector would make query_ms a lookup time."""

    def embed_query(self, text: str) -> FloatArray:
        return self.inner.embed_query(text)
