"""Local MiniLM on torch (float32) against ONNX Runtime (int8), back to back in one run.

    PYTHONPATH=src .venv/bin/python benchmarks/embedding_speed.py [--limit 2000] [--no-quality]
        [--onnx-threads N] [--torch-sample N] [--chunks 1000:150,600:90] [--recipes 1,2]
        [--rounds N] [--corpora handbook,...] [--no-torch-index]

For each corpus (the bundled playbooks, the 122-page marketing handbook, SciFact's abstracts) it
embeds the same chunks with both runtimes and prints passages/s and the ratio; then the time to
index the handbook and SciFact (chunking, embedding, BM25: `HybridIndex.add_documents`), and
nDCG@10 of dense and hybrid retrieval on the bundled 134-question set and on SciFact test, side by
side. ``--limit N`` keeps every k-th chunk (at most N) for the throughput runs, and for SciFact's
index and quality runs keeps the documents judged in the test split plus others up to N documents
(the handbook: every k-th page, N at most),
so a figure made with a limit says so. ``--torch-sample N`` times torch's index builds on every
k-th document (N in all) and scales the time up to the whole corpus, labelled "extrapolated":
torch needs ~17 minutes of both cores for SciFact's 5,183 abstracts. The machine may be shared:
compare the ratios, which come from runs made minutes apart, rather than absolute figures from
different runs; the load average is printed at the start and the end.
``--chunks MAX:OVERLAP,...`` repeats every measurement for each chunk size (`ChunkingConfig`'s
``max_chars`` and ``overlap_chars``; default: the product's), one after the other in the same
command, with the number of chunks and of tokens each gives.
``--recipes 1,2`` does the same for the text embedded per chunk (`PASSAGE_RECIPE`: 1, the old one
kept here to compare against, repeats the whole section path; 2, the product's, the nearest
heading), and ``--rounds N`` alternates them N times for the index builds (a shared machine's load
moves: compare CPU seconds). Each recipe's line says how many distinct texts its chunks make and a
fingerprint of them: equal fingerprints mean equal vectors, so equal figures.
``--corpora`` keeps some of bundled, handbook, scifact; ``--no-torch-index`` times ONNX's builds
only.
Reads ../shared/evaldata (or $MCC_EVALDATA) and skips a corpus that is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from unittest import mock

from mcc.knowledge.chunking import PASSAGE_RECIPE, Chunk, ChunkingConfig, chunk_document
from mcc.knowledge.embedders import (
    Embedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    default_embedder,
)
from mcc.knowledge.embedders import onnx as onnx_module
from mcc.knowledge.evaluation import load_corpus, load_qrels, run_evaluation
from mcc.knowledge.index import (
    CachedEmbedder,
    DocumentInput,
    HybridIndex,
    IndexConfig,
    SearchMode,
)

MODES: tuple[SearchMode, ...] = ("dense", "hybrid")
BUNDLED = Path(__file__).resolve().parents[1] / "src" / "mcc" / "knowledge"


def evaldata() -> Path:
    root = os.environ.get("MCC_EVALDATA")
    return Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "evaldata"


def passages(
    documents: Sequence[DocumentInput], limit: int, chunking: ChunkingConfig | None = None
) -> list[str]:
    texts = [
        c.embedded_text for d in documents for c in chunk_document(d.doc_id, d.document, chunking)
    ]
    step = max(1, -(-len(texts) // limit)) if limit else 1
    return texts[::step]


def subsample(documents: list[DocumentInput], keep: set[str], limit: int) -> list[DocumentInput]:
    """The judged documents plus every k-th other one, ``limit`` in all (0: everything)."""
    if not limit or len(documents) <= limit:
        return documents
    others = [d for d in documents if d.doc_id not in keep]
    room = max(0, limit - len(keep))
    step = max(1, -(-len(others) // room)) if room else len(others) + 1
    chosen = {d.doc_id for d in others[::step]} | keep
    return [d for d in documents if d.doc_id in chosen]


def rate(embedder: Embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.embed_documents(texts)
    return len(texts) / (time.perf_counter() - started)


def index_seconds(
    embedder: Embedder, documents: list[DocumentInput], config: IndexConfig
) -> tuple[float, float]:
    """Wall and CPU seconds (this process's threads: ONNX's lanes run in it) of one build."""
    started, cpu = time.perf_counter(), time.process_time()
    HybridIndex(embedder, config).add_documents(documents)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description="torch vs ONNX int8 embedding benchmark")
    parser.add_argument("--limit", type=int, default=0, help="at most N chunks/documents each")
    parser.add_argument("--no-quality", action="store_true", help="skip the nDCG@10 runs")
    parser.add_argument("--quality-only", action="store_true", help="only the nDCG@10 runs")
    parser.add_argument("--cache-dir", type=Path, default=None, help="ONNX build cache")
    parser.add_argument("--onnx-max-tokens", type=int, default=0,
                        help="truncate ONNX input here (default: the embedder's own)")  # fmt: skip
    parser.add_argument("--onnx-threads", type=int, default=0,
                        help="ONNX lanes, one thread each (default: the core count)")  # fmt: skip
    parser.add_argument("--no-index", action="store_true", help="skip the index builds")
    parser.add_argument("--index-only", action="store_true",
                        help="only the index builds (--limit 0: whole corpora)")  # fmt: skip
    parser.add_argument("--torch-sample", type=int, default=0,
                        help="time torch's index builds on N documents, extrapolated")  # fmt: skip
    parser.add_argument("--no-torch-quality", action="store_true",
                        help="nDCG@10 of ONNX only (torch embeds ~5x slower)")  # fmt: skip
    parser.add_argument("--chunks", default="",
                        help="chunk sizes to compare, max_chars:overlap_chars,...")  # fmt: skip
    parser.add_argument("--recipes", default=str(PASSAGE_RECIPE),
                        help="passage recipes to compare: 1 (old), 2 (the product's)")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the recipes' index builds N times")  # fmt: skip
    parser.add_argument("--corpora", default="bundled,handbook,scifact",
                        help="which corpora to run")  # fmt: skip
    parser.add_argument("--no-torch-index", action="store_true",
                        help="time ONNX's index builds only")  # fmt: skip
    args = parser.parse_args()
    recipes = [int(version) for version in args.recipes.split(",")]
    wanted = set(args.corpora.split(","))
    chunk_sizes = [chunking(spec) for spec in args.chunks.split(",")] if args.chunks else []
    print(f"load average at start: {load()}")

    torch = default_embedder("torch")
    started = time.perf_counter()
    onnx = default_embedder("onnx", args.cache_dir or Path(tempfile.gettempdir()) / "mcc-onnx")
    if not isinstance(torch, SentenceTransformerEmbedder) or not isinstance(onnx, OnnxEmbedder):
        print("SKIP: the local model, torch or onnxruntime is not installed")
        return 0
    if args.onnx_max_tokens:
        onnx.max_seq_length = args.onnx_max_tokens
    if args.onnx_threads:
        onnx.threads = args.onnx_threads
    onnx.niceness = 0  # torch runs at normal priority here too: a fair race on a shared machine
    onnx.embed_query("warm up")  # builds the int8 model, or loads the cached build
    how = "built now" if onnx_module.exports_made else "loaded from the cache"
    print(f"ONNX int8 model ready in {time.perf_counter() - started:.1f} s ({how})")
    started = time.perf_counter()
    torch.embed_query("warm up")
    print(f"torch model ready in {time.perf_counter() - started:.1f} s")
    print(f"torch truncates at {torch.model().max_seq_length} tokens, ONNX at "
          f"{onnx.max_seq_length}")  # fmt: skip
    print(f"ONNX: one passage per run on {onnx.threads} one-thread lanes; torch: "
          f"batches of {torch.batch_size}, {torch_threads()} threads")  # fmt: skip
    print()

    data = evaldata()
    corpora: dict[str, list[DocumentInput]] = {"bundled": load_corpus(BUNDLED / "content")}
    handbook = data / "marketing-handbook" / "content"
    if handbook.is_dir():
        corpora["handbook"] = subsample(load_corpus(handbook), set(), args.limit)
    scifact = data / "scifact"
    if (scifact / "corpus.jsonl").is_file():
        judged = {d for q in load_qrels(scifact / "qrels" / "test.tsv").values() for d in q}
        corpora["scifact"] = subsample(load_corpus(scifact / "corpus.jsonl"), judged, args.limit)
    else:
        print(f"(SciFact not found at {scifact}: skipped)")

    corpora = {name: documents for name, documents in corpora.items() if name in wanted}
    # nDCG@10 runs remember each text's vector (in memory) across recipes: a corpus whose texts
    # a recipe does not change (SciFact has no sections) is not embedded twice for equal figures.
    remembered = tempfile.TemporaryDirectory(prefix="mcc-embedding-speed-")  # never written
    judged_torch = CachedEmbedder(torch, Path(remembered.name))
    judged_onnx = CachedEmbedder(onnx, Path(remembered.name))
    torch_sample = -1 if args.no_index else args.torch_sample
    for size in chunk_sizes or [ChunkingConfig()]:
        config = IndexConfig(chunking=size)
        for round_ in range(args.rounds):
            for version in recipes:
                print(f"== chunks of at most {size.max_chars} characters, overlap "
                      f"{size.overlap_chars}; passage recipe {version}; round {round_ + 1}; "
                      f"load average {load()}")  # fmt: skip
                with passage_recipe(version):
                    if round_ == 0:
                        counts(torch, corpora, size)
                    if not args.quality_only:
                        speed(torch, onnx, corpora, args.limit, torch_sample, config=config,
                              throughput=not args.index_only and round_ == 0,
                              torch_index=not args.no_torch_index)  # fmt: skip
                    if not args.no_quality and not args.index_only and round_ == 0:
                        quality(None if args.no_torch_quality else judged_torch, judged_onnx,
                                corpora, scifact, config)  # fmt: skip
                print()
    print(f"load average at the end: {load()}")
    return 0


@contextlib.contextmanager
def passage_recipe(version: int) -> Iterator[None]:
    """Embed chunks as passage recipe `version` did: 1 embedded `Chunk.indexed_text` (the title
    and the whole section path), kept here only to measure the product's recipe against it."""
    if version == PASSAGE_RECIPE:
        yield
        return
    if version != 1:
        raise SystemExit(f"unknown passage recipe {version}: 1 or {PASSAGE_RECIPE}")
    with mock.patch.object(Chunk, "embedded_text", property(lambda chunk: chunk.indexed_text)):
        yield


