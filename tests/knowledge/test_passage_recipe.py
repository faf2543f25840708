"""An index embedded with an older passage recipe (`PASSAGE_RECIPE` 1 embedded the whole section
path) is found stale at start and re-embedded once, in the background, answering by keyword
meanwhile, the way a switch of embedder runtime is; a restart after that embeds nothing."""

from __future__ import annotations

import asyncio

from mcc.db import Database
from mcc.knowledge.chunking import Chunk, chunk_text
from mcc.knowledge.embedders import FloatArray
from mcc.knowledge.index import HybridIndex
from mcc.knowledge.index.store import dump_index
from mcc.knowledge.indexing import KnowledgeIndex
from mcc.knowledge.repository import KnowledgeRepository
from mcc.knowledge.service import KnowledgeService
from tests.knowledge.conftest import HashingEmbedder
from tests.knowledge.test_index import items
from tests.knowledge.test_index_state import TIER_QUESTION, SlowModel, _tier_one, model, started
from tests.support.live import eventually

__all__ = ["model", "started"]  # fixtures


def test_a_blob_of_the_old_recipe_keeps_its_keywords_and_is_embedded_again() -> None:
    old = HybridIndex(HashingEmbedder())
    old.add_documents(items(), embed=False)
    records = [
        (info, chunks, old_recipe_vectors(chunks))
        for info in old.documents()
        for chunks in [old.chunks(info.doc_id)]
    ]
    blob = dump_index(records, HashingEmbedder().name)  # recipe 1 filed under the bare name

    model = HashingEmbedder()
    loaded = HybridIndex.from_bytes(blob, model)
    assert loaded.search("lead time", 1)[0].dense_pending  # keyword search until re-embedded
    assert sorted(loaded.ensure_vectors()) == sorted(info.doc_id for info in old.documents())
    chunks = [c for info in loaded.documents() for c in loaded.chunks(info.doc_id)]
    assert sorted(model.embedded) == sorted({c.embedded_text for c in chunks})
    assert loaded.search("lead time", 1)[0].mode == "hybrid"

    again = HashingEmbedder()
    assert HybridIndex.from_bytes(loaded.to_bytes(), again).ensure_vectors() == []
    assert again.embedded == [], "the new recipe's vectors are kept"


async def test_a_stored_index_of_the_old_recipe_is_re_embedded_once_in_the_background(
    fresh_db: Database, started: list[asyncio.Task[None]], model: SlowModel
) -> None:
    kb = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, model))
    await kb.load_bundled()
    passages = await store_old_recipe_vectors(fresh_db, model.name)
    started.append(kb.start(load_bundled=False))

    # Found stale at start: every passage is embedded again, with progress, and questions get
    # keyword answers meanwhile.
    early = await kb.search(TIER_QUESTION, k=5)
    assert _tier_one(early)
    assert all(hit.dense_pending and hit.mode == "bm25" for hit in early)
    state = await eventually(
        lambda: kb.state if kb.state.total else None, timeout=10, message="embedding progress"
    )
    assert (state.status, state.search, state.done) == ("building", "keyword", 0)
    assert state.total == len({c.embedded_text for c in passages})

    model.loaded.set()
    await eventually(lambda: kb.state.status == "ready", timeout=20, message="index ready")
    assert sorted(model.embedded) == sorted({c.embedded_text for c in passages})
    assert all(hit.mode == "hybrid" for hit in await kb.search(TIER_QUESTION, k=5))

    restarted = HashingEmbedder()  # the new recipe's vectors were stored: no second re-embed
    again = KnowledgeService(fresh_db, KnowledgeIndex(fresh_db, restarted))
    assert _tier_one(await again.search(TIER_QUESTION))
    assert restarted.embedded == []


def old_recipe_vectors(chunks: list[Chunk]) -> FloatArray:
    """What recipe 1 embedded: `indexed_text`, the title and the whole section path."""
    return HashingEmbedder().embed_documents([c.indexed_text for c in chunks])


async def store_old_recipe_vectors(db: Database, embedder_name: str) -> list[Chunk]:
    """Store every document's recipe-1 vectors as a release before this one did (under the bare
    embedder name); the chunks they were made for."""
    passages: list[Chunk] = []
    async with db.write() as session:
        repository = KnowledgeRepository(session)
        for document in await repository.all():
            chunks = chunk_text(document.key, document.title, document.text)
            passages += chunks
            vectors = old_recipe_vectors(chunks)
            await repository.store_vectors(document, embedder_name, vectors)
    return passages
