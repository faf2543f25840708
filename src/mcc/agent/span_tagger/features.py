"""A message as tokens, each token's features, and BIO tags to and from character spans.

The span tagger labels tokens, not clauses, so that a value can start and stop inside a clause
("a webinar for [pilots who fly regional routes] to explain the roster app"). A token is read
by its own form (word, lower case, shape, affixes), its neighbours two either side, where it
sits (line or sentence start, after a colon, inside quotes or brackets), the label word that
last came before it in its sentence ("audience", "goal", "called", "for"...) and the field the
assistant just asked for: the same words are an audience after "who is it for?" and a name
after "what should we call it?".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A word (with its apostrophes and inner hyphens), a number with its separators, or one sign.
_TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*|\w+(?:['’-]\w+)*|[^\w\s]")
_QUOTES = frozenset('"“”«»')
# Words that say which field the words after them are: the last one before a token (in its
# sentence, up to `_REACH` tokens back) is a feature of it.
LABELS = frozenset(
    {
        "name", "named", "call", "called", "calling", "title", "titled", "dub", "dubbed",
        "audience", "target", "targeting", "targets", "for", "aimed", "reach", "at", "who",
        "goal", "objective", "aim", "purpose", "kpi", "want", "need", "because", "so", "to",
        "hoping", "hope", "get", "drive", "type", "kind", "format", "budget", "launch",
        "channels", "via", "on", "about", "is", "be", "it",
    }
)  # fmt: skip
_REACH = 8
_SENTENCE_END = frozenset(".!?;\n")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    """ "Xxxx", "xxxx", "XX", "d", "Xd"...: capitals, small letters and figures, runs collapsed."""
    shape = re.sub(r"[A-Z]+", "X", word)
    shape = re.sub(r"[a-z]+", "x", shape)
    return re.sub(r"\d+", "d", shape)[:4]


def _word(items: Sequence[Token], index: int) -> str:
    if index < 0:
        return "<s>"
    if index >= len(items):
        return "</s>"
    return items[index].text.lower()


def features(text: str, items: Sequence[Token], asked: str = "") -> list[list[str]]:
    """Each token's feature names (strings; the model's vocabulary is made of them)."""
    rows: list[list[str]] = []
    quoted = False
    depth = 0
    label = ""
    label_at = -_REACH - 1
    colon_label = ""
    sentence_at = 0
    previous_end = 0
    for index, token in enumerate(items):
        gap = text[previous_end : token.start]
        line_start = index == 0 or "\n" in gap
        if line_start or (index and items[index - 1].text in _SENTENCE_END):
            label, colon_label, sentence_at = "", "", index
        word = token.text.lower()
        row = [
            "bias",
            f"w={word}",
            f"shape={_shape(token.text)}",
            f"pre={word[:3]}",
            f"suf={word[-3:]}",
            f"w-1={_word(items, index - 1)}",
            f"w-2={_word(items, index - 2)}",
            f"w+1={_word(items, index + 1)}",
            f"w+2={_word(items, index + 2)}",
            f"w-1|w={_word(items, index - 1)}|{word}",
            f"w|w+1={word}|{_word(items, index + 1)}",
            f"at={min(index - sentence_at, 6)}",
            f"quoted={quoted}",
            f"bracket={depth > 0}",
            f"asked={asked}",
            f"asked|at={asked}|{min(index - sentence_at, 3)}",
            f"asked|shape={asked}|{_shape(token.text)}",
        ]
        if line_start:
            row.append("line_start")
        if index - label_at <= _REACH and label:
            row += [f"label={label}", f"label|d={label}|{min(index - label_at, 4)}"]
        if colon_label:
            row.append(f"colon={colon_label}")
        if token.text.istitle():
            row.append("title")
        rows.append(row)
        # What this token changes for the ones after it.
        if token.text in _QUOTES or (token.text == "'" and (quoted or gap)):
            quoted = not quoted
        elif token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif token.text in {":", "="}:
            colon_label = _word(items, index - 1)
        if word in LABELS:
            label, label_at = word, index
        previous_end = token.end
    return rows


def after_tag(previous: str, row: Sequence[str]) -> list[str]:
    """The features the previous token's tag adds (the tag, and with this token's word): a
    value goes on to its last word before a comma ("CFOs of regional banks,") because the word
    before it was inside one. Training reads the true tag, tagging its own greedy guess."""
    return [f"tag-1={previous}"]


def tags_of(items: Sequence[Token], spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """BIO tags of the tokens for `spans` (field, start, end); a token partly inside counts."""
    tags = ["O"] * len(items)
    for field, start, end in spans:
        inside = [i for i, t in enumerate(items) if t.start < end and t.end > start]
        for position, index in enumerate(inside):
            tags[index] = f"{'B' if position == 0 else 'I'}-{field}"
    return tags


def spans_of(
    items: Sequence[Token], tags: Sequence[str], confidence: Sequence[float]
) -> list[tuple[str, int, int, float]]:
    """The spans (field, start, end, mean confidence) that BIO `tags` mark; an I- after another
    field or after O opens a span (a greedy decoder's slip)."""
    found: list[tuple[str, int, int, float]] = []
    field, first, scores = "", 0, []  # type: ignore[var-annotated]
    for index, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        continues = kind == "I" and name == field
        if field and not continues:
            last = items[index - 1]
            found.append((field, items[first].start, last.end, sum(scores) / len(scores)))
            field = ""
        if kind in {"B", "I"} and not continues:
            field, first, scores = name, index, []
        if field:
            scores.append(confidence[index])
    return found
