"""An upload answers once the document is stored and searchable by keyword; its embedding goes on
in the background, with progress, and a failure leaves it found by keyword and reported.

The embedder here blocks until the test opens its gate, so "before the embedding ends" is a
state the test holds, not a race it hopes to win."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator, Sequence

import httpx
import pytest
from fastapi import FastAPI

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.knowledge.embedders import EmbedderError, FloatArray
from mcc.knowledge.index import DocumentInput, HybridIndex
from mcc.knowledge.indexing import KnowledgeIndex
from mcc.knowledge.parsing import ParsedDocument
from mcc.knowledge.service import KnowledgeService
from tests.auth.conftest import admin, app
from tests.auth.support import Browser
from tests.knowledge.conftest import HashingEmbedder
from tests.support.graphql import gql, upload_document
from tests.support.live import eventually

__all__ = ["admin", "app"]  # the web form's fixtures
RARE = "quillwort"  # in the big upload only
SEARCH = """query S($q: String!) { searchKnowledge(query: $q, k: 3) { path mode note } }"""


class GatedEmbedder(HashingEmbedder):
    """Embeds while its gate is open; with the gate shut, embedding waits in its worker thread
    until the test opens it, or fails (`broken`) until the test mends it."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()
        self.waiting = threading.Event()  # an embedding is held at the gate
        self.broken = False

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        if self.broken:
            raise EmbedderError("the embedding service answered 503", retryable=True)
        if not self.gate.is_set():
            self.waiting.set()
            assert self.gate.wait(30), "the test never opened the gate"
        return super().embed_documents(texts)


@pytest.fixture
def model() -> Iterator[GatedEmbedder]:
    gated = GatedEmbedder()
    yield gated
    gated.gate.set()  # an embedding still held must not outlive the test


