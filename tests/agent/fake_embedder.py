"""A stand-in for MiniLM in the tests of the readers with sentence embeddings: vectors from a
hash of each word (deterministic, no model files, similar texts alike)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class FakeEmbedder:
    """Vectors from a hash of each word: deterministic, no model, similar texts alike."""

    def __init__(self, folder: Path, *, broken: bool = False) -> None:
        self.model_file = folder / "fake.onnx"
        self.cache_dir = folder
        self.broken = broken

    def embed_query(self, text: str) -> np.ndarray:
        if self.broken:
            raise RuntimeError("the ONNX session failed")
        vector = np.zeros(16)
        for word in text.split():
            vector[hashlib.sha256(word.encode()).digest()[0] % 16] += 1.0
        return vector / max(float(np.linalg.norm(vector)), 1e-9)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.embed_query(text) for text in texts])
