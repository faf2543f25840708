"""A brief's bare target: the one list item that is a figure and what it counts.

Compact briefs list their fields with no words around them ("webinar series, 400 participants,
$6,500, from March"; "* 64 teams registered"; "Row: ... / 90 tours booked / £2.4k"). The rules
read the budget and the dates from such a list, and the item left that counts something ("400
participants", "+8% like-for-like sales", "₹10 crore GMV") is the objective: the writer's KPI
in the writer's words. Only in a brief, only when exactly one item is such a count, and never
when it holds another field's words, a duration ("6 weeks") or a date ("15 July").
"""

from __future__ import annotations

import re

from mcc.agent.extraction.periods import MONTH
from mcc.agent.span_tagger.objective_cut import SAID_OF_IT

# Where a list's items end: commas, semicolons, lines, slashes, pipes and dashes between spaces,
# and a full stop ("trade show. HVAC contractors. Jan 26-28. 180 leads.").
_ITEM_END = re.compile(r",(?!\d)|[;\n]|\s[/|—–]\s|\s-\s|\s[—–]|\.(?=\s|$)")
_BULLET = re.compile(r"\s*[*•·-]?\s*")
# A count: an optional sign or hedge, an optional currency, a figure, an optional scale, then
# one to six words of what it counts (which may hold a second count: "50k views + 1,000 coupon
# redemptions").
_COUNT = re.compile(
    r"(?:[+~]|up\s+to\s+|at\s+least\s+)?(?:[$€£₹₱¥]|[A-Z]{2,3}\$?\s?)?\d[\d,.]*"
    r"(?:\s?(?:%|k|m|mn|bn|million|billion|crores?|lakhs?)\b|%)?"
    r"(?P<what>(?:\s+[+&]?\s*[^\W\d][\w'’&-]*|\s+\+\s+[\d,.]+k?){1,6})",
    re.IGNORECASE,
)
# What a figure counts that is no target: time ("6 weeks", "2 days"), a date ("15 July"),
# money ("20 grand"), or the campaign's own parts ("3 emails", "4 sessions", "2 talks").
_NOT_COUNTED = re.compile(
    rf"\s*(?:(?:minutes?|hours?|days?|nights?|weeks?|months?|years?|am|pm|st|nd|rd|th|of"
    rf"|grand|k|dollars?|euros?|pounds?|quid|bucks|rupees?)\b|{MONTH}(?!\w))",
    re.IGNORECASE,
)


def _items(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in [m.start() for m in _ITEM_END.finditer(text)] + [len(text)]:
        lead = _BULLET.match(text, start)
        first = lead.end() if lead else start
        said = SAID_OF_IT.search(text, first, end)
        spans.append((first, len(text[: said.start() if said else end].rstrip(" \t.!"))))
        start = end + 1
    return [(s, e) for s, e in spans if e > s]


def _taken(item: str, words: str) -> bool:
    """Another field's value came from the item's words (or the item is in that value's)."""
    return bool(words) and (words in item or item in words)


def bare_target(text: str, used: list[str]) -> tuple[int, int] | None:
    """The span of the one list item of `text` that is a count of something, holding none of
    the `used` words (other fields' values); None when there is none or more than one."""
    found = []
    for start, end in _items(text):
        count = _COUNT.fullmatch(text, start, end)
        if count is None or _NOT_COUNTED.match(count.group("what")):
            continue
        if any(_taken(text[start:end], words) for words in used):
            continue
        found.append((start, end))
    return found[0] if len(found) == 1 else None
