"""Days named by their ISO week: "the Monday of week 23, 2032", "Friday in wk 7", "2032-W23-2",
"the start of week 40". A week number alone names seven days, so only a week with its day (or
its start) is a date; without a year it is the next such day after today.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"(?P<day>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_WEEK = r"(?:iso\s+)?(?:calendar\s+)?(?:week|wk|kw|cw)\.?\s*(?P<week>\d{1,2})"
_YEAR = r"(?:\s*(?:,|of|in)?\s*(?P<year>20\d\d))?"
_ISO_WEEK_DAY = re.compile(
    rf"\b(?:the\s+)?(?:{_DAY}|(?P<start>start|beginning|first\s+day))\s+(?:of|in)\s+(?:the\s+)?"
    rf"{_WEEK}{_YEAR}\b"
    r"|\b(?P<iso_year>20\d\d)-?W(?P<iso_week>\d\d)-?(?P<iso_day>[1-7])\b",
    re.IGNORECASE,
)


def _weekday(match: re.Match[str]) -> int:
    if match["iso_day"]:
        return int(match["iso_day"])
    if match["start"]:
        return 1
    prefix = match["day"].lower()[:3]
    return next(i for i, name in enumerate(_DAYS, 1) if name.startswith(prefix))


def _on(year: int, week: int, weekday: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, weekday)
    except ValueError:
        return None  # week 53 of a year that has 52


def iso_week_days(text: str, today: date) -> Iterator[tuple[int, int, date]]:
    """(start, end, day) for each day named by its ISO week in `text`."""
    for match in _ISO_WEEK_DAY.finditer(text):
        week = int(match["week"] or match["iso_week"])
        year_typed = match["year"] or match["iso_year"]
        weekday = _weekday(match)
        if year_typed:
            day = _on(int(year_typed), week, weekday)
        else:
            this_year = _on(today.year, week, weekday)
            upcoming = this_year if this_year and this_year > today else None
            day = upcoming or _on(today.year + 1, week, weekday)
        if day is not None:
            yield match.start(), match.end(), day
