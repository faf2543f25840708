"""Dense retrieval helpers: batched embedding with progress, content keys, an on-disk cache.

Vectors are keyed by a hash of the exact text embedded (`text_key`), which is what lets the index
re-add a changed document while re-embedding only the chunks whose text changed, and lets an
evaluation run reuse the vectors of an earlier run instead of spending minutes on a CPU.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from mcc.knowledge.embedders import Embedder, FloatArray, normalise_rows

__all__ = ["CachedEmbedder", "ProgressCallback", "embed_batched", "text_key"]

ProgressCallback = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages: "embed", "index", "query:<mode>"."""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def embed_batched(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    progress: ProgressCallback | None = None,
) -> FloatArray:
    """Embed in batches so a long corpus reports progress; returns (len(texts), dim) rows."""
    parts: list[FloatArray] = []
    if progress:
        progress("embed", 0, len(texts))
    for i in range(0, len(texts), batch_size):
        parts.append(normalise_rows(embedder.embed_documents(texts[i : i + batch_size])))
        if progress:
            progress("embed", min(i + batch_size, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.concatenate(parts).astype(np.float32, copy=False)


class CachedEmbedder:
    """Wraps an embedder with a content-addressed cache in ``directory`` (one ``.npz`` per model).

    For evaluation and tuning runs only: the cache is never pruned. Call `flush` once the
    embedding is done to write what is new (writing after every batch rewrote the whole file).
    """

    def __init__(self, inner: Embedder, directory: Path) -> None:
        self.inner = inner
        self.path = directory / (re.sub(r"[^A-Za-z0-9_.-]+", "_", inner.name) + ".npz")
        self._vectors: dict[str, FloatArray] = {}
        self._dirty = False
        if self.path.is_file():
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
                self._vectors = {str(k): vectors[i] for i, k in enumerate(keys)}

    @property
    def name(self) -> str:
        return self.inner.name

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        keys = [text_key(t) for t in texts]
        by_key = dict(zip(keys, texts, strict=True))
        missing = [k for k in by_key if k not in self._vectors]
        if missing:
            made = normalise_rows(self.inner.embed_documents([by_key[k] for k in missing]))
            self._vectors.update(zip(missing, made, strict=True))
            self._dirty = True  # written by `flush`, once, not for every batch
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> FloatArray:
        key = "q:" + text_key(text)
        if key not in self._vectors:
            self._vectors[key] = normalise_rows(self.inner.embed_query(text))[0]
            self._dirty = True
        return self._vectors[key]

    def flush(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype=str)
        vectors = np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, 0))
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors.astype(np.float32))
        tmp.replace(self.path)
        self._dirty = False
