"""Punctuation said aloud in a dictated message, read as the marks it stands for.

A voice note typed out by the phone says its punctuation: "the objective is more sign-ups period
the budget is 90 thousand period channels colon LinkedIn". Read as words, "period" ended up in
the objective. Where a message says "period" (or "full stop") as punctuation twice or more, each
spoken mark is the mark, padded with spaces to the same length so every value's words stay where
the user wrote them. One "period" is a word ("the trial period"), and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_STOP = re.compile(r"[ \t]+(?:period|full[ \t]+stop)\b", re.IGNORECASE)
_MARKS = (
    (_STOP, "."),
    (re.compile(r"[ \t]+colon\b", re.IGNORECASE), ":"),
    (re.compile(r"[ \t]+semicolon\b", re.IGNORECASE), ";"),
    (re.compile(r"[ \t]+comma\b", re.IGNORECASE), ","),
)
_SPOKEN_STOPS = 2


def with_spoken_marks(text: str) -> str:
    """`text` with its spoken punctuation as marks, when it is dictated; else `text`."""
    if len(_STOP.findall(text)) < _SPOKEN_STOPS:
        return text
    for pattern, mark in _MARKS:
        text = pattern.sub(_padded(mark), text)
    return text


def _padded(mark: str) -> Callable[[re.Match[str]], str]:
    return lambda said: mark.ljust(len(said.group()))
