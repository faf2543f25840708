"""Retrieval quality on the bundled playbooks and their question set (src/mcc/knowledge/eval).

Nothing is tuned on this set (settings come from SciFact train), so it is a fair check that the
defaults work on the product's own content: hybrid must find the right document in the top 5 for
at least 95% of the questions and must beat both of its parts on nDCG@10.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mcc.knowledge
from mcc.knowledge.embedders import SentenceTransformerEmbedder
from mcc.knowledge.evaluation import run_evaluation

ROOT = Path(mcc.knowledge.__file__).parent
CONTENT, QUERIES, QRELS = (
    ROOT / "content",
    ROOT / "eval" / "queries.jsonl",
    ROOT / "eval" / "qrels.tsv",
)


def test_bundled_question_set_meets_targets(
    minilm: SentenceTransformerEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {str(r["mode"]): r for r in run_evaluation(CONTENT, QUERIES, QRELS, embedder=minilm)}
    with capsys.disabled():  # the figures belong in every test run's output, pass or fail
        print("\nBundled question set:")
        print(f"{'mode':8}" + "".join(f"{k:>14}" for k in list(results["bm25"])[1:]))
        for mode, row in results.items():
            print(f"{mode:8}" + "".join(f"{v:>14}" for v in list(row.values())[1:]))
    hybrid = results["hybrid"]
    assert float(hybrid["recall@5"]) >= 0.95
    assert float(hybrid["ndcg@10"]) > float(results["bm25"]["ndcg@10"])
    assert float(hybrid["ndcg@10"]) > float(results["dense"]["ndcg@10"])
