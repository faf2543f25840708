"""A weekday written next to a date that falls on another day: "Wednesday 9 March 2027" when
9 March 2027 is a Tuesday.

One of the two is a slip, and which one we cannot know: the date is kept (it is the exact part,
and the preview shows its real weekday) and the reply says the two disagree, so the user can
fix whichever was wrong. Neither is picked in silence.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.date_mentions import DateMention

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The weekday right before the date: "Wednesday 9 March", "Fri, March 9", "Mon. 9.3.2027",
# "on Thursday the 9th of March".
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s*,?\s*"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def weekday_mismatch(work: str, mention: DateMention) -> str | None:
    """What to tell the user when the weekday written before `mention` is not its weekday."""
    said = _WEEKDAY_BEFORE.search(work, max(0, mention.start - 16), mention.start)
    if said is None:
        return None
    written = next(day for day in _DAYS if day.lower().startswith(said["wd"][:3].lower()))
    actual = _DAYS[mention.value.weekday()]
    if written == actual:
        return None
    day = mention.value
    return (
        f"You wrote {written}, but {day:%B} {day.day}, {day.year} is a {actual}: I kept the "
        f"date ({actual}, {day:%B} {day.day}, {day.year}). If you meant a {written}, tell me "
        "the date."
    )
