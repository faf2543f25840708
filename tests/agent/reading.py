"""What the extraction reads from one message, as the family tests compare it: field values as
strings and channel names, on a fixed `today` per test file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mcc.agent.extraction import extract


def readers(today: date) -> tuple[Callable[[str], dict[str, str]], Callable[[str], set[str]]]:
    """`values(text)` and `channels(text)` for messages written on `today`."""

    def values(text: str) -> dict[str, str]:
        found = extract(text, today=today, flagship_keywords=())
        return {name: str(candidate.value) for name, candidate in found.values.items()}

    def channels(text: str) -> set[str]:
        return {str(c.value) for c in extract(text, today=today, flagship_keywords=()).channels}

    return values, channels
