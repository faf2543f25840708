"""Date layouts read as the plain ones the date rules know, at the same length (positions and
evidence stay the user's words).

- A timestamp's time: "2037-09-14T09:00", "2037-09-14T09:00:00Z" (a calendar invite, a JSON
  export) is the day "2037-09-14".
- A day written with the German ordinal dot: "14. September 2037" is "14 September 2037".
- A month's name between slashes: "15/Nov/2037" is "15 Nov 2037".
- A month joined to its day by dashes: "Sep-14-2037", "Sept-14" are "Sep 14 2037", "Sept 14"
  (not the month inside a day-first date: "17-Sep-27").
"""

from __future__ import annotations

import re

from mcc.agent.extraction.periods import MONTH

_TIME_OF_ISO = re.compile(
    r"(?<=\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?\b"
)
_ORDINAL_DOT = re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?=[ \t]+(?:{MONTH})\b)", re.IGNORECASE)
_DASHED_MONTH_DAY = re.compile(
    rf"(?<!\d-)(?<!\d)\b(?P<month>{MONTH})\.?-(?P<day>\d{{1,2}})(?:-(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)


# "15/Nov/2037": a day, a month's name and a year between slashes.
_SLASHED_NAMED = re.compile(
    rf"\b(?P<day>\d{{1,2}})/(?P<month>{MONTH})/(?P<year>\d{{4}})\b", re.IGNORECASE
)


def as_plain_dates(text: str) -> str:
    """`text` with the layouts above written plainly; the same length."""
    text = _TIME_OF_ISO.sub(lambda match: " " * len(match.group()), text)
    text = _ORDINAL_DOT.sub(lambda match: match["day"] + " ", text)
    text = _SLASHED_NAMED.sub(lambda match: match.group().replace("/", " "), text)
    return _DASHED_MONTH_DAY.sub(lambda match: match.group().replace("-", " "), text)
