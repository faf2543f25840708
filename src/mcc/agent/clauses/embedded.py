"""The clause tagger with sentence embeddings: the shipped MiniLM's vector next to the n-grams.

The n-grams know the words of the labelled clauses; a clause in words none of them used ("a
busier Tuesday night", "shift the last 200 tickets") falls to whichever role shares its nouns.
Held out, on a corpus written blind after the others (`written/clauses-w46.tsv`, trained on the
rest), the joint model labels more clauses right than the n-grams alone (see `written/README.md`),
so it is used once it is ready, and the n-gram model until then, exactly like the act classifier's
embeddings (`mcc.agent.acts.embedded`):

- only when the knowledge base has already built and cached MiniLM (it is never built here),
  loaded in a background thread: a first message never waits for it, nothing is downloaded;
- trained in a child process (embedding every labelled clause: seconds) and cached next to the
  embedder's built model, keyed by the clause corpus and the model file;
- each clause embeds once (its vector is cached).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mcc.agent.acts import features
from mcc.agent.acts.embedded import MiniLMLoader, Vectors, local_embedder
from mcc.agent.acts.scorer import Scorer, cache_key
from mcc.agent.acts.training import exit_with_parent, fit_with_vectors, train_in_child
from mcc.logging import get_logger

if TYPE_CHECKING:  # pragma: no cover
    from mcc.knowledge.embedders.onnx import OnnxEmbedder

log = get_logger(__name__)

# Off: `start` does nothing (the agent tests tag clauses with the n-gram model on every machine).
enabled = True
_model: Scorer | None = None
_embedder: OnnxEmbedder | None = None


def cache_file(embedder: OnnxEmbedder) -> Path:
    from mcc.agent.clauses.corpus import training_source

    key = cache_key((training_source() + embedder.model_file.name).encode())
    return embedder.cache_dir / f"clauses-embedded-{key}.npz"


def train(embedder: Vectors) -> Scorer:
    """The joint model (n-grams and embedding) trained on the labelled clauses."""
    from mcc.agent.clauses.corpus import examples

    rows = examples()
    texts = [features(text) for _, text in rows]
    vectors = embedder.embed_documents(texts)
    labels = [role.value for role, _ in rows]
    model = fit_with_vectors(texts, vectors, labels, max_iter=3000)
    return Scorer.from_pipeline(model, dense=vectors.shape[1])


def start() -> Any:
    """Load (or train, in a child, and cache) the joint model and the embedder in a background
    thread; `tag` uses them once both are ready. None when there is no built embedder."""
    return _loader.start(enabled, lambda: local_embedder())


def wait() -> None:
    _loader.wait()


def _load(embedder: OnnxEmbedder) -> None:
    global _model, _embedder
    path = cache_file(embedder)
    try:
        if not path.exists():
            train_in_child(__name__, path, "the clause tagger with embeddings")
        model = Scorer.load(path)
        embedder.embed_query("warm up")  # loads the ONNX session now, not on a user's turn
    except Exception as error:  # any failure leaves the n-gram model in charge
        log.warning("agent.clauses_embedded_unavailable", error=str(error))
        return
    _model, _embedder = model, embedder


_loader = MiniLMLoader("clauses-embedded", _load)


def state() -> str:
    """ "on" (the joint model tags), "loading" (n-grams until it is in), or "off"."""
    if _model is not None and _embedder is not None:
        return "on"
    return "loading" if _loader.loading() else "off"


def current() -> Scorer | None:
    return _model if _embedder is not None else None


def probabilities(text: str) -> Any | None:
    """The joint model's probabilities for `text` (already `features`-normalised), or None
    while it is not ready."""
    if _model is None or _embedder is None:
        return None
    return _model.probabilities(text, _vector(text))


@lru_cache(maxsize=4096)
def _vector(text: str) -> Any:
    assert _embedder is not None
    return np.asarray(_embedder.embed_query(text), dtype=np.float64)


def _reset() -> None:
    """Forget the joint model (tests)."""
    global _model, _embedder
    _model, _embedder = None, None
    _loader.reset()
    _vector.cache_clear()


def _train_to(path: Path) -> None:
    embedder = local_embedder()
    if embedder is None:
        raise SystemExit("no built local embedder")
    train(embedder).save(path)


if __name__ == "__main__":  # the child of `start`: train and write the joint model to PATH
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
