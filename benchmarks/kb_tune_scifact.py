"""Tune retrieval settings on SciFact **train** (never test): chunk size, BM25 k1/b, fusion.

    .venv/bin/python benchmarks/kb_tune_scifact.py [--cache-dir /tmp/mcc-kb-cache] [--bm25-only]

Prints nDCG@10 / Recall@100 for every setting tried, then the best per family. The chosen values
are the defaults of `BM25Config`, `ChunkingConfig` and `FusionConfig`; the figures are quoted in
`mcc.knowledge.index.hybrid`. Embeddings (documents and queries) are cached in ``--cache-dir``
(outside the repository) so that a rerun takes a few minutes instead of half an hour.
Reads ../shared/evaldata/scifact (or $MCC_EVALDATA/scifact); skips when it is absent.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from mcc.knowledge.chunking import ChunkingConfig
from mcc.knowledge.embedders import default_embedder
from mcc.knowledge.evaluation import evaluate_index, load_corpus, load_qrels, load_queries
from mcc.knowledge.index import BM25Config, CachedEmbedder, FusionConfig, HybridIndex, IndexConfig


def evaldata() -> Path:
    root = os.environ.get("MCC_EVALDATA")
    return Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "evaldata"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "mcc-kb-cache"
    )
    parser.add_argument("--bm25-only", action="store_true")
    parser.add_argument("--chunks", default="1000:150,100000:0", help="max:overlap,...")
    args = parser.parse_args()
    data = evaldata() / "scifact"
    if not (data / "corpus.jsonl").is_file():
        print(f"SKIP: SciFact not found at {data}")
        return 0
    corpus = load_corpus(data / "corpus.jsonl")
    queries = load_queries(data / "queries.jsonl")
    qrels = load_qrels(data / "qrels" / "train.tsv")
    base = default_embedder()
    embedder = None if args.bm25_only or base is None else CachedEmbedder(base, args.cache_dir)

    for spec in args.chunks.split(","):
        max_chars, overlap = (int(x) for x in spec.split(":"))
        config = IndexConfig(chunking=ChunkingConfig(max_chars=max_chars, overlap_chars=overlap))
        index = HybridIndex(embedder, config)
        index.add_documents(corpus)
        print(f"\n== chunks max_chars={max_chars} overlap={overlap}: {index.chunk_count} chunks")

        def run(cfg: IndexConfig, mode: str, label: str, index: HybridIndex = index) -> float:
            index.configure(cfg)
            r = evaluate_index(index, queries, qrels, mode)  # type: ignore[arg-type]
            print(
                f"{mode:6} {label:40} ndcg@10={r['ndcg@10']:.4f} recall@100={r['recall@100']:.4f}"
            )
            return float(r["ndcg@10"])

        best_bm25 = max(
            (
                (run(replace(config, bm25=BM25Config(k1=k1, b=b)), "bm25", f"k1={k1} b={b}"), k1, b)
                for k1, b in itertools.product((0.9, 1.2, 1.5), (0.5, 0.75, 0.9))
            )
        )
        print(f"best bm25: {best_bm25}")
        if embedder is None:
            continue
        config = replace(config, bm25=BM25Config(k1=best_bm25[1], b=best_bm25[2]))
        run(config, "dense", "")
        results = []
        for k, depth in itertools.product((10, 30, 60), (100, 1000)):
            fusion = FusionConfig(method="rrf", rrf_k=k, depth=depth)
            score = run(replace(config, fusion=fusion), "hybrid", f"rrf k={k} depth={depth}")
            results.append((score, str(fusion)))
        for alpha, depth in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7, 0.8), (100, 1000)):
            fusion = FusionConfig(method="convex", alpha=alpha, depth=depth)
            label = f"convex alpha={alpha} depth={depth}"
            results.append((run(replace(config, fusion=fusion), "hybrid", label), str(fusion)))
        for family in ("rrf", "convex"):
            print(f"best {family}:", max(r for r in results if f"'{family}'" in r[1]))
        if isinstance(embedder, CachedEmbedder):
            embedder.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
