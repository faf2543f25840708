"""The contextual span tagger: the lexical tagger's features and each token's MiniLM vector.

The lexical tagger knows the words and neighbours it was trained on; a writer who never saw its
corpus phrases an objective in words it never met, and it stops or starts the value elsewhere.
The shipped MiniLM's last hidden state gives each wordpiece a vector of the sentence around it;
a token's vector (the mean of its wordpieces', scaled by `SCALE`), and its neighbours' when
`WINDOW`, become more columns of the same logistic regression. On the blind split (trained on
w17's messages, tested on w18's, `scripts/objective_losses.py --contextual`) it finds more
values with their exact boundaries (see the README), so it is used once it is ready, and the
lexical tagger until then, exactly as the act classifier's embeddings (`mcc.agent.acts.embedded`):

- only when the knowledge base has already built and cached the int8 MiniLM (it is never built
  here), loaded in a background thread: a first message never waits, nothing is downloaded;
- trained in a child (`train_in_child`: embedding every example and fitting; 2.7 minutes on a
  2-core machine at load 1.5 with six written corpora, a peak of 2.8 GB resident: see the
  README) and cached next to the embedder's model, one per machine, keyed by the training text,
  the model file and `FORMAT`; loaded without scikit-learn;
- a message's tokens cost one run of the model (a few milliseconds) a turn.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from mcc.agent.acts.embedded import MiniLMLoader, local_embedder
from mcc.agent.acts.scorer import cache_key
from mcc.agent.acts.training import exit_with_parent, train_in_child
from mcc.agent.span_tagger.corpus import Message, examples, source
from mcc.agent.span_tagger.features import Token, tokens
from mcc.agent.span_tagger.model import TokenModel, fit, training_rows
from mcc.logging import get_logger

if TYPE_CHECKING:  # pragma: no cover
    from mcc.knowledge.embedders.onnx import OnnxEmbedder

log = get_logger(__name__)

FORMAT = 2  # bump when the vectors' columns, the stored arrays or the fitting change (2: float32)
# The vectors' weight against the lexical features under one regularisation (blind split:
# 1.0 let them overfit, 0.1 gave them too little say).
SCALE = 0.3
WINDOW = True  # the previous and next tokens' vectors too
REGULARISATION = 0.5
MAX_ITER = 600

# Off: `start` does nothing (the agent tests read with the lexical tagger on every machine,
# whether or not it has built MiniLM).
enabled = True
_tagger: Contextual | None = None
_lock = threading.Lock()


class TokenStates(Protocol):
    """What the tagger needs of an embedder (the ONNX MiniLM; a hashing fake in tests)."""

    def token_states(self, text: str) -> tuple[Any, list[tuple[int, int]]]: ...


def vectors(embedder: TokenStates, text: str, items: Sequence[Token]) -> Any:
    """One row a token: the mean of its wordpieces' states (zeros past the model's window),
    then its neighbours' (`WINDOW`), times `SCALE`."""
    states, offsets = embedder.token_states(text)
    width = states.shape[1]
    own = np.zeros((len(items), width), dtype=np.float32)
    for number, token in enumerate(items):
        pieces = [
            index
            for index, (start, end) in enumerate(offsets)
            if end > start and start < token.end and end > token.start
        ]
        if pieces:
            own[number] = states[pieces].mean(axis=0)
    if WINDOW:
        blank = np.zeros((1, width), dtype=np.float32)
        own = np.hstack([own, np.vstack([blank, own[:-1]]), np.vstack([own[1:], blank])])
    return own * SCALE


class Contextual:
    """The contextual model and the embedder that gives it each token's vector."""

    def __init__(self, model: TokenModel, embedder: TokenStates) -> None:
        self.model, self.embedder = model, embedder

    def spans(self, text: str, asked: str = "") -> list[tuple[str, int, int, float]]:
        items = tokens(text)
        if not items:
            return []
        return self.model.spans(text, asked, vectors(self.embedder, text, items))


def train(embedder: TokenStates, messages: Sequence[Message] | None = None) -> TokenModel:
    """The contextual model fitted on `messages` (by default `corpus.examples()`)."""
    chosen = examples() if messages is None else messages
    rows, tags = training_rows(chosen)
    columns = [vectors(embedder, m.text, tokens(m.text)) for m in chosen]
    return fit(rows, tags, regularisation=REGULARISATION, vectors=columns, max_iter=MAX_ITER)


def cache_file(embedder: OnnxEmbedder) -> Path:
    key = cache_key(f"{source()}|{embedder.model_file.name}|{FORMAT}".encode())
    return embedder.cache_dir / f"spans-contextual-{key}.npz"


def start() -> threading.Thread | None:
    """Load (or train, in a child, and cache) the model and the embedder in a background
    thread; `current` gives them once both are ready. None when there is no built embedder."""
    return _loader.start(enabled, lambda: local_embedder())


def wait() -> None:
    _loader.wait()


def _load(embedder: OnnxEmbedder) -> None:
    global _tagger
    path = cache_file(embedder)
    try:
        if not path.exists():
            train_in_child(__name__, path, "the contextual span tagger")
        model = TokenModel.load(path)
        if model.dense is None:
            raise ValueError("the contextual span tagger's cache has no dense coefficients")
        embedder.token_states("warm up")  # loads the ONNX session now, not on a user's turn
    except Exception as error:  # any failure leaves the lexical tagger in charge
        log.warning("agent.spans_contextual_unavailable", error=str(error))
        return
    with _lock:
        _tagger = _tagger or Contextual(model, embedder)


_loader = MiniLMLoader("spans-contextual", _load)


def install(tagger: Contextual | None) -> None:
    """Use `tagger` from now on (None: the lexical tagger; the measurements use this)."""
    global _tagger
    with _lock:
        _tagger = tagger


def current() -> Contextual | None:
    return _tagger


def state() -> str:
    """For `/readyz`: "on", "loading" (the lexical tagger until it is in) or "off"."""
    if _tagger is not None:
        return "on"
    if _loader.loading():
        return "loading"
    return "off"


def _reset() -> None:
    """Forget the model (tests)."""
    global _tagger
    _tagger = None
    _loader.reset()


def _train_to(path: Path) -> None:
    embedder = local_embedder()
    if embedder is None:
        raise SystemExit("no built local embedder")
    train(embedder).save(path)


if __name__ == "__main__":  # the child of `start`: train and write the model to PATH
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
