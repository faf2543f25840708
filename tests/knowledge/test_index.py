from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from mcc.exceptions import ValidationError
from mcc.knowledge.embedders import EmbedderError, EmbedderUnavailableError, FloatArray
from mcc.knowledge.index import DocumentInput, HybridIndex
from mcc.knowledge.parsing import EmptyDocumentError, ParsedDocument
from tests.knowledge.conftest import HashingEmbedder

DOCS = {
    "tiers.md": (
        "Campaign Tiers",
        "playbooks",
        "# Campaign Tiers\n\n## Tier 1\n\nTier 1 campaigns need a lead time of twelve weeks and "
        "approval by the VP of Marketing.\n\n## Tier 3\n\nTier 3 campaigns are small, single "
        "channel, under $25,000.",
    ),
    "email.md": (
        "Email Playbook",
        "playbooks",
        "# Email Playbook\n\n## Timing\n\nSend newsletters on Tuesday morning; avoid the last "
        "business day of the month.",
    ),
    "brand.md": (
        "Brand Voice",
        "guidelines",
        "# Brand Voice\n\nWrite plainly. Prefer short sentences and active verbs in every email "
        "subject line.",
    ),
}


def items() -> list[DocumentInput]:
    return [
        DocumentInput(doc_id, ParsedDocument(title, text, {"category": category}), path=doc_id)
        for doc_id, (title, category, text) in DOCS.items()
    ]


@pytest.fixture
def index(hashing_embedder: HashingEmbedder) -> HybridIndex:
    built = HybridIndex(hashing_embedder)
    built.add_documents(items())
    return built


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_each_mode_finds_the_right_section(index: HybridIndex, mode: str) -> None:
    hits = index.search("lead time for tier 1 campaigns", 3, mode=mode)  # type: ignore[arg-type]
    assert hits[0].citation.doc_id == "tiers.md"
    assert hits[0].citation.section == "Campaign Tiers › Tier 1"
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hits_carry_scores_snippet_and_citation(index: HybridIndex) -> None:
    hit = index.search("when to send the newsletter", 1)[0]
    assert hit.bm25_score > 0
    assert hit.dense_score is not None
    assert "Tuesday" in hit.snippet
    citation = hit.citation
    assert citation.doc_id == "email.md"
    assert citation.path == "email.md"
    assert citation.title == "Email Playbook"
    assert citation.label == "Email Playbook › Timing"
    assert citation.version == index.documents()[1].version
    assert len(citation.version) == 16
    assert citation.chunk_id == "email.md#0"
    assert DOCS["email.md"][2][citation.start : citation.end] == hit.chunk.text


def test_category_filter(index: HybridIndex) -> None:
    hits = index.search("email subject line", 5, category="guidelines")
    assert {h.document.doc_id for h in hits} == {"brand.md"}
    hits = index.search("email", 5, category=["playbooks"])
    assert {h.document.category for h in hits} == {"playbooks"}
    assert index.search("email", 5, category="unknown") == []


def test_no_match_means_no_hits(index: HybridIndex) -> None:
    assert index.search("zebra xylophone", 5, mode="bm25") == []
    assert HybridIndex().search("anything") == []


def test_replacing_a_document_embeds_only_changed_chunks(
    index: HybridIndex, hashing_embedder: HashingEmbedder
) -> None:
    assert len(hashing_embedder.embedded) == index.chunk_count == 4
    title, category, text = DOCS["tiers.md"]
    changed = text.replace("small", "tiny")
    index.add_document("tiers.md", ParsedDocument(title, changed, {"category": category}))
    assert len(hashing_embedder.embedded) == 5, "only the Tier 3 chunk was embedded again"
    assert "tiny" in hashing_embedder.embedded[-1]
    assert index.search("tiny", 1, mode="bm25")[0].chunk.section_path[-1] == "Tier 3"
    assert index.search("small", 1, mode="bm25") == []


def test_remove_document(index: HybridIndex) -> None:
    assert index.remove_document("email.md") is True
    assert index.remove_document("email.md") is False
    assert "email.md" not in index
    assert len(index) == 2
    assert all(h.document.doc_id != "email.md" for h in index.search("newsletter Tuesday", 5))


def test_bm25_only_without_embedder() -> None:
    index = HybridIndex(None)
    index.add_documents(items())
    assert index.dense_available is False
    hits = index.search("lead time tier 1", 2)
    assert hits[0].document.doc_id == "tiers.md"
    assert hits[0].dense_score is None
    with pytest.raises(EmbedderUnavailableError):
        index.search("lead time", mode="dense")


