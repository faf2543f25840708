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

from collections.abc import Sequence
from pathlib import Path

from mcc.agent.acts.cached import CachedModel
from mcc.agent.span_tagger.corpus import Message, examples, source
from mcc.agent.span_tagger.features import after_tag, features, tags_of, tokens
from mcc.agent.span_tagger.model import TokenModel, fit

FORMAT = 1  # bump when the features or the stored arrays change meaning
# Inverse regularisation of the logistic regression (measured on a leave-out split).
REGULARISATION = 0.5
_FORGOTTEN = 4


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


def _keyed_source() -> str:
    """What the cache is keyed by: the training text and the arrays' format."""
    return f"{source()}|{FORMAT}"


# Loaded from the data directory's cache, or trained in the background (`CachedModel`).
TAGGER = CachedModel(__name__, "spans", _keyed_source, "the span tagger", TokenModel.load)


def cache_file(folder: Path) -> Path:
    return TAGGER.cache_file(folder)


def install(model: TokenModel | None) -> None:
    """Use `model` from now on (None: no span tagger; the measurements use this)."""
    TAGGER.install(model)


def start(cache: Path | None = None) -> None:
    """Load the cached model now, or train it in the background: a turn never waits for it."""
    TAGGER.start(cache)


def warm_up(cache: Path | None = None) -> None:
    """Load or train the model and wait for it (evaluations and tests: deterministic runs)."""
    TAGGER.warm_up(cache)


def train_to(path: Path) -> None:
    """Train and write the arrays to `path` (what `python -m mcc.agent.span_tagger` runs)."""
    train().save(path)


def spans(text: str, asked: str = "") -> list[tuple[str, int, int, float]] | None:
    """The spans the tagger marks in `text` (field, start, end, confidence); None while no
    model is loaded."""
    model = TAGGER.current()
    return None if model is None else model.spans(text, asked)
