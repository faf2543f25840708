"""The knowledge index from the first second: keyword answers while the semantic index loads,
the bundled playbooks waited for on a first start, a failing build retried and reported."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator, Sequence

import pytest
from sqlalchemy import text

from mcc.agent.knowledge import answer
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ServiceUnavailableError
from mcc.knowledge.embedders import FloatArray
from mcc.knowledge.indexing import KnowledgeIndex
from mcc.knowledge.service import KnowledgeService
from tests.knowledge.conftest import HashingEmbedder
from tests.support.live import eventually

TIER_QUESTION = "Who approves a Tier 1 campaign?"


class SlowModel(HashingEmbedder):
    """An embedder whose model "loads" until the test says so: the window a real MiniLM takes
    (5-6 s on a restart), made deterministic. Embedding runs in the index's worker thread."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = threading.Event()

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        assert self.loaded.wait(30), "the test never let the model load"
        return super().embed_documents(texts)


@pytest.fixture
def model() -> Iterator[SlowModel]:
    slow = SlowModel()
    yield slow
    slow.loaded.set()  # a worker thread still "loading" must not outlive the test


@pytest.fixture
async def started() -> AsyncIterator[list[asyncio.Task[None]]]:
    """Background builds the test starts, cancelled at its end (like the app's lifespan)."""
    tasks: list[asyncio.Task[None]] = []
    yield tasks
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _tier_one(hits: Sequence[object]) -> bool:
    return any(
        "tier" in hit.document.doc_id and "VP of Marketing" in hit.chunk.text  # type: ignore[attr-defined]
        for hit in hits
    )


async def test_questions_get_keyword_answers_until_the_semantic_index_is_in(
    fresh_db: Database, started: list[asyncio.Task[None]], model: SlowModel, settings: Settings
) -> None:
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, model))
    await kb.load_bundled()
    started.append(kb.start(load_bundled=False))

    early = await kb.search(TIER_QUESTION, k=5)
    assert _tier_one(early)
    assert all(hit.dense_pending and hit.mode == "bm25" for hit in early)
    assert early[0].mode_note == "keyword search while the semantic index loads"
    said = await answer(kb, TIER_QUESTION, min_relevance=settings.agent_min_relevance)
    assert "VP of Marketing" in said.text
    assert said.text.endswith("(keyword search while the semantic index loads)")
    state = kb.state
    assert (state.status, state.search, state.dense) == ("building", "keyword", "loading")
    assert state.documents >= 30
    assert state.passages > state.documents

    # A document added while the model loads is in the semantic index once it is swapped in.
    await kb.ingest_upload("launch-rehearsal.md", b"# Launch Rehearsal\n\nRehearse twice.", None)
    assert (await kb.search("rehearse", k=1))[0].document.doc_id == "uploads/launch-rehearsal.md"

    model.loaded.set()
    await eventually(lambda: kb.state.status == "ready", timeout=20, message="index ready")
    assert (kb.state.search, kb.state.dense) == ("hybrid", "on")
    late = await kb.search(TIER_QUESTION, k=5)
    assert _tier_one(late)
    assert all(not hit.dense_pending and hit.mode == "hybrid" for hit in late)
    said = await answer(kb, TIER_QUESTION, min_relevance=settings.agent_min_relevance)
    assert "semantic index loads" not in said.text
    (rehearsal,) = await kb.search("rehearse", k=1)
    assert rehearsal.dense_score is not None

    restarted = HashingEmbedder()  # the vectors were stored: a restart embeds nothing
    again = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, restarted))
    assert _tier_one(await again.search(TIER_QUESTION))
    assert restarted.embedded == []


async def test_a_question_during_the_first_start_load_finds_the_playbooks(
    fresh_db: Database, started: list[asyncio.Task[None]], model: SlowModel
) -> None:
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, model))
    started.append(kb.start(load_bundled=True))
    hits = await kb.search(TIER_QUESTION, k=5)  # asked before the playbooks are in the database
    assert _tier_one(hits)
    assert kb.state.documents >= 30


async def test_without_an_embedder_the_index_is_keyword_search_by_design(
    fresh_db: Database, started: list[asyncio.Task[None]]
) -> None:
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, None))
    started.append(kb.start(load_bundled=True))
    hits = await kb.search(TIER_QUESTION, k=5)
    assert _tier_one(hits)
    assert not any(hit.dense_pending for hit in hits)  # nothing is loading: no "meanwhile"
    await eventually(lambda: kb.state.status == "ready", timeout=10, message="index ready")
    assert kb.state.dense.startswith("off: no embedder")
    assert "semantic search off" in kb.state.describe()


async def test_a_failing_start_up_build_is_reported_and_retried_until_it_works(
    fresh_db: Database, started: list[asyncio.Task[None]]
) -> None:
    async with fresh_db.write() as session:  # the documents table is gone for a while
        await session.execute(text("ALTER TABLE knowledge_documents RENAME TO kd_away"))
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, None, retry_first=0.05))
    started.append(kb.start(load_bundled=True))

    state = await eventually(
        lambda: kb.state if kb.state.attempts >= 2 else None, timeout=10, message="retries"
    )
    assert state.status == "failed"
    assert state.reason
    assert "knowledge_documents" in state.reason
    assert state.as_json()["reason"] == state.reason
    with pytest.raises(ServiceUnavailableError, match="can't be read right now"):
        await kb.search(TIER_QUESTION)

    async with fresh_db.write() as session:
        await session.execute(text("ALTER TABLE kd_away RENAME TO knowledge_documents"))
    await eventually(lambda: kb.state.status == "ready", timeout=15, message="recovered")
    assert kb.state.reason is None
    assert _tier_one(await kb.search(TIER_QUESTION))


async def test_an_index_built_without_a_start_up_build_answers_completely(
    fresh_db: Database,
) -> None:
    """The CLI's way: no background build, so a search waits for the complete index."""
    model = HashingEmbedder()
    model_kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, model))
    await model_kb.load_bundled()
    assert model_kb.state.search == "waiting"
    hits = await model_kb.search(TIER_QUESTION)
    assert _tier_one(hits)
    assert all(hit.mode == "hybrid" and not hit.dense_pending for hit in hits)
    assert model_kb.state.status == "ready"


class GatedModel(HashingEmbedder):
    """Embeds the first batch, then holds the second until the test has looked at the state."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.second = threading.Event()
        self.release = threading.Event()

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        self.calls += 1
        if self.calls == 2:
            self.second.set()
            assert self.release.wait(30), "the test never released the build"
        return super().embed_documents(texts)


async def test_a_build_in_progress_shows_its_embedding_throughput(
    fresh_db: Database, started: list[asyncio.Task[None]]
) -> None:
    model = GatedModel()
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, model))
    await kb.load_bundled()
    started.append(kb.start(load_bundled=False))
    try:
        await asyncio.to_thread(model.second.wait, 30)
        state = kb.state
        assert state.done
        assert state.total
        assert state.done < state.total
        assert state.per_second is not None
        assert state.per_second > 0
        assert state.as_json()["progress"]["perSecond"] > 0
        assert "passages/s" in state.describe()
    finally:
        model.release.set()