class BrokenEmbedder(HashingEmbedder):
    def __init__(self, error: EmbedderError) -> None:
        super().__init__()
        self.error = error

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        raise self.error

    def embed_query(self, text: str) -> FloatArray:
        raise self.error


def test_missing_model_falls_back_to_bm25() -> None:
    index = HybridIndex(BrokenEmbedder(EmbedderUnavailableError("model not installed")))
    index.add_documents(items())
    assert index.dense_available is False
    assert "model not installed" in index.dense_status
    assert index.search("lead time tier 1", 1)[0].document.doc_id == "tiers.md"


def test_embedding_service_failure_changes_nothing(index: HybridIndex) -> None:
    index.embedder = BrokenEmbedder(EmbedderError("503", retryable=True))
    with pytest.raises(EmbedderError):
        index.add_document("new.md", ParsedDocument("New", "Brand new text."))
    assert "new.md" not in index
    # A failing query embedding degrades hybrid search to BM25 rather than failing it.
    assert index.search("lead time tier 1", 1)[0].dense_score is None
    with pytest.raises(EmbedderError):
        index.search("lead time", mode="dense")


def test_bad_documents_are_rejected(index: HybridIndex) -> None:
    with pytest.raises(EmptyDocumentError):
        index.add_document("empty.md", ParsedDocument("Empty", "# Only a heading"))
    with pytest.raises(ValidationError):
        index.add_document(" ", ParsedDocument("X", "text"))
    with pytest.raises(ValidationError):
        index.search("x", 0)
    with pytest.raises(ValidationError):
        index.search("x", mode="fuzzy")  # type: ignore[arg-type]
    assert len(index) == 3


def test_round_trip_keeps_vectors_of_the_same_embedder(index: HybridIndex) -> None:
    blob = index.to_bytes()
    same = HashingEmbedder()
    restored = HybridIndex.from_bytes(blob, same)
    assert restored.documents() == index.documents()
    assert restored.search("lead time tier 1", 2) == index.search("lead time tier 1", 2)
    assert same.embedded == [], "stored vectors were reused"
    other = HashingEmbedder(name="another-model")
    elsewhere = HybridIndex.from_bytes(blob, other)
    assert elsewhere.search("lead time", 1)[0].dense_pending  # keyword search until embedded
    assert elsewhere.ensure_vectors() == list(DOCS)
    assert len(other.embedded) == 4, "vectors from another model are re-made"
    assert elsewhere.search("lead time", 1)[0].mode == "hybrid"


def test_save_and_load_file(index: HybridIndex, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "kb.npz"
    index.save(path)
    assert HybridIndex.load(path).search("newsletter", 1, mode="bm25")[0].document.doc_id == (
        "email.md"
    )


def test_stored_document_vectors_are_reused(index: HybridIndex) -> None:
    vectors = index.document_vectors("tiers.md")
    assert vectors is not None
    assert vectors.shape == (2, 64)
    fresh = HashingEmbedder()
    other = HybridIndex(fresh)
    title, _category, text = DOCS["tiers.md"]
    other.add_document("tiers.md", ParsedDocument(title, text), vectors=vectors)
    assert fresh.embedded == []
    np.testing.assert_array_equal(other.document_vectors("tiers.md"), vectors)


def test_rank_documents_scores_a_document_by_its_best_chunk(index: HybridIndex) -> None:
    ranked = index.rank_documents("tier 3 small single channel", 10, mode="bm25")
    assert ranked[0].document.doc_id == "tiers.md"
    assert ranked[0].best_chunk.section_path[-1] == "Tier 3"
    assert len({d.document.doc_id for d in ranked}) == len(ranked)


def test_minilm_matches_meaning_without_shared_words(minilm: object) -> None:
    from mcc.knowledge.embedders import SentenceTransformerEmbedder

    assert isinstance(minilm, SentenceTransformerEmbedder)
    index = HybridIndex(minilm)
    index.add_documents(items())
    hit = index.search("when should I mail subscribers?", 1, mode="dense")[0]
    assert hit.document.doc_id == "email.md"
    assert index.search("approval from a vice president", 1)[0].document.doc_id == "tiers.md"


def test_a_foreign_blob_is_rejected() -> None:
    with pytest.raises(ValidationError, match="knowledge index"):
        HybridIndex.from_bytes(b"not an index")
