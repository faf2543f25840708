"""Dialogue acts: what a message does in the conversation (confirm, hold, change, ask...).

A small learned classifier (TF-IDF over words and character n-grams, then logistic regression)
trained on the labelled utterances in `examples.txt`. Character n-grams carry it over typos and
slang it never saw ("yse", "go ahed", "lgtm 👍"); words carry it over phrasing. Training takes
seconds on a busy machine, so it happens once per process, off the event loop and outside the
server's interpreter: the assistant's runtime is built in a worker thread and calls
`warm_up(in_child=True)`. Training is deterministic (fixed
data order, a deterministic solver), so the same text always gets the same act.

The classifier proposes; the rules that must be exact stay rules (`mcc.agent.guardrails`): an
explicit yes creates only when no question, hedge or condition vetoes it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.pipeline import Pipeline


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


def normal(text: str) -> str:
    """Lower case, one kind of apostrophe and dash, single spaces: what the classifier reads."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("—", " - ").replace("–", " - ").replace("…", "...")
    return re.sub(r"\s+", " ", text).strip().casefold()


def examples() -> list[tuple[Act, str]]:
    """The labelled utterances; a malformed line is an error (a test loads them all)."""
    rows: list[tuple[Act, str]] = []
    source = resources.files(__package__).joinpath("examples.txt").read_text("utf-8")
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("|")
        if not sep or not text.strip():
            raise ValueError(f"examples.txt line {number}: expected 'act | text'")
        rows.append((Act(label.strip()), text.strip()))
    return rows


class _Scorer:
    """The trained model as plain arrays: sklearn's per-call checks cost milliseconds a turn,
    the arithmetic itself microseconds. Same features, same weights, same probabilities."""

    def __init__(self, model: Pipeline) -> None:
        import numpy as np

        self._np = np
        union, classifier = model.named_steps["features"], model.named_steps["classify"]
        self.parts: list[tuple[Callable[[str], list[str]], dict[str, int], Any, bool, int]] = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            vocabulary = vectorizer.vocabulary_
            self.parts.append(
                (
                    vectorizer.build_analyzer(),
                    vocabulary,
                    vectorizer.idf_,
                    bool(vectorizer.sublinear_tf),
                    offset,
                )
            )
            offset += len(vocabulary)
        self.coef = classifier.coef_
        self.intercept = classifier.intercept_
        self.classes = [Act(str(label)) for label in classifier.classes_]

    def probabilities(self, text: str) -> Any:
        np = self._np
        scores = self.intercept.copy()
        for analyze, vocabulary, idf, sublinear, offset in self.parts:
            counts: dict[int, int] = {}
            for gram in analyze(text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts, dtype=np.int64)
            tf = np.fromiter(counts.values(), dtype=np.float64)
            weights = (1.0 + np.log(tf) if sublinear else tf) * idf[indices]
            weights /= np.sqrt(weights @ weights)
            scores = scores + self.coef[:, offset + indices] @ weights
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()


def train() -> Pipeline:
    """The sklearn pipeline trained on `examples()` (tests compare `classify` with it)."""
    # Imported here: scikit-learn takes a moment to import, and only the runtime build needs it.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    rows = examples()
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+")),  # noqa: S106
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
        ]
    )
    model = Pipeline(
        [("features", features), ("classify", LogisticRegression(C=8.0, max_iter=2000))]
    )
    model.fit([normal(text) for _, text in rows], [act.value for act, _ in rows])
    return model


_model: _Scorer | None = None
_lock = threading.Lock()


def warm_up(*, in_child: bool = False) -> None:
    """Train the classifier now (call it off the event loop; later calls return at once).

    `in_child`: train in a fresh Python process. Fitting runs long stretches of compiled code
    that keep the GIL (seconds on a busy 2-core machine), which would starve a server's event
    loop even from a worker thread; a child process leaves the server's interpreter free.
    """
    global _model
    with _lock:
        if _model is None:
            _model = _Scorer(_train_in_child() if in_child else train())


def _train_in_child() -> Pipeline:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a fork of a process with threads and an event loop can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(train).result()


def classify(text: str) -> Guess:
    """The most likely act of `text`. Trains on first use if `warm_up` was not called."""
    if _model is None:
        warm_up()
    assert _model is not None
    probabilities = _model.probabilities(normal(text))
    best = int(probabilities.argmax())
    return Guess(_model.classes[best], round(float(probabilities[best]), 4))
