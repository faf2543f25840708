"""What the act classifiers learn from, and how they read a text (n-grams and embeddings alike).

`examples.txt` holds hand-written "act | text" lines; `written/*.tsv` larger corpora (context,
act, text) written apart from the code by writers who never read it, each merged without a code
change. Their whole text keys the models' caches, so a changed corpus trains a new model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import TypeVar

from mcc.agent.acts.training import parse_labelled, parse_written

Label = TypeVar("Label")


def normal(text: str) -> str:
    """Lower case, one kind of apostrophe and dash, single spaces: what the classifier reads."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("—", " - ").replace("–", " - ").replace("…", "...")
    return re.sub(r"\s+", " ", text).strip().casefold()


# "IT" in capitals is the department ("IT admins"), never the pronoun of "ship it": the classifier
# reads lower case, so the department gets a word of its own first.
_DEPARTMENT = re.compile(r"\bIT\b")


def features(text: str) -> str:
    """What the classifier reads of `text` (training and scoring alike)."""
    return normal(_DEPARTMENT.sub("tech", text))


def examples_source() -> str:
    return resources.files(__package__).joinpath("examples.txt").read_text("utf-8")


def written_files() -> list[tuple[str, str]]:
    """The labelled files `written/*.tsv` as (name, text), by name (none without the folder)."""
    folder = resources.files(__package__).joinpath("written")
    if not folder.is_dir():
        return []
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
    return [(f"written/{file.name}", file.read_text("utf-8")) for file in files]


def training_text() -> str:
    """Everything the classifiers learn from, as one text (what their caches are keyed by)."""
    return examples_source() + "".join(name + text for name, text in written_files())


def labelled(label: Callable[[str], Label]) -> list[tuple[Label, str]]:
    """Every labelled utterance, `examples.txt` first; a malformed line is an error naming its
    file and line."""
    rows = parse_labelled(examples_source(), label, "examples.txt")
    for name, text in written_files():
        rows += parse_written(text, label, name)
    return rows
