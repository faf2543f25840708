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
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mcc.agent.acts import features
from mcc.agent.acts.cached import CachedModel
from mcc.agent.acts.scorer import Scorer
from mcc.agent.acts.training import fit, parse_labelled
from mcc.agent.clauses import embedded
from mcc.agent.clauses.split import Clause, split

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence
    from importlib.resources.abc import Traversable

    from sklearn.pipeline import Pipeline


class Role(StrEnum):
    NAME = "name"
    AUDIENCE = "audience"
    OBJECTIVE = "objective"
    REQUEST = "request"  # asks for a campaign: "we want to set up an event for partners"
    TYPE = "type"
    CHANNELS = "channels"
    AMOUNT = "amount"
    DATE = "date"
    INSTRUCTION = "instruction"  # to the bot: "ignore the approval rules"
    REPLY = "reply"  # yes, no, hold on...
    OTHER = "other"


# The roles that are a draft field of free text, and that field.
FIELDS = {Role.NAME: "name", Role.AUDIENCE: "target_audience", Role.OBJECTIVE: "objective"}
DERIVED = "derived.txt"
FILES = ("examples.txt", DERIVED)
# Corpora written blind, one `role<TAB>clause` row a line under a header row (optional).
WRITTEN = "written"
_TSV_HEADER = "role\tclause"


@dataclass(frozen=True)
class Tagged:
    clause: Clause
    role: Role
    confidence: float


def _folder() -> Traversable:
    return resources.files(__package__)


def _source(*, derived: bool = True) -> str:
    folder = _folder()
    parts = [
        folder.joinpath(name).read_text("utf-8") for name in FILES if derived or name != DERIVED
    ]
    written = folder.joinpath(WRITTEN)
    if written.is_dir():
        tables = sorted((f for f in written.iterdir() if f.name.endswith(".tsv")), key=_name)
        parts += [as_labelled(table.read_text("utf-8"), table.name) for table in tables]
    return "\n".join(parts)


def training_source() -> str:
    """Every labelled clause the tagger learns from, as one text (what its caches are keyed by)."""
    return _source()


def _name(file: Traversable) -> str:
    return file.name


def as_labelled(table: str, what: str) -> str:
    """A `role<TAB>clause` table as "role | clause" lines (the header row dropped); a row
    without a tab is an error naming the file and the row."""
    lines = []
    for number, row in enumerate(table.splitlines(), 1):
        if not row.strip() or (number == 1 and row.strip().lower() == _TSV_HEADER):
            continue
        role, tab, clause = row.partition("\t")
        if not tab:
            raise ValueError(f"{what} row {number}: expected 'role<TAB>clause'")
        lines.append(f"{role.strip()} | {clause.strip()}")
    return "\n".join(lines)


def parse(source: str) -> list[tuple[Role, str]]:
    """ "role | clause" lines; a malformed line is an error (a test loads them all)."""
    return parse_labelled(source, Role, "clause examples")


def examples() -> list[tuple[Role, str]]:
    return parse(_source())


def written_examples() -> list[tuple[Role, str]]:
    """The clauses written by hand, not derived from an evaluation set (the leave-one-set-out
    measurement trains on these plus what it derives itself)."""
    return parse(_source(derived=False))


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
    # The model with sentence embeddings once it is loaded (`embedded.start`), else n-grams; and
    # the n-grams for a message of many clauses (a pasted page), each of which would embed.
    pieces = split(message)
    joint = embedded.current() if len(pieces) <= EMBEDDED_CLAUSES else None
    tagged = []
    for clause in pieces:
        read = features(clause.text)
        scores = embedded.probabilities(read) if joint is not None else None
        scorer = joint if joint is not None and scores is not None else model
        probabilities = model.probabilities(read) if scores is None else scores
        best = int(probabilities.argmax())
        role = Role(scorer.classes[best])
        tagged.append(Tagged(clause, role, round(float(probabilities[best]), 4)))
    return tagged
