"""A message cut into clauses, each a span of the message's own words.

Deterministic and deliberately plain: lines, then sentences and semicolons, then colons, dashes
and commas (not a comma inside a number), an aside in brackets, "to reach" (whom a request is
for) and "and" before a new subject ("and it's for CFOs", "and what we want is ...").
A line's bullet, number or quote marker and a field label ("Audience: ...") are left out of
the clause, so the clause is the value's words and a value taken from it is a span of the
message (its evidence stays exact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What opens a line without being part of what it says: quote marks, bullets, "1)", "Slide 3 –".
_MARKER = re.compile(
    r"^[ \t>]*(?:[-*•·–—▪◦‣+]+[ \t]+|\d{1,2}[.)][ \t]+|slide[ \t]+\d+[ \t]*[-–—:][ \t]*)*",
    re.IGNORECASE,
)
# A short field label: "Audience:", "Target audience -", "Why:"; not a time ("10:30").
_LABEL = re.compile(r"[ \t]*([A-Za-z][\w /&'’-]{0,24}?)[ \t]*[:=][ \t]*(?!\d\d\b)")
_BREAK = re.compile(
    r"\n|[.!?;](?=\s)|[.!?]$|:(?=[ \t])"
    # "hobby beekeepers in the Borders / more repeat orders": a slash between spaces too.
    r"|[ \t][-–—|/][ \t]"
    r"|,(?!\d)"
    # An aside in brackets is a clause of its own: "for CFOs (win back lost accounts)".
    r"|[ \t]\((?=[^)\n]*\))|\)"
    # Who a campaign is meant to reach opens a clause: "a webinar called X to reach CFOs".
    r"|[ \t](?=(?:to[ \t]+reach|aimed[ \t]+at|targeting)[ \t])"
    # "and" (or "but", "plus", "oh and") before a new subject: "... and it's for CFOs".
    r"|[ \t](?:and|but|plus|oh[ \t]+and|also)[ \t]+(?=(?:it|it's|its|we|we're|we'd|the|our|this|"
    r"that|they|what|i|i'm|i'd|budget|launch|audience|objective|goal|name|channels?)\b)",
    re.IGNORECASE,
)
_EDGE = " \t\"'“”‘’()[]*_,.;:!?-–—"


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    label: str = ""  # the field label that opened its line ("audience"), lower case


def _trimmed(message: str, start: int, end: int) -> tuple[int, int]:
    while start < end and message[start] in _EDGE:
        start += 1
    while end > start and message[end - 1] in _EDGE:
        end -= 1
    return start, end


def split(message: str) -> list[Clause]:
    """The clauses of `message`, in order; empty pieces are dropped."""
    clauses: list[Clause] = []
    offset = 0
    for line in message.split("\n"):
        start = offset + _MARKER.match(line).end()  # type: ignore[union-attr]
        offset += len(line) + 1
        label = _LABEL.match(message, start, offset - 1)
        name = ""
        if label and len(label.group(1).split()) <= 3:
            name, start = label.group(1).strip().lower(), label.end()
        end_of_line = offset - 1
        cut = start
        breaks = [(m.start(), m.end()) for m in _BREAK.finditer(message, start, end_of_line)]
        for stop, after in [*breaks, (end_of_line, end_of_line)]:
            first, last = _trimmed(message, cut, stop)
            if last - first >= 2:
                clauses.append(Clause(first, last, message[first:last], name))
            cut = after
    return clauses
