"""Type and channel words typed in a hurry ("webniar", "produkt launch", "linkdin").

A word of seven letters or more that is one edit (an insertion, a deletion, a substitution or
two swapped letters) away from a word of the vocabulary, with the same first letter, reads as
that word. Shorter words are left alone: one edit turns "lunch" into "launch"; only two swapped
neighbours, which keep every letter, are read in a word of five or six ("emial"). A few real words
one edit from a vocabulary word ("context", "produce") are never corrected. Matching works on
the words' own spans, so evidence stays the user's exact text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z]+")
_MIN_LENGTH = 7
_MIN_SWAPPED = 5
_REAL_WORDS = frozenset({"context", "contend", "produce", "contests", "contents"})


class Typo(NamedTuple):
    phrase: str  # the vocabulary phrase, in its normal form
    start: int
    end: int


def _swapped(word: str, target: str) -> bool:
    """Two neighbouring letters of `target` swapped in `word`."""
    if len(word) != len(target):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    first, second = (diff[0], diff[-1]) if diff else (0, 0)
    swapped = len(diff) == 2 and second == first + 1
    return swapped and word[first] == target[second] and word[second] == target[first]


def _one_edit(word: str, target: str) -> bool:
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 1 or _swapped(word, target)
    short, long = (word, target) if len(word) < len(target) else (target, word)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@cache
def _targets(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        word
        for phrase in phrases
        for word in _WORD.findall(phrase.lower())
        if len(word) >= _MIN_SWAPPED
    )


@lru_cache(maxsize=4096)
def _near(word: str, targets: frozenset[str]) -> str | None:
    if len(word) < _MIN_SWAPPED or word in targets or word in _REAL_WORDS:
        return None
    close = _one_edit if len(word) >= _MIN_LENGTH else _swapped
    for target in targets:
        if target[0] == word[0] and close(word, target):
            return target
    return None


def typo_matches(text: str, phrases: tuple[str, ...]) -> list[Typo]:
    """Phrases of `phrases` that `text` names with a typo in at least one of their words."""
    targets = _targets(phrases)
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    fixed = [_near(word, targets) for word, _, _ in tokens]
    if not any(fixed):
        return []
    words = [fix or word for fix, (word, _, _) in zip(fixed, tokens, strict=True)]
    found: list[Typo] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        parts = _WORD.findall(phrase.lower())
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts and any(fixed[i : i + len(parts)]):
                taken = any(
                    t.start < tokens[i + len(parts) - 1][2] and tokens[i][1] < t.end for t in found
                )
                if not taken:
                    found.append(Typo(" ".join(parts), tokens[i][1], tokens[i + len(parts) - 1][2]))
    return found
