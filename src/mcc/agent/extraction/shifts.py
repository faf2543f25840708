"""A launch moved relative to itself: "push the launch by a week", "bring it forward 3 days",
"yes but launch a week later", "go-live two weeks earlier", "a fortnight later please".

With a verb of moving, the direction may be left out (a push is later); without one, the words
must say which launch moves ("launch", "go-live", "the date", "make it") or open their clause
("yes, but a week later"), and must say which way: "a week later" moves, "a week" alone does not.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six)\s+(?P<unit>day|week|fortnight)s?"
_SHIFT = re.compile(
    r"\b(?:push|move|delay|postpone|shift|slip|bump|bring|pull)\s+(?:the\s+)?"
    r"(?:launch(?:\s+date)?|date|go[-\s]live|start|it)?\s*(?P<dir1>back|out|later|forward|earlier"
    rf"|up)?\s*(?:by\s+)?{_COUNT}"
    r"(?:\s+(?P<dir2>later|earlier|back|forward|sooner))?\b",
    re.IGNORECASE,
)
# No verb: "launch a week later", "make it 3 days earlier", "yes but two weeks later".
_RELATIVE = re.compile(
    r"(?:\b(?:launch(?:ing)?(?:\s+date)?|go[-\s]?live|(?:the\s+)?date|start|make\s+it|do\s+it"
    r"|have\s+it|set\s+it)\s+(?:for\s+|to\s+)?"
    r"|(?:^|[,;:—–(-]\s*|\b(?:but|and|just|then|so)\s+))"
    rf"{_COUNT}\s+(?P<dir2>later|earlier|sooner)\b",
    re.IGNORECASE,
)
_EARLIER = frozenset({"forward", "earlier", "up", "sooner"})


def date_shift(text: str) -> int | None:
    """Days a "push the launch by a week" moves the date (negative: earlier), else None."""
    match = _SHIFT.search(text) or _RELATIVE.search(text)
    if match is None:
        return None
    count = match.group("n").lower()
    unit = match.group("unit").lower()
    days = (int(count) if count.isdigit() else _NUMBER_WORDS[count]) * (
        {"day": 1, "week": 7, "fortnight": 14}[unit]
    )
    groups = match.groupdict()
    direction = (groups.get("dir1") or groups.get("dir2") or "").lower()
    verb = match.group(0).split()[0].lower()
    earlier = direction in _EARLIER or verb in {"bring", "pull"}
    return -days if earlier else days
