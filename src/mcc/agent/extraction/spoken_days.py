"""Days and years said as words next to their month, as dictation writes them: "june third
2030", "the twenty-first of May", "March thirtieth twenty thirty one". Read as the digits the date
patterns know ("june 3rd 2030"), padded to the words' length so positions, and the user's words
as evidence, stay. The padding goes on the side away from the month ("june      30th", "31st
of march"), so a date pattern's match spans all the words said, never half a word.

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
_UNIT_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
# A year as it is said: "twenty thirty one", "twenty-twenty-eight", "two thousand and thirty".
_SPOKEN_YEAR = (
    r"(?P<century>twenty|two\s+thousand(?:\s+and)?)[\s-]+(?P<tens>twenty|thirty|forty)"
    rf"(?:[\s-]+(?P<unit>{'|'.join(_UNIT_NUMBERS)}))?\b"
)
# A spoken year counts only right after a month, with its day or not (digits by then): "june
# 30th twenty thirty one", "31st of march, twenty thirty two", "in June twenty thirty-two";
# "budget twenty thirty" stays words.
_YEAR_AFTER_DATE = re.compile(
    rf"(?:\b(?:{MONTH})\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH})|\b(?:{MONTH}))"
    rf"\s*,?\s+(?P<year>{_SPOKEN_YEAR})",
    re.IGNORECASE,
)
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
    """`text` with each day (and its year) said as words next to its month written in digits;
    same length."""

    def digits(match: re.Match[str], *, after_month: bool) -> str:
        day = _DAY_WORDS.get(re.sub(r"[\s-]+", " ", match["day"].lower()))
        if day is None:
            return match.group()
        start, end = match.start("day") - match.start(), match.end("day") - match.start()
        whole, width = match.group(), end - start
        written = ordinal(day).rjust(width) if after_month else ordinal(day).ljust(width)
        return whole[:start] + written + whole[end:]

    text = _DAY_AFTER.sub(lambda match: digits(match, after_month=True), text)
    text = _DAY_BEFORE.sub(lambda match: digits(match, after_month=False), text)
    return _YEAR_AFTER_DATE.sub(_year_digits, text)


def _year_digits(match: re.Match[str]) -> str:
    year = 2000 + _TENS[match["tens"].lower()]
    if match["unit"]:
        year += _UNIT_NUMBERS.index(match["unit"].lower()) + 1
    start, end = match.start("year") - match.start(), match.end("year") - match.start()
    whole = match.group()
    return whole[:start] + str(year).rjust(end - start) + whole[end:]
