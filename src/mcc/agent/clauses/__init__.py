"""The clause tagger: which clause of a message is the campaign's name, audience, objective...

The rules (`mcc.agent.extraction`) keep the exact values: amounts, dates, channels, quoted and
labelled names. What they read badly is free text: which clause of "we want to set up an event
for partners in Austin, it's for channel managers, goal is more co-sell deals" is the audience
and which is the request itself. Per-phrasing rules for that did not carry over to phrasings
nobody tuned them on, so this part is learned: a message is cut into clauses (`split`), and each
clause gets a role from a classifier trained on labelled clauses, like the dialogue-act
classifier (`mcc.agent.acts`: TF-IDF over words and character n-grams, logistic regression,
the same array scorer and cache).

The labelled clauses are `examples.txt` (written for this file), `derived.txt` (written by
`python -m mcc.agent.clauses.derive` from the DEV halves of the blind sets and the bundled
scenarios: a clause holding an expected field value verbatim gets that field's role) and every
`written/*.tsv` (a corpus written blind, header `role<TAB>clause`; none there, none read). All of
them make the cache key, so a new or changed corpus file trains a new model.

Training never holds up a turn: with no cached model, `start` trains in a child process in the
background and `tag` answers None until the model is there (the rules alone read the message
meanwhile). `warm_up` waits for it (the evaluation and the tests, which must be deterministic).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mcc.agent.acts import features
from mcc.agent.acts.cached import CachedModel
from mcc.agent.acts.scorer import Scorer
from mcc.agent.acts.training import fit
from mcc.agent.clauses import embedded
from mcc.agent.clauses.corpus import (
    FIELDS,
    FILES,
    Role,
    _source,
    as_labelled,
    examples,
    parse,
    written_examples,
)
from mcc.agent.clauses.split import Clause, split

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from sklearn.pipeline import Pipeline


# The corpus's names, read through this package by the readers and tests.
__all__ = [
    "FIELDS",
    "FILES",
    "Role",
    "Tagged",
    "as_labelled",
    "examples",
    "parse",
    "tag",
    "written_examples",
]


@dataclass(frozen=True)
class Tagged:
    clause: Clause
    role: Role
    confidence: float


def train(rows: Sequence[tuple[Role, str]] | None = None) -> Pipeline:
    """The sklearn pipeline trained on `rows` (by default `examples()`), deterministically."""
    rows = examples() if rows is None else rows
    texts = [features(text) for _, text in rows]
    return fit(texts, [role.value for role, _ in rows], max_iter=3000)


# The most clauses a message's tagging embeds (about a millisecond and a half each on 2 cores).
EMBEDDED_CLAUSES = 24
# Loaded from the data directory's cache, or trained in the background (`CachedModel`).
TAGGER = CachedModel(__name__, "clauses", _source, "the clause tagger", Scorer.load)


def cache_file(folder: Path) -> Path:
    return TAGGER.cache_file(folder)


def install(model: Scorer | None) -> None:
    """Use `model` from now on (None: no tagger, the rules alone; the measurements use this)."""
    TAGGER.install(model)


def ready() -> bool:
    return TAGGER.current() is not None


def start(cache: Path | None = None) -> None:
    """Load the cached model now (milliseconds), or train it in the background: a turn never
    waits for training; until the model is there, `tag` answers None."""
    TAGGER.start(cache)


def warm_up(cache: Path | None = None) -> None:
    """Load or train the model and wait for it (evaluations and tests: deterministic runs)."""
    TAGGER.warm_up(cache)


def _train_to(path: Path) -> None:
    Scorer.from_pipeline(train()).save(path)


def tag(message: str) -> list[Tagged] | None:
    """Each clause of `message` with its most likely role; None while no model is loaded."""
    model = TAGGER.current()
    if model is None:
        return None
    # The model with sentence embeddings once it is loaded (`embedded.MODEL`), else n-grams; and
    # the n-grams for a message of many clauses (a pasted page), each of which would embed.
    pieces = split(message)
    joint = embedded.MODEL.current() if len(pieces) <= EMBEDDED_CLAUSES else None
    tagged = []
    for clause in pieces:
        read = features(clause.text)
        scores = embedded.MODEL.probabilities(read) if joint is not None else None
        scorer = joint if joint is not None and scores is not None else model
        probabilities = model.probabilities(read) if scores is None else scores
        best = int(probabilities.argmax())
        role = Role(scorer.classes[best])
        tagged.append(Tagged(clause, role, round(float(probabilities[best]), 4)))
    return tagged
