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


class Vectors(Protocol):
    """What training needs of an embedder (the ONNX one here, a hashing fake in tests)."""

    def embed_documents(self, texts: Sequence[str]) -> Any: ...


class JointModel:
    """A classifier on MiniLM's sentence vector next to word and character n-grams, for the
    readers that have one (the acts here, the clauses' roles, the kinds of campaign): loaded in
    the background by a `MiniLMLoader`, trained once in a child process (`python -m module
    PATH`) and cached beside the embedder's model, keyed by what it learns from and that model.
    Any failure leaves it off, and its reader's fallback (n-grams, rules) in charge."""

    def __init__(
        self,
        name: str,
        module: str,
        source: Callable[[], str],
        examples: Callable[[], Sequence[tuple[str, str]]],
        *,
        remembered: int = 2048,
        then: Callable[[], object] | None = None,
    ) -> None:
        """`name`: its thread's and cache file's; `module`: the one whose main trains it;
        `source`: what it learns from as one text (the cache's key); `examples`: that source as
        (label, text); `remembered`: how many texts' vectors stay cached; `then`: what else its
        reader builds once it is loaded, on the loading thread (not on a user's first turn)."""
        self.name, self.module = name, module
        self._source, self._examples = source, examples
        # Off: `start` does nothing (the agent tests read without it on every machine).
        self.enabled = True
        self.find: Callable[[], OnnxEmbedder | None] = local_embedder  # a fake in tests
        self.in_child = True  # tests train in their own process (the child knows no fake)
        self._scorer: Scorer | None = None
        self._embedder: OnnxEmbedder | None = None
        self._loader = MiniLMLoader(name, self._load)
        self._vector = lru_cache(maxsize=remembered)(self._embed)
        self._then = then

    def cache_file(self, embedder: OnnxEmbedder) -> Path:
        key = cache_key((self._source() + embedder.model_file.name).encode())
        return embedder.cache_dir / f"{self.name}-{key}.npz"

    def train(self, embedder: Vectors) -> Scorer:
        rows = self._examples()
        texts = [features(text) for _, text in rows]
        vectors = embedder.embed_documents(texts)
        model = fit_with_vectors(texts, vectors, [label for label, _ in rows], max_iter=3000)
        return Scorer.from_pipeline(model, dense=vectors.shape[1])

    def start(self) -> threading.Thread | None:
        """The loading thread (started now when MiniLM is built); None without MiniLM."""
        return self._loader.start(self.enabled, self.find)

    def wait(self) -> None:
        self._loader.wait()

    def state(self) -> str:
        """For `/readyz`: "on" (it reads), "loading" (its fallback until it is in), or "off"
        (no built MiniLM, turned off, not started yet, or it failed)."""
        if self._scorer is not None and self._embedder is not None:
            return "on"
        return "loading" if self._loader.loading() else "off"

    def current(self) -> Scorer | None:
        return self._scorer if self._embedder is not None else None

    def classes(self) -> list[str]:
        return list(self._scorer.classes) if self._scorer is not None else []

    def probabilities(self, text: str) -> Any | None:
        """Its probabilities for `text` (already `features`-normalised), in `classes` order, or
        None while it is not loaded."""
        if self._scorer is None or self._embedder is None:
            return None
        return self._scorer.probabilities(text, self._vector(text))

    def vector(self, text: str) -> Any | None:
        """`text`'s MiniLM vector (unit length), or None while the embedder is not loaded."""
        return None if self._embedder is None else self._vector(text)

    def embed_documents(self, texts: Sequence[str]) -> Any:
        """The vectors of `texts` from the loaded embedder (call only when `vector` gives one)."""
        assert self._embedder is not None
        return self._embedder.embed_documents(texts)

    def embedder_id(self) -> int:
        """Which loaded embedder: vectors cached from one are not mixed with another's."""
        return id(self._embedder)

    def reset(self) -> None:
        """Forget the model and the vectors (tests)."""
        self._scorer, self._embedder = None, None
        self._loader.reset()
        self._vector.cache_clear()

    def train_to(self, path: Path) -> None:
        """The child's work: train on the built MiniLM and write the arrays to `path`."""
        embedder = local_embedder()
        if embedder is None:
            raise SystemExit("no built local embedder")
        self.train(embedder).save(path)

    def _load(self, embedder: OnnxEmbedder) -> None:
        path = self.cache_file(embedder)
        try:
            if not path.exists():
                if self.in_child:
                    train_in_child(self.module, path, self.name)
                else:
                    self.train(embedder).save(path)
            scorer = Scorer.load(path)
            embedder.embed_query("warm up")  # loads the ONNX session now, not on a user's turn
        except Exception as error:  # any failure leaves the reader's fallback in charge
            log.warning(f"agent.{self.name.replace('-', '_')}_unavailable", error=str(error))
            return
        self._scorer, self._embedder = scorer, embedder
        if self._then is not None:
            try:
                self._then()
            except Exception as error:  # built on first use instead, as before
                log.warning(f"agent.{self.name.replace('-', '_')}_warm_up", error=str(error))

    def _embed(self, text: str) -> Any:
        assert self._embedder is not None
        return np.asarray(self._embedder.embed_query(text), dtype=np.float64)


# The act classifier's: read by `mcc.agent.acts.classify` once loaded, the n-grams until then.
MODEL = JointModel("acts-embedded", __name__, training_text, lambda: labelled(str))


def _reset() -> None:
    """Forget the joint model and which MiniLM there is (tests)."""
    MODEL.reset()
    _candidate.cache_clear()


if __name__ == "__main__":  # the child of `start`: train and write the joint model to PATH
    exit_with_parent()
    MODEL.train_to(Path(sys.argv[1]))
