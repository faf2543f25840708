"""The labelled clauses the clause tagger learns from, and the roles it gives.

`examples.txt` (written for the tagger), `derived.txt` (written by `python -m
mcc.agent.clauses.derive` from the DEV halves of the blind sets) and every `written/*.tsv` (a corpus
written blind, header `role<TAB>clause`). A module of its own so that the tagger and its embedded
variant (`embedded.py`) both read them without importing each other.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING

from mcc.agent.acts.training import parse_labelled

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable


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


def _folder() -> Traversable:
    return resources.files("mcc.agent.clauses")


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
