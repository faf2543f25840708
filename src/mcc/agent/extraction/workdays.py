"""The first or last working day of a month.

"the 1st working day of July 2028" names one day, Monday to Friday, not the month's first day
(July 1, 2028 is a Saturday). The month itself is read by `dates`; this moves its reading to the
working day the words before it ask for, and takes those words into the mention's span.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from datetime import date, timedelta

from mcc.agent.extraction.date_mentions import DateMention
from mcc.agent.extraction.dates import find_dates

_WORKING_DAY = re.compile(
    r"\b(?:the\s+)?(?P<which>first|1st|last|final)\s+(?:working|business|work|week)[\s-]?day"
    r"\s+(?:of|in)\s+(?:the\s+month\s+of\s+)?$",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(r"(?:working|business|work|week)[\s-]?day", re.IGNORECASE)
_MONTH_READING = "a month alone is read as its first day"


def _working_day(month_start: date, first: bool) -> date:
    step = timedelta(days=1 if first else -1)
    last = calendar.monthrange(month_start.year, month_start.month)[1]
    day = month_start if first else month_start.replace(day=last)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += step
    return day


def working_days(text: str, found: list[DateMention]) -> list[DateMention]:
    """`found`, with each month that a "first/last working day of" names read as that day."""
    read: list[DateMention] = []
    for mention in found:
        match = _WORKING_DAY.search(text, max(0, mention.start - 40), mention.start)
        if mention.rule != _MONTH_READING or match is None:
            read.append(mention)
            continue
        first = match["which"].lower() in {"first", "1st"}
        value = _working_day(mention.value.replace(day=1), first)
        rule = f"the {'first' if first else 'last'} working day of a month (Monday to Friday)"
        read.append(
            dataclasses.replace(
                mention,
                value=value,
                text=text[match.start() : mention.end],
                start=match.start(),
                rule=rule,
            )
        )
    return read


def named_dates(text: str, today: date) -> set[date]:
    """Every date `text` can name, a working day of a month included (for grounding: "can
    these words mean it?"); the evidence may be the bare phrase, so it is read after "in" too."""
    values: set[date] = set()
    if not _DAY_WORD.search(text):
        return values  # the common case: no working day named, no second scan of the dates
    for source in (text, f"in {text}"):
        values |= {mention.value for mention in working_days(source, find_dates(source, today))}
    return values
