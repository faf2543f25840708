"""Recent answers and query vectors are cached, and a change to the knowledge base shows at once.

Many people ask the same questions, so the index keeps their answers; an upload, a removal, a
re-ingest or a change made by another worker process must never be hidden by that cache."""

from __future__ import annotations

from pathlib import Path

from mcc.db import Database
from mcc.knowledge.embedders import EmbedderError, FloatArray
from mcc.knowledge.index import DocumentInput, HybridIndex, IndexConfig
from mcc.knowledge.parsing import ParsedDocument
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from tests.knowledge.conftest import HashingEmbedder

TIERS = """# Campaign Tiers

## Tier 1
Tier 1 campaigns need twelve weeks of lead time and the VP of Marketing's approval.
"""
WEBINARS = """# Webinar Playbook

## Lead time
Webinars need six weeks of lead time: rehearse twice with the speakers.
"""


def _doc(doc_id: str, text: str) -> DocumentInput:
    title = text.splitlines()[0].lstrip("# ")
    return DocumentInput(doc_id, ParsedDocument(title, text, {}), path=doc_id)


def _top(hits: list) -> str:  # type: ignore[type-arg]
    return str(hits[0].document.doc_id) if hits else ""


def test_the_same_question_is_answered_from_the_cache(hashing_embedder: HashingEmbedder) -> None:
    index = HybridIndex(hashing_embedder)
    index.add_documents([_doc("tiers.md", TIERS), _doc("webinars.md", WEBINARS)])
    first = index.search("How much lead time for a webinar?", 3)
    assert len(hashing_embedder.queries) == 1
    # Case and spacing do not change a retrieval answer, so they do not miss the cache either.
    again = index.search("  how much LEAD time for a   webinar? ", 3)
    assert again == first
    assert index.cached_search("how much lead time for a webinar?", 3) == first
    assert len(hashing_embedder.queries) == 1
    # Another k, mode or category is another answer.
    assert index.cached_search("how much lead time for a webinar?", 2) is None
    assert index.cached_search("how much lead time for a webinar?", 3, mode="bm25") is None
    assert index.cached_search("how much lead time for a webinar?", 3, category="x") is None


def test_every_change_to_the_index_empties_the_answers(hashing_embedder: HashingEmbedder) -> None:
    index = HybridIndex(hashing_embedder)
    index.add_documents([_doc("tiers.md", TIERS)])
    question = "rehearse the webinar speakers"
    assert _top(index.search(question, 1, mode="bm25")) == ""

    index.add_documents([_doc("webinars.md", WEBINARS)])
    assert index.cached_search(question, 1, mode="bm25") is None  # a stale answer is never given
    assert _top(index.search(question, 1, mode="bm25")) == "webinars.md"

    index.remove_document("webinars.md")
    assert _top(index.search(question, 1, mode="bm25")) == ""

    index.add_documents([_doc("webinars.md", WEBINARS)])
    assert index.search(question, 1, mode="bm25")[0].bm25_score > 0
    before = index.search(question, 1, mode="bm25")[0].bm25_score
    index.configure(IndexConfig(bm25=index.config.bm25.__class__(k1=2.0, b=0.1)))
    assert index.search(question, 1, mode="bm25")[0].bm25_score != before
    # The query's vector depends on the model only: kept across changes.
    index.search(question, 1)
    index.add_documents([_doc("webinars.md", WEBINARS.replace("twice", "three times"))])
    assert "three times" in index.search(question, 1)[0].chunk.text
    assert hashing_embedder.queries == [question]


class FlakyEmbedder(HashingEmbedder):
    """Fails the next `failures` queries, as a remote embedding service may."""

    failures = 0

    def embed_query(self, text: str) -> FloatArray:
        if self.failures:
            self.failures -= 1
            raise EmbedderError("the embedding service timed out", retryable=True)
        return super().embed_query(text)


def test_a_keyword_fallback_after_a_failed_query_embedding_is_not_kept() -> None:
    embedder = FlakyEmbedder()
    index = HybridIndex(embedder)
    index.add_documents([_doc("tiers.md", TIERS), _doc("webinars.md", WEBINARS)])
    embedder.failures = 1
    assert index.search("webinar lead time", 2)[0].dense_score is None  # BM25 alone, this once
    assert index.cached_search("webinar lead time", 2) is None
    assert index.search("webinar lead time", 2)[0].dense_score is not None


async def test_an_upload_changes_the_answer_at_once(fresh_db: Database, tmp_path: Path) -> None:
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, HashingEmbedder()))
    await kb.ingest_upload("tiers.md", TIERS.encode(), None)
    question = "How many weeks of lead time does a webinar need?"
    assert (await kb.search(question, k=1))[0].citation.doc_id == "uploads/tiers.md"
    assert (await kb.search(question, k=1))[0].citation.doc_id == "uploads/tiers.md"  # cached

    await kb.ingest_upload("webinars.md", WEBINARS.encode(), None)
    assert (await kb.search(question, k=1))[0].citation.doc_id == "uploads/webinars.md"

    changed = WEBINARS.replace("six weeks", "eight weeks")
    await kb.ingest_upload("webinars.md", changed.encode(), None)
    (hit,) = await kb.search(question, k=1)
    assert "eight weeks" in hit.chunk.text

    await kb.remove("uploads/webinars.md")
    assert (await kb.search(question, k=1))[0].citation.doc_id == "uploads/tiers.md"


async def test_another_workers_change_reaches_this_workers_answers(fresh_db: Database) -> None:
    """`mcc serve --workers N`: each worker has its own index and cache; the worker that
    changed a document tells the others, which `refresh` from the database."""
    here = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, HashingEmbedder()))
    there = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, HashingEmbedder()))
    await here.ingest_upload("tiers.md", TIERS.encode(), None)
    question = "rehearse with the speakers"
    await there.index.refresh()
    assert (await there.search(question, k=1))[0].citation.doc_id == "uploads/tiers.md"

    await here.ingest_upload("webinars.md", WEBINARS.encode(), None)
    await there.index.refresh()
    assert (await there.search(question, k=1))[0].citation.doc_id == "uploads/webinars.md"
