"""Typos in a knowledge question read as the word the playbooks (or the question words) have.

"how mcuh contingency", "gmial clipping", "lead tiem": a word no bundled document uses and no
question word is, one slip away from one that is, is that word. Only slips that keep every letter
typed (two swapped, one missed, one doubled or stray) are read back: a changed letter could be
another word altogether ("dress" is not "press"), and a question about a dress code must still
be told the playbooks don't cover it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

_WORD = re.compile(r"[a-z]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SHORTEST = 4  # "otu", "teh": too short to tell a typo from an abbreviation


@cache
def _vocabulary() -> Counter[str]:
    from mcc.knowledge.service import bundled_content

    words: Counter[str] = Counter()
    for path in bundled_content().rglob("*.md"):
        words.update(_WORD.findall(path.read_text(encoding="utf-8").lower()))
    return words


def _slips(word: str) -> Iterable[str]:
    """The words `word` could have been meant as, one slip that keeps its letters away."""
    for i in range(len(word) - 1):  # two letters swapped
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(len(word)):  # a doubled or stray letter
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) + 1):  # a missed letter
        for letter in _LETTERS:
            yield word[:i] + letter + word[i:]


def corrected(word: str, known: frozenset[str]) -> str:
    """`word`, or the most used word one slip away when neither the playbooks nor `known` (the
    question words) have it."""
    vocabulary = _vocabulary()
    if len(word) < _SHORTEST or not word.isalpha() or word in vocabulary or word in known:
        return word
    candidates = {slip for slip in _slips(word) if slip in vocabulary or slip in known}
    if not candidates:
        return word
    return max(sorted(candidates), key=lambda slip: (slip in known, vocabulary[slip]))
