"""The span tagger: which words of a message are the campaign's name, audience, objective, type.

The rules (`mcc.agent.extraction`) and the clause tagger (`mcc.agent.clauses`) read the free-text
fields well in the phrasings they were tuned on and leave them empty in others. This tagger is
learned at the token level (BIO tags, a logistic regression over each token's features,
`features`), from blind-written messages only (`corpus`), so it proposes a span inside a clause
as readily as a whole one. It only proposes: `fill` puts a span in a field the rules left empty,
through the guardrails (a confirmation, question or command never becomes a value).

Like the act classifier and the clause tagger, it is trained once per installation in a child
interpreter (`mcc.agent.acts.training.train_in_child`), cached in the data directory as arrays
named by a hash of its training text, and loaded without importing scikit-learn.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from mcc.agent.acts.scorer import cache_key
from mcc.agent.acts.training import train_in_child
from mcc.agent.span_tagger.corpus import Message, examples, source
from mcc.agent.span_tagger.features import after_tag, features, tags_of, tokens
from mcc.agent.span_tagger.model import TokenModel, fit
from mcc.logging import get_logger

FORMAT = 1  # bump when the features or the stored arrays change meaning
# Inverse regularisation of the logistic regression (measured on a leave-out split).
REGULARISATION = 0.5
_FORGOTTEN = 4

_model: TokenModel | None = None
_lock = threading.Lock()
_building: threading.Thread | None = None
log = get_logger(__name__)


def train(messages: Sequence[Message] | None = None) -> TokenModel:
    """The tagger fitted on `messages` (by default `corpus.examples()`), deterministically."""
    rows: list[list[str]] = []
    tags: list[str] = []
    for message in examples() if messages is None else messages:
        items = tokens(message.text)
        truth = tags_of(items, message.spans)
        read = features(message.text, items, message.asked)
        before = ["O", *truth][: len(truth)]
        # Every few tokens the previous tag is shown as O: tagging, the tagger reads its own
        # guesses, and one missed word must not end the value or keep the next one out.
        before = ["O" if (len(tags) + n) % _FORGOTTEN == 0 else tag for n, tag in enumerate(before)]
        rows += [[*row, *after_tag(tag, row)] for row, tag in zip(read, before, strict=True)]
        tags += truth
    return fit(rows, tags, regularisation=REGULARISATION)


def cache_file(folder: Path) -> Path:
    return folder / "cache" / f"spans-{cache_key(f'{source()}|{FORMAT}'.encode())}.npz"


def install(model: TokenModel | None) -> None:
    """Use `model` from now on (None: no span tagger; the measurements use this)."""
    global _model
    with _lock:
        _model = model


def ready() -> bool:
    return _model is not None


def _load_or_train(cache: Path | None) -> None:
    global _model
    path = cache_file(cache) if cache is not None else None
    if path is not None and path.exists():
        try:
            loaded = TokenModel.load(path)
        except ValueError as error:  # a damaged file: train again and overwrite it
            log.warning("agent.spans_cache_unreadable", path=str(path), error=str(error))
        else:
            with _lock:
                _model = _model or loaded
            return
    with tempfile.TemporaryDirectory(prefix="mcc-spans-") as folder:
        target = path or Path(folder) / "spans.npz"
        try:
            train_in_child(__name__, target, "the span tagger")
            trained = TokenModel.load(target)
        except (OSError, ValueError) as error:  # a read-only data directory, say
            if path is None:
                raise
            log.warning("agent.spans_cache_unwritable", path=str(path), error=str(error))
            target = Path(folder) / "spans.npz"
            train_in_child(__name__, target, "the span tagger")
            trained = TokenModel.load(target)
    with _lock:
        _model = _model or trained


def start(cache: Path | None = None) -> None:
    """Load the cached model now, or train it in the background: a turn never waits for it."""
    global _building
    if _model is not None:
        return
    path = cache_file(cache) if cache is not None else None
    if path is not None and path.exists():
        _load_or_train(cache)
        return
    with _lock:
        if _building is None or not _building.is_alive():
            _building = threading.Thread(
                target=_background, args=(cache,), name="span-tagger", daemon=True
            )
            _building.start()


def _background(cache: Path | None) -> None:
    try:
        _load_or_train(cache)
    except (OSError, ValueError) as error:  # the rules alone keep reading messages
        log.warning("agent.spans_unavailable", error=str(error))


def warm_up(cache: Path | None = None) -> None:
    """Load or train the model and wait for it (evaluations and tests: deterministic runs)."""
    building = _building
    if building is not None:
        building.join()
    if _model is None:
        _load_or_train(cache)


def train_to(path: Path) -> None:
    """Train and write the arrays to `path` (what `python -m mcc.agent.span_tagger` runs)."""
    train().save(path)


def spans(text: str, asked: str = "") -> list[tuple[str, int, int, float]] | None:
    """The spans the tagger marks in `text` (field, start, end, confidence); None while no
    model is loaded."""
    model = _model
    return None if model is None else model.spans(text, asked)
