"""Knowledge-base retrieval on BEIR SciFact (test split): BM25, dense and hybrid, side by side
with published figures, plus hybrid's ratio to the BM25 and dense runs made alongside.

    .venv/bin/python benchmarks/kb_scifact.py [--split test] [--cache-dir /tmp/mcc-kb-cache]

Embedding SciFact (5,183 abstracts, 10,483 chunks) took 19 minutes on 2 CPU cores; with
``--cache-dir`` the document vectors are kept between runs (outside the repository; query vectors
are never cached). Reads ../shared/evaldata/scifact (or $MCC_EVALDATA/scifact) and prints SKIP
when it is absent: the data is CC BY-NC and never shipped with the project.
Settings were tuned on the train split only (benchmarks/kb_tune_scifact.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from mcc.knowledge.evaluation import RESULT_KEYS, run_evaluation

PUBLISHED = (  # nDCG@10 on SciFact test, from ../shared/evaldata/README.md
    ("BM25 (BEIR paper)", "0.665"),
    ("BM25 (bm25s variants)", "0.687-0.690"),
    ("all-MiniLM-L6-v2 dense (MTEB)", "0.645"),
    ("BM25 top-100 + MiniLM-L6 cross-encoder (BEIR)", "0.682"),
    ("bge-small-en-v1.5 (Anserini)", "0.713"),
    ("bge-base-en-v1.5 (Anserini)", "0.741"),
)
COMPARABLE = {"bm25": "0.665 / 0.687-0.690", "dense": "0.645", "hybrid": "-"}


def evaldata() -> Path:
    root = os.environ.get("MCC_EVALDATA")
    return Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "evaldata"


class Progress:
    """Prints a line every 10% of each stage, on stderr (the table goes to stdout)."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}
        self.started = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = 10 * done // max(total, 1)
        if self.shown.get(stage, -1) < step:
            self.shown[stage] = step
            elapsed = time.perf_counter() - self.started
            print(f"  {stage}: {done}/{total} ({elapsed:.0f} s)", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="SciFact retrieval benchmark")
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    data = evaldata() / "scifact"
    if not (data / "corpus.jsonl").is_file():
        print(f"SKIP: SciFact not found at {data}")
        return 0
    results = run_evaluation(
        data / "corpus.jsonl",
        data / "queries.jsonl",
        data / "qrels" / f"{args.split}.tsv",
        progress=Progress(),
        cache_dir=args.cache_dir,
    )
    print(f"\nSciFact {args.split}: our runs")
    keys = RESULT_KEYS[1:]
    print(f"{'mode':8}" + "".join(f"{k:>14}" for k in keys) + f"{'published':>22}")
    for row in results:
        cells = "".join(f"{row[k]!s:>14}" for k in keys)
        print(f"{row['mode']!s:8}{cells}{COMPARABLE[str(row['mode'])]:>22}")
    by_mode = {str(r["mode"]): float(r["ndcg@10"]) for r in results}
    print(
        f"\nhybrid / bm25 nDCG@10 = {by_mode['hybrid'] / by_mode['bm25']:.3f}; "
        f"hybrid / dense = {by_mode['hybrid'] / by_mode['dense']:.3f}"
    )
    print("\nPublished nDCG@10 on SciFact test:")
    for name, value in PUBLISHED:
        print(f"  {name:48} {value}")
    if args.cache_dir:
        print("\n(document vectors from the cache: dense/hybrid index_seconds exclude embedding)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
