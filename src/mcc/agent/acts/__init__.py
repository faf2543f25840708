"""Dialogue acts: what a message does in the conversation (confirm, hold, change, ask...).

A small learned classifier (TF-IDF over words and character n-grams, then logistic regression)
trained on the labelled utterances in `examples.txt`. Character n-grams carry it over typos and
slang it never saw ("yse", "go ahed", "lgtm 👍"); words carry it over phrasing. Training takes
seconds on a busy machine, so it happens once per installation: off the event loop and outside
the server's interpreter (the assistant's runtime is built in a worker thread and calls
`warm_up(in_child=True)`), then the model is cached in the data directory and later starts load
it in milliseconds (`mcc.agent.acts.scorer`). Training is deterministic (fixed
data order, a deterministic solver), so the same text always gets the same act.

The classifier proposes; the rules that must be exact stay rules (`mcc.agent.guardrails`): an
explicit yes creates only when no question, hedge or condition vetoes it.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from mcc.agent.acts import embedded
from mcc.agent.acts.context import Context, weights
from mcc.agent.acts.corpus import features, labelled, normal, training_text
from mcc.agent.acts.scorer import Scorer, cache_key
from mcc.agent.acts.training import fit, train_in_child
from mcc.logging import get_logger

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.pipeline import Pipeline


__all__ = [
    "REPLIES",
    "Act",
    "Context",
    "Guess",
    "classify",
    "features",
    "normal",
    "train_ahead",
    "warm_up",
]


class Act(StrEnum):
    CONFIRM = "confirm"
    DECLINE = "decline"
    HOLD = "hold"
    CHANGE = "change"
    CANCEL = "cancel"
    QUESTION = "question"
    STATUS = "status"
    LIST = "list"
    SMALLTALK = "smalltalk"
    NEW_CAMPAIGN = "new_campaign"
    DETAILS = "details"
    UNSURE = "unsure"


# Acts that are a reply about the conversation, never a value for a field.
REPLIES = frozenset(
    {
        Act.CONFIRM,
        Act.DECLINE,
        Act.HOLD,
        Act.CANCEL,
        Act.QUESTION,
        Act.STATUS,
        Act.LIST,
        Act.SMALLTALK,
        Act.UNSURE,
    }
)


@dataclass(frozen=True)
class Guess:
    act: Act
    confidence: float  # the classifier's probability for `act`, 0..1


def examples() -> list[tuple[Act, str]]:
    """The labelled utterances (`examples.txt`, then each `written/*.tsv` by name); a
    malformed line is an error (a test loads them all). Contexts are not learned from: the
    context enters as a prior at scoring time (`mcc.agent.acts.context`)."""
    return labelled(Act)


# A new server's first turn waits for this fit: newton-cg takes half lbfgs's time here
# (`training.fit`). Part of the cache's name: a model cached by another solver is trained again.
SOLVER = "newton-cg"


def train() -> Pipeline:
    """The sklearn pipeline trained on `examples()` (tests compare `classify` with it)."""
    rows = examples()
    texts, acts = [features(text) for _, text in rows], [act.value for act, _ in rows]
    return fit(texts, acts, max_iter=2000, solver=SOLVER)


_model: Scorer | None = None
_lock = threading.Lock()
log = get_logger(__name__)


def cache_file(folder: Path) -> Path:
    """Where the model trained on today's `examples.txt` (and this scikit-learn) is cached."""
    return folder / "cache" / f"acts-{cache_key(f'{training_text()}|{SOLVER}'.encode())}.npz"


def warm_up(*, in_child: bool = False, cache: Path | None = None) -> None:
    """Load or train the classifier now (call it off the event loop; later calls return at once).

    `cache`: a data directory. A model cached there for the same examples and scikit-learn is
    loaded in milliseconds (no training, no scikit-learn import); otherwise the model is
    trained, written there, and loaded from the file.
    `in_child`: train in a fresh Python process. Fitting runs long stretches of compiled code
    that keep the GIL (seconds on a busy 2-core machine), which would starve a server's event
    loop even from a worker thread; a child process leaves the server's interpreter free. With
    a cache the child also writes the file, so the server never imports scikit-learn or
    unpickles a pipeline: it reads the arrays.
    """
    global _model
    with _lock:
        if _model is not None:
            return
        path = cache_file(cache) if cache is not None else None
        if path is not None and path.exists():
            try:
                _model = Scorer.load(path)
                return
            except ValueError as error:  # a damaged file: train again and overwrite it
                log.warning("agent.acts_cache_unreadable", path=str(path), error=str(error))
        if path is not None:
            try:
                _run(_train_to, path, in_child=in_child)
                _model = Scorer.load(path)
                return
            except (OSError, ValueError) as error:  # a read-only data directory, say
                log.warning("agent.acts_cache_unwritable", path=str(path), error=str(error))
        if not in_child:
            _model = Scorer.from_pipeline(train())
            return
        with tempfile.TemporaryDirectory(prefix="mcc-acts-") as folder:
            _run(_train_to, Path(folder) / "acts.npz", in_child=True)
            _model = Scorer.load(Path(folder) / "acts.npz")


def train_ahead(cache: Path) -> None:
    """Train the classifier for the data directory `cache` on a background thread, if none is
    cached there: `mcc serve` calls this first, so on a new data directory the child trains
    while the server imports and migrates (seconds), and a newcomer's first turn, which waits
    for the model, no longer starts the training. Only the file is written here; `warm_up`
    (the server's, or each worker's) loads it, waiting for this child through the file's lock
    rather than training again. A failure is logged: `warm_up` then trains and reports."""
    if cache_file(cache).exists():
        return
    log.info("agent.acts_training_ahead", data_dir=str(cache))
    threading.Thread(target=_train_ahead, args=(cache,), name="mcc-acts-ahead", daemon=True).start()


def _train_ahead(cache: Path) -> None:
    try:
        _run(_train_to, cache_file(cache), in_child=True)
    except (OSError, ValueError) as error:
        log.warning("agent.acts_train_ahead_failed", error=str(error))


def _train_to(path: Path) -> None:
    """Train and write the model's arrays to `path` (run in the child process)."""
    Scorer.from_pipeline(train()).save(path)


def _run(function: Callable[[Path], None], path: Path, *, in_child: bool) -> None:
    """`function(path)`, here or in `python -m mcc.agent.acts PATH` (only `_train_to` runs
    there)."""
    if not in_child:
        function(path)
        return
    if function is not _train_to:  # the child's module runs `_train_to`, nothing else
        raise ValueError(f"only _train_to runs in the child, not {function.__name__}")
    train_in_child(__name__, path, "the act classifier", waited_for=True)


def classify(text: str, context: Context | None = None) -> Guess:
    """The most likely act of `text`, as a reply in `context` when one is given (what the
    assistant just asked). Trains on first use if `warm_up` was not called."""
    if _model is None:
        warm_up()
    assert _model is not None
    read = features(text)
    # The model with sentence embeddings once it is loaded (`embedded.MODEL.start`), else n-grams.
    learned = embedded.MODEL.probabilities(read)
    if learned is None:
        learned = _model.probabilities(read)
    probabilities = learned * weights(context, _model.classes)
    probabilities /= probabilities.sum()
    best = int(probabilities.argmax())
    return Guess(Act(_model.classes[best]), round(float(probabilities[best]), 4))
