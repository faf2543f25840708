"""The local model in a child process (what a server uses) embeds exactly as in-process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mcc.knowledge.embedders import EmbedderUnavailableError, SentenceTransformerEmbedder
from mcc.knowledge.embedders.process import ProcessEmbedder
from mcc.knowledge.index import HybridIndex
from mcc.knowledge.parsing import ParsedDocument


def test_the_child_process_gives_the_same_vectors(minilm: SentenceTransformerEmbedder) -> None:
    child = ProcessEmbedder(minilm.model_path, name=minilm.name)
    try:
        texts = ["Tier 1 campaigns are approved by the VP of Marketing.", "Seed tests first."]
        assert np.allclose(child.embed_documents(texts), minilm.embed_documents(texts), atol=1e-5)
        query = child.embed_query("who approves tier 1")
        assert query.shape == (384,)
        assert np.allclose(query, minilm.embed_query("who approves tier 1"), atol=1e-5)
        assert child.embed_documents([]).shape[0] == 0
    finally:
        child.close()


def test_a_missing_model_means_keyword_search_not_an_outage(tmp_path: Path) -> None:
    child = ProcessEmbedder(tmp_path / "no-model", name="missing")
    try:
        with pytest.raises(EmbedderUnavailableError):
            child.embed_query("anything")
        index = HybridIndex(embedder=child)
        index.add_document("tiers", ParsedDocument(title="Tiers", text="The VP approves Tier 1."))
        (hit,) = index.search("who approves tier 1", 1)
        assert (hit.document.doc_id, hit.mode) == ("tiers", "bm25")
        assert not index.dense_available
    finally:
        child.close()