def handbook(words: int = 60_000) -> bytes:
    """A big Markdown handbook: many sections of ordinary prose, one rare word near the end."""
    filler = "Campaign owners review the brief with the channel leads before launch. "
    sections = [f"## Section {n}\n\n{filler * 20}\n" for n in range(words // 200)]
    sections[-3] += f"\nPress kits are archived in the {RARE} folder after every launch.\n"
    return ("# Team Handbook\n\n" + "\n".join(sections)).encode()


async def built(db: Database, model: HashingEmbedder, **options: float) -> KnowledgeService:
    """A service whose complete index is built over the bundled playbooks (as after start-up)."""
    kb = KnowledgeService(db, KnowledgeIndex(db, model, **options))
    await kb.load_bundled()
    await kb.index.index()
    return kb


@pytest.fixture
async def api(
    db: Database, settings: Settings, auth_headers: dict[str, str], model: GatedEmbedder
) -> AsyncIterator[tuple[httpx.AsyncClient, KnowledgeService]]:
    app = create_app(settings, database=db)
    kb = app.state.knowledge = await built(db, model)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=auth_headers
    ) as client:
        yield client, kb
    await kb.index.close()


async def test_a_big_upload_answers_and_is_found_by_keyword_before_its_embedding_ends(
    api: tuple[httpx.AsyncClient, KnowledgeService], model: GatedEmbedder
) -> None:
    client, kb = api
    model.gate.clear()
    body = await upload_document(client, "handbook.md", handbook())
    # The answer came while the embedding is held: the upload did not wait for it.
    assert body["data"] == {"uploadKnowledgeDocument": {
        "added": ["uploads/handbook.md"], "changed": [], "unchanged": []}}  # fmt: skip
    assert not model.gate.is_set()
    await asyncio.to_thread(model.waiting.wait, 10)
    state = kb.state
    assert (state.status, state.stage, state.search) == (
        "building",
        "embedding new documents",
        "hybrid",
    )
    assert state.as_json()["keywordOnly"] == 1
    assert "found by keyword only until embedded" in state.describe()

    early = (await gql(client, SEARCH, {"q": f"where are press kits archived {RARE}"}))["data"]
    hit = early["searchKnowledge"][0]
    assert hit["path"] == "uploads/handbook.md"
    assert hit["mode"] == "KEYWORD_WHILE_LOADING"
    assert hit["note"] == "keyword search while the semantic index loads"
    # The playbooks, embedded long ago, are still answered by hybrid search meanwhile.
    tiers = (await gql(client, SEARCH, {"q": "Who approves a Tier 1 campaign?"}))["data"]
    assert tiers["searchKnowledge"][0]["mode"] == "HYBRID"

    model.gate.set()
    await eventually(lambda: kb.state.status == "ready", timeout=60, message="embedded")
    assert kb.state.keyword_only == 0
    late = (await gql(client, SEARCH, {"q": f"where are press kits archived {RARE}"}))["data"]
    assert late["searchKnowledge"][0] == {"path": "uploads/handbook.md", "mode": "HYBRID",
                                          "note": None}  # fmt: skip

    restarted = HashingEmbedder()  # the vectors were stored: a restart embeds nothing
    again = KnowledgeIndex(kb.db, restarted)
    assert (await again.search(RARE, 1, None))[0].mode == "hybrid"
    assert restarted.embedded == []


async def test_a_bad_upload_is_refused_and_changes_nothing(
    api: tuple[httpx.AsyncClient, KnowledgeService], model: GatedEmbedder
) -> None:
    client, kb = api
    before = kb.state
    refused = await upload_document(client, "empty.md", b"# Only a heading\n")
    assert refused["errors"]
    assert kb.state.documents == before.documents
    assert kb.state.keyword_only == 0  # nothing waits to be embedded
    assert kb.state.status == before.status


async def test_an_embedding_failure_keeps_the_document_found_by_keyword_and_says_so(
    fresh_db: Database, model: GatedEmbedder
) -> None:
    kb = await built(fresh_db, model, retry_first=0.05)
    model.broken = True
    try:
        report = await kb.ingest_upload("handbook.md", handbook(4_000), None)
        assert report.added == ["uploads/handbook.md"]
        state = await eventually(
            lambda: kb.state if kb.state.attempts >= 2 else None, timeout=10, message="retries"
        )
        assert state.status == "failed"
        assert state.reason is not None
        assert "embedding 1 document" in state.reason
        assert "503" in state.reason
        assert state.as_json()["keywordOnly"] == 1
        (hit,) = await kb.search(RARE, 1)
        assert hit.document.doc_id == "uploads/handbook.md"
        assert hit.dense_pending
        assert hit.mode == "bm25"

        model.broken = False  # the service is back: the retry embeds it
        await eventually(lambda: kb.state.status == "ready", timeout=15, message="recovered")
        assert kb.state.reason is None
        (hit,) = await kb.search(RARE, 1)
        assert (hit.mode, hit.dense_pending) == ("hybrid", False)
    finally:
        await kb.index.close()


async def test_another_worker_finds_the_upload_by_keyword_and_takes_the_stored_vectors(
    fresh_db: Database, model: GatedEmbedder
) -> None:
    """`mcc serve --workers N`: the uploading worker embeds; the others do not embed it too."""
    uploading = await built(fresh_db, model)
    other_model = HashingEmbedder()
    other = await built(fresh_db, other_model)
    told: list[bool] = []
    uploading.index.on_change = told.append
    try:
        model.gate.clear()
        await uploading.ingest_upload("handbook.md", handbook(4_000), None)
        assert told == [True]  # "K embedding": vectors follow
        embedded_before = len(other_model.embedded)
        await other.index.refresh(embed=False)
        (hit,) = await other.search(RARE, 1)
        assert (hit.document.doc_id, hit.dense_pending) == ("uploads/handbook.md", True)
        assert len(other_model.embedded) == embedded_before

        model.gate.set()
        await eventually(lambda: told == [True, False], timeout=30, message="vectors stored")
        await other.index.refresh(embed=True)
        (hit,) = await other.search(RARE, 1)
        assert (hit.mode, hit.dense_pending) == ("hybrid", False)
        assert len(other_model.embedded) == embedded_before  # it took the stored vectors
    finally:
        await uploading.index.close()
        await other.index.close()


async def test_the_web_form_answers_before_the_embedding_ends(
    app: FastAPI, admin: Browser, db: Database, model: GatedEmbedder
) -> None:
    kb = app.state.knowledge = await built(db, model)
    try:
        model.gate.clear()
        sent = await admin.client.post(
            "/knowledge/upload",
            files={"file": ("handbook.md", handbook(4_000), "text/markdown")},
            headers=admin.htmx,
        )
        assert sent.status_code == 204
        assert not model.gate.is_set()
        page = (await admin.client.get("/knowledge")).text
        assert "embedding new documents" in page
        assert "found by keyword only until embedded" in page
        found = await admin.client.get("/knowledge", params={"q": RARE})
        assert "uploads/handbook.md" in found.text
        model.gate.set()
        await eventually(lambda: kb.state.status == "ready", timeout=30, message="embedded")
    finally:
        await kb.index.close()


def test_an_index_ranks_a_document_not_yet_embedded_by_its_keywords() -> None:
    model = HashingEmbedder()
    index = HybridIndex(model)
    index.add_document("tiers.md", ParsedDocument("Tiers", "The VP approves Tier 1 campaigns."))
    index.add_documents([_input("kits.md", f"Press kits live in the {RARE} folder.")], embed=False)
    assert index.keyword_only() == ["kits.md"]
    (hit,) = index.search(RARE, 1)
    assert (hit.document.doc_id, hit.mode, hit.dense_pending) == ("kits.md", "bm25", True)
    assert hit.dense_score is None
    assert hit.score == pytest.approx(1.0)  # its keyword side counts for both: a full score
    tier = index.search("who approves tier 1", 1)[0]
    assert (tier.mode, tier.dense_pending) == ("hybrid", False)
    assert index.ensure_vectors() == ["kits.md"]
    assert index.keyword_only() == []
    (hit,) = index.search(RARE, 1)
    assert (hit.mode, hit.dense_pending) == ("hybrid", False)


def _input(key: str, text: str) -> DocumentInput:
    return DocumentInput(key, ParsedDocument(key, text))
