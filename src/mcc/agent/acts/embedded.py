"""The act classifier with sentence embeddings: the shipped MiniLM's vector next to the n-grams.

The n-grams know the words they were trained on; the embedding carries a reply over to words
they never saw ("toss-up" near "50/50", "ace" near "great"). On the blind act set's DEV half
(`scripts/act_set_eval.py`, tuned on) the joint model gives more messages their act than the
n-grams alone (see the README), so it is used once it is ready, and the n-gram model until then:

- the embedder is the local MiniLM int8 on ONNX Runtime, only when the knowledge base has already
  built and cached it (building it takes minutes; it is never built here), loaded in a background
  thread: a first message never waits for it, and nothing goes over the network;
- the joint model trains in a child process (it embeds every example, about ten seconds) and is
  cached next to the embedder's built model (one per machine, like it: every data directory and
  every test run shares it), keyed by the examples and the embedder's model file, so the same
  text always gets the same act once both are loaded;
- a message embeds in a few milliseconds, once (its vector is cached).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from mcc.agent.acts.corpus import features, labelled, training_text
from mcc.agent.acts.scorer import Scorer, cache_key
from mcc.agent.acts.training import exit_with_parent, fit_with_vectors, train_in_child
from mcc.logging import get_logger

if TYPE_CHECKING:  # pragma: no cover
    from mcc.knowledge.embedders.onnx import OnnxEmbedder

log = get_logger(__name__)

# Off: `start` does nothing (the agent tests read with the n-gram model on every machine,
# whether or not it has built MiniLM).
enabled = True
_model: Scorer | None = None
_embedder: OnnxEmbedder | None = None
# A new installation's knowledge base builds MiniLM at its first use, a minute or more into the
# server's first run: `start` (called on every turn) looks for it again at most this often.
LOOK_AGAIN_AFTER = 10.0
_now = time.monotonic  # replaced in tests


class MiniLMLoader:
    """The background start of a model that needs the built MiniLM (this module's, the
    contextual span tagger's): a thread that loads it, or trains it in a child and caches it,
    started once MiniLM is found, looked for at most every `LOOK_AGAIN_AFTER` seconds."""

    def __init__(self, name: str, load: Callable[[OnnxEmbedder], None]) -> None:
        self._name, self._load = name, load
        self._thread: threading.Thread | None = None
        self._next_look = float("-inf")
        self._lock = threading.Lock()

    def start(
        self, enabled: bool, find: Callable[[], OnnxEmbedder | None]
    ) -> threading.Thread | None:
        """The loading thread, started now if `find` gives the built MiniLM; None without."""
        with self._lock:
            if self._thread is not None or not enabled or _now() < self._next_look:
                return self._thread
            self._next_look = _now() + LOOK_AGAIN_AFTER
            embedder = find()
            if embedder is None:
                return None
            self._thread = threading.Thread(
                target=self._load, args=(embedder,), name=self._name, daemon=True
            )
            self._thread.start()
            return self._thread

    def wait(self) -> None:
        """Until the background load is over (an evaluation reads every turn the same way)."""
        if self._thread is not None:
            self._thread.join()

    def loading(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def reset(self) -> None:
        self._thread, self._next_look = None, float("-inf")


def local_embedder() -> OnnxEmbedder | None:
    """The shipped MiniLM on ONNX Runtime when its int8 model is already built, else None."""
    embedder = _candidate()
    if embedder is None or not embedder.model_file.is_file():
        return None
    return embedder


def unbuilt_embedder() -> OnnxEmbedder | None:
    """The shipped MiniLM when it could be built here but is not yet (`mcc agent eval` builds it:
    loading it once builds and caches the int8 model, as the knowledge base's first index does)."""
    embedder = _candidate()
    if embedder is None or embedder.model_file.is_file():
        return None
    return embedder


@lru_cache(maxsize=1)
def _candidate() -> OnnxEmbedder | None:
    """The ONNX embedder, built or not (None without weights or ONNX Runtime). One a process:
    its `model_file` hashes the weights (~70 ms) once, so a later look is a `stat`."""
    from mcc.knowledge.embedders.local import default_embedder
    from mcc.knowledge.embedders.onnx import OnnxEmbedder

    embedder = default_embedder("onnx")
    return embedder if isinstance(embedder, OnnxEmbedder) else None


def cache_file(embedder: OnnxEmbedder) -> Path:
    key = cache_key((training_text() + embedder.model_file.name).encode())
    return embedder.cache_dir / f"acts-embedded-{key}.npz"


class Vectors(Protocol):
    """What training needs of an embedder (the ONNX one here, a hashing fake in tests)."""

    def embed_documents(self, texts: Sequence[str]) -> Any: ...


def train(embedder: Vectors) -> Scorer:
    """The joint model (n-grams and embedding) trained on the act examples."""
    rows = labelled(str)
    texts = [features(text) for _, text in rows]
    vectors = embedder.embed_documents(texts)
    model = fit_with_vectors(texts, vectors, [act for act, _ in rows], max_iter=3000)
    return Scorer.from_pipeline(model, dense=vectors.shape[1])


def start() -> threading.Thread | None:
    """Load (or train, in a child, and cache) the joint model and the embedder in a background
    thread; `classify` uses them once both are ready. None when there is no built embedder."""
    return _loader.start(enabled, lambda: local_embedder())


def wait() -> None:
    _loader.wait()


def _load(embedder: OnnxEmbedder) -> None:
    global _model, _embedder
    path = cache_file(embedder)
    try:
        if not path.exists():
            train_in_child(__name__, path, "the act classifier with embeddings")
        model = Scorer.load(path)
        embedder.embed_query("warm up")  # loads the ONNX session now, not on a user's turn
    except Exception as error:  # any failure leaves the n-gram model in charge
        log.warning("agent.acts_embedded_unavailable", error=str(error))
        return
    _model, _embedder = model, embedder


_loader = MiniLMLoader("acts-embedded", _load)


def state() -> str:
    """For `/readyz`: "on" (the joint model reads), "loading" (n-grams until it is in), or
    "off" (n-grams only: no built MiniLM, turned off, not started yet, or it failed)."""
    if _model is not None and _embedder is not None:
        return "on"
    if _loader.loading():
        return "loading"
    return "off"


def probabilities(text: str) -> Any | None:
    """The joint model's probabilities for `text` (already `features`-normalised), or None
    while it is not ready."""
    if _model is None or _embedder is None:
        return None
    return _model.probabilities(text, _vector(text))


def vector(text: str) -> Any | None:
    """`text`'s MiniLM vector (unit length), or None while the embedder is not loaded."""
    return None if _embedder is None else _vector(text)


def embed_documents(texts: Sequence[str]) -> Any:
    """The vectors of `texts` from the loaded embedder (call only when `vector` gives one)."""
    assert _embedder is not None
    return _embedder.embed_documents(texts)


def embedder_id() -> int:
    """Which loaded embedder: vectors cached from one are not mixed with another's."""
    return id(_embedder)


@lru_cache(maxsize=2048)
def _vector(text: str) -> Any:
    assert _embedder is not None
    return np.asarray(_embedder.embed_query(text), dtype=np.float64)


def _reset() -> None:
    """Forget the joint model (tests)."""
    global _model, _embedder
    _model, _embedder = None, None
    _loader.reset()
    _vector.cache_clear()
    _candidate.cache_clear()


def _train_to(path: Path) -> None:
    embedder = local_embedder()
    if embedder is None:
        raise SystemExit("no built local embedder")
    train(embedder).save(path)


if __name__ == "__main__":  # the child of `start`: train and write the joint model to PATH
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
