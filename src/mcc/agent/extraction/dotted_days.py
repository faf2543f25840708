"""Dates written with dots and no year, and the end of a year named by its number.

- "live from 7.12.", "Start 24.3.": the day-month form of German, Nordic and Slavic writers
  ("7.12.2027") without its year; the trailing dot is part of it. Read day first, as the next
  such day from today. Only after a date word or in a launch/end clause: "v2.1." is a version.
- "end of the year 2027", "the end of 2027", "year-end 2027", "EOY 2027": that year's last day
  ("end of the year" alone is this year's, read in `named_days`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from mcc.agent.extraction.date_ranges import next_occurrence
from mcc.agent.extraction.named_days import Cue
from mcc.agent.extraction.periods import ordinal

DOTTED_RULE = "read as day.month. (the next one)"
YEAR_END_RULE = "the end of a year is read as its last day"

# Not part of a longer number ("1.7.12.", "3.7.12.2027" belong to other forms), and the trailing
# dot is not a decimal point ("7.12.5").
_DOTTED = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d.,]?\d)")
_DUE_CUES = frozenset({"by", "for", "of", "during", "around"})
_YEAR_END = re.compile(
    r"\b(?:(?:the\s+)?(?:end|close|last\s+day)\s+of\s+(?:the\s+)?(?:year\s*,?\s*)?"
    r"|year[\s-]?end\s*,?\s*|eoy\s*,?\s*)(?P<y>\d{4})\b",
    re.IGNORECASE,
)


def dotted_days(text: str, today: date) -> Iterator[tuple[int, int, date | str, str | None]]:
    """(start, end, day or a question back, rule) of each "7.12." in `text`."""
    for match in _DOTTED.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        value: date | str
        rule: str | None = None
        if not 1 <= month <= 12:
            value = f"“{match.group()}” has no month {month} — which date did you mean?"
        elif not 1 <= day <= calendar.monthrange(2028, month)[1]:  # 2028: February has a 29th
            value = f"{calendar.month_name[month]} has no {ordinal(day)} — which date did you mean?"
        else:
            value, rule = next_occurrence(month, day, today), DOTTED_RULE
        yield match.start(), match.end(), value, rule


def year_ends(text: str, cue: Cue) -> Iterator[tuple[int, int, date]]:
    """(start, end, December 31 of that year) of each "end of the year 2027" in `text` that a
    cue makes a date. After "by" or "for" it says when a goal is due ("500 leads by the end of
    2027"), not a launch, as `named_days` reads "by end of the year"."""
    for match in _YEAR_END.finditer(text):
        said = cue(match.start())
        if not said:
            continue
        if isinstance(said, re.Match) and said.group().strip(" :").lower() in _DUE_CUES:
            continue
        yield match.start(), match.end(), date(int(match["y"]), 12, 31)
