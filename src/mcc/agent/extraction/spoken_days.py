"""Days said as words next to their month, as dictation writes them: "june third 2030", "the
twenty-first of May", "March thirtieth". Read as the digits the date patterns know ("june 3rd
2030"), padded to the words' length so positions, and the user's words as evidence, stay.

Only next to a month: "the second Tuesday of May" and "first thing Monday" keep their words.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.periods import MONTH, ordinal

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
_DAY_WORDS: dict[str, int] = {
    **{word: number for number, word in enumerate(_UNITS, start=1)},
    **{word: number for number, word in enumerate(_TEENS, start=10)},
    "twentieth": 20,
    "thirtieth": 30,
    **{f"twenty {word}": 20 + number for number, word in enumerate(_UNITS, start=1)},
    "thirty first": 31,
}
_SPOKEN = r"(?:(?:twenty|thirty)[\s-])?[a-z]+"
# The month, then its day ("june third"); the day, then its month ("the fifth of June"). Two
# patterns, read one after the other: in "launch date june third", "date june" must not hide it.
_DAY_AFTER = re.compile(rf"\b(?:{MONTH})\s+(?:the\s+)?(?P<day>{_SPOKEN})\b", re.IGNORECASE)
# Without "of", only a month that ends the date ("the fifth June, 2030"): "the first May sale"
# is a title.
_DAY_BEFORE = re.compile(
    rf"\b(?P<day>{_SPOKEN})\s+(?:of\s+(?:{MONTH})(?!\w)|(?:{MONTH})(?=\s*(?:[,.;!?)]|$|\d{{4}})))",
    re.IGNORECASE,
)


def spoken_days(text: str) -> str:
    """`text` with each day said as a word next to its month written in digits; same length."""

    def digits(match: re.Match[str]) -> str:
        day = _DAY_WORDS.get(re.sub(r"[\s-]+", " ", match["day"].lower()))
        if day is None:
            return match.group()
        start, end = match.start("day") - match.start(), match.end("day") - match.start()
        whole = match.group()
        return whole[:start] + ordinal(day).ljust(end - start) + whole[end:]

    return _DAY_BEFORE.sub(digits, _DAY_AFTER.sub(digits, text))