def chunking(spec: str) -> ChunkingConfig:
    max_chars, _, overlap = spec.partition(":")
    return ChunkingConfig(int(max_chars), int(overlap or 0))


def counts(
    embedder: Embedder, corpora: dict[str, list[DocumentInput]], size: ChunkingConfig
) -> None:
    """Chunks, distinct texts (an index embeds each once), tokens (truncated as the model
    truncates) and a fingerprint of the texts per corpus: what an index embeds."""
    if not isinstance(embedder, SentenceTransformerEmbedder):
        return
    model = embedder.model()
    window = int(model.max_seq_length or 0)
    for name, documents in corpora.items():
        texts = passages(documents, 0, size)
        lengths = [len(ids) for ids in model.tokenizer(texts)["input_ids"]]
        tokens = sum(min(n, window) for n in lengths)
        full = sum(n >= window for n in lengths)
        distinct = len(set(texts))
        fingerprint = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:12]
        print(f"  {name}: {len(texts)} chunks ({distinct} distinct texts), {tokens} tokens, "
              f"{full} fill the {window}-token window; texts {fingerprint}")  # fmt: skip


def torch_threads() -> int:
    import torch  # loaded already by the warm-up: the baseline runs as sentence-transformers'

    return int(torch.get_num_threads())


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def speed(
    torch: Embedder,
    onnx: Embedder,
    corpora: dict[str, list[DocumentInput]],
    limit: int,
    torch_sample: int,
    *,
    config: IndexConfig,
    throughput: bool = True,
    torch_index: bool = True,
) -> None:
    if throughput:
        rates(torch, onnx, corpora, limit, config.chunking)
    if torch_sample < 0:  # --no-index
        return
    print(f"{'index build':28}{'torch s':>10}{'onnx s':>10}{'ratio':>8}{'onnx cpu s':>12}")
    for name in ("handbook", "scifact"):
        if name not in corpora:
            continue
        documents = corpora[name]
        fast, cpu = index_seconds(onnx, documents, config)
        label = f"{name} ({len(documents)} docs)"
        if not torch_index:
            print(
                f"{label:28}{'-':>10}{fast:>10.1f}{'-':>8}{cpu:>12.1f}  load {load()}", flush=True
            )
            continue
        sample = subsample(documents, set(), torch_sample)
        slow = index_seconds(torch, sample, config)[0] * len(documents) / len(sample)
        print(f"{label:28}{slow:>10.1f}{fast:>10.1f}{slow / fast:>8.2f}{cpu:>12.1f}", flush=True)
        if len(sample) < len(documents):
            print(f"  (torch: extrapolated from {len(sample)} of the {len(documents)} documents)")


