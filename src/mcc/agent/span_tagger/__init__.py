"""The span tagger: which words of a message are the campaign's name, audience, objective, type.

The rules (`mcc.agent.extraction`) and the clause tagger (`mcc.agent.clauses`) read the free-text
fields well in the phrasings they were tuned on and leave them empty in others. This tagger is
learned at the token level (BIO tags, a logistic regression over each token's features,
`features`), from blind-written messages only (`corpus`), so it proposes a span inside a clause
as readily as a whole one. It only proposes: `fill` puts a span in a field the rules left empty,
through the guardrails (a confirmation, question or command never becomes a value).

Like the act classifier and the clause tagger, it is trained once per installation in a child
interpreter (`mcc.agent.acts.training.train_in_child`), cached in the data directory as arrays
named by a hash of its training text, and loaded without importing scikit-learn. Where the
knowledge base has built MiniLM, the contextual tagger (`contextual`: the same features and each
token's vector in its sentence) takes over once it is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mcc.agent.acts.cached import CachedModel
from mcc.agent.span_tagger import contextual
from mcc.agent.span_tagger.corpus import Message, examples, source
from mcc.agent.span_tagger.model import TokenModel, fit, training_rows

FORMAT = 1  # bump when the features or the stored arrays change meaning
# Inverse regularisation of the logistic regression (measured on a leave-out split).
REGULARISATION = 0.5


def train(messages: Sequence[Message] | None = None) -> TokenModel:
    """The tagger fitted on `messages` (by default `corpus.examples()`), deterministically."""
    rows, tags = training_rows(examples() if messages is None else messages)
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
    """The spans the tagger marks in `text` (field, start, end, confidence): the contextual
    tagger's once it is loaded (`contextual.start`), else the lexical one's; None while neither
    is loaded."""
    tagger = contextual.current() or TAGGER.current()
    return None if tagger is None else tagger.spans(text, asked)
