from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from mcc.knowledge.embedders import EmbedderUnavailableError
from mcc.knowledge.evaluation import (
    RESULT_KEYS,
    load_corpus,
    load_qrels,
    load_queries,
    mrr_at_k,
    ndcg_at_k,
    recall_at_k,
    run_evaluation,
)
from tests.knowledge.conftest import HashingEmbedder


def test_ndcg_by_hand() -> None:
    judged = {"a": 2, "b": 1, "z": 0}
    # ranked b, x, a: DCG = 1/log2(2) + 2/log2(4) = 2; IDCG = 2/log2(2) + 1/log2(3)
    expected = 2.0 / (2.0 + 1.0 / math.log2(3))
    assert ndcg_at_k(["b", "x", "a"], judged, 10) == pytest.approx(expected)
    assert ndcg_at_k(["a", "b"], judged, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], judged, 1) == 0.0
    assert ndcg_at_k(["a"], {"a": 0}, 10) == 0.0


def test_recall_and_mrr_by_hand() -> None:
    judged = {"a": 1, "b": 1, "c": 0}
    ranked = ["c", "x", "b", "y", "a"]
    assert recall_at_k(ranked, judged, 1) == 0.0
    assert recall_at_k(ranked, judged, 3) == 0.5
    assert recall_at_k(ranked, judged, 5) == 1.0
    assert mrr_at_k(ranked, judged, 10) == pytest.approx(1 / 3)
    assert mrr_at_k(ranked, judged, 2) == 0.0


def write_beir(tmp_path: Path) -> tuple[Path, Path, Path]:
    corpus = tmp_path / "corpus.jsonl"
    docs = [
        {"_id": "d1", "title": "Tier rules", "text": "Tier 1 needs twelve weeks of lead time."},
        {"_id": "d2", "title": "Email timing", "text": "Send newsletters on Tuesday mornings."},
        {"_id": "d3", "title": "Brand voice", "text": "Write plainly with active verbs."},
        {"_id": "d4", "title": "", "text": ""},
    ]
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    queries = tmp_path / "queries.jsonl"
    qs = [
        {"_id": "q1", "text": "lead time for tier 1"},
        {"_id": "q2", "text": "when to send a newsletter"},
        {"_id": "q3", "text": "a query without judgments"},
    ]
    queries.write_text("\n".join(json.dumps(q) for q in qs) + "\n")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq2\td3\t0\n")
    return corpus, queries, qrels


def test_loaders(tmp_path: Path) -> None:
    corpus, queries, qrels = write_beir(tmp_path)
    documents = load_corpus(corpus)
    assert [d.doc_id for d in documents] == ["d1", "d2", "d3"], "empty records are skipped"
    assert documents[0].document.title == "Tier rules"
    assert load_queries(queries)["q2"] == "when to send a newsletter"
    assert load_qrels(qrels) == {"q1": {"d1": 1}, "q2": {"d2": 2, "d3": 0}}


def test_folder_corpus_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "tiers.md").write_text("---\ntitle: Tiers\n---\nTier text.")
    (tmp_path / "notes.txt").write_text("Plain notes.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    documents = load_corpus(tmp_path)
    assert [d.doc_id for d in documents] == ["notes.txt", "playbooks/tiers.md"]
    assert documents[1].document.title == "Tiers"


def test_run_evaluation_returns_one_row_per_mode(tmp_path: Path) -> None:
    corpus, queries, qrels = write_beir(tmp_path)
    calls: list[tuple[str, int, int]] = []
    results = run_evaluation(
        corpus,
        queries,
        qrels,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
        embedder=HashingEmbedder(),
    )
    assert [r["mode"] for r in results] == ["bm25", "dense", "hybrid"]
    for result in results:
        assert tuple(result) == RESULT_KEYS
        assert result["docs"] == 3
        assert result["queries"] == 2
        assert result["recall@100"] == 1.0
    assert results[0]["ndcg@10"] == 1.0
    assert results[0]["mrr@10"] == 1.0
    assert ("embed", 3, 3) in calls
    assert ("query:hybrid", 2, 2) in calls


def test_dense_modes_need_an_embedder(tmp_path: Path) -> None:
    corpus, queries, qrels = write_beir(tmp_path)
    with pytest.raises(EmbedderUnavailableError):
        run_evaluation(corpus, queries, qrels, embedder=None)
    (result,) = run_evaluation(corpus, queries, qrels, modes=("bm25",), embedder=None)
    assert result["mode"] == "bm25"


def test_embedding_cache_is_reused(tmp_path: Path) -> None:
    corpus, queries, qrels = write_beir(tmp_path)
    first, second = HashingEmbedder(), HashingEmbedder()
    cache = tmp_path / "cache"
    run_evaluation(corpus, queries, qrels, ("dense",), embedder=first, cache_dir=cache)
    run_evaluation(corpus, queries, qrels, ("dense",), embedder=second, cache_dir=cache)
    assert len(first.embedded) == 3
    assert second.embedded == []
    assert second.queries, "query vectors are never cached"