def rates(
    torch: Embedder,
    onnx: Embedder,
    corpora: dict[str, list[DocumentInput]],
    limit: int,
    chunking: ChunkingConfig,
) -> None:
    print(f"{'corpus':10}{'chunks':>8}{'torch p/s':>12}{'onnx p/s':>12}{'ratio':>8}")
    total = {"torch": 0.0, "onnx": 0.0}
    count = 0
    for name, documents in corpora.items():
        texts = passages(documents, limit, chunking)
        slow, fast = rate(torch, texts), rate(onnx, texts)
        total["torch"] += len(texts) / slow
        total["onnx"] += len(texts) / fast
        count += len(texts)
        print(f"{name:10}{len(texts):>8}{slow:>12.1f}{fast:>12.1f}{fast / slow:>8.2f}", flush=True)
    print(f"{'all':10}{count:>8}{count / total['torch']:>12.1f}{count / total['onnx']:>12.1f}"
          f"{total['torch'] / total['onnx']:>8.2f}\n")  # fmt: skip


def quality(
    torch: Embedder | None,
    onnx: Embedder,
    corpora: dict[str, list[DocumentInput]],
    scifact: Path,
    config: IndexConfig,
) -> None:
    print(f"\n{'nDCG@10':28}{'torch':>10}{'onnx':>10}{'diff':>8}")
    eval_dir = BUNDLED / "eval"
    sets: list[tuple[str, Path | None, Path, Path]] = []
    if "bundled" in corpora:
        sets.append(
            ("bundled", BUNDLED / "content", eval_dir / "queries.jsonl", eval_dir / "qrels.tsv")
        )
    if "scifact" in corpora:
        test = scifact / "qrels" / "test.tsv"
        sets.append(("scifact test", None, scifact / "queries.jsonl", test))
    for name, folder, queries, qrels in sets:
        corpus = corpora["scifact"] if folder is None else folder
        runs: dict[str, dict[str, float]] = {}
        for label, embedder in (("torch", torch), ("onnx", onnx)):
            if embedder is None:  # --no-torch-quality: screening chunk sizes on ONNX alone
                continue
            results = run_evaluation(
                corpus, queries, qrels, MODES, config=config, embedder=embedder
            )
            runs[label] = {str(r["mode"]): float(r["ndcg@10"]) for r in results}
        for mode in ("dense", "hybrid"):
            fast = runs["onnx"][mode]
            label = f"{name} {mode}"
            if "torch" not in runs:
                print(f"{label:28}{'-':>10}{fast:>10.4f}", flush=True)
                continue
            slow = runs["torch"][mode]
            print(f"{label:28}{slow:>10.4f}{fast:>10.4f}{fast - slow:>+10.6f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
