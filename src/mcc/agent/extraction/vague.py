"""Dates the user says are not decided yet.

"sometime in Q2 2028, exact date tbd" names a window, not a launch date: reading it as the
quarter's first day would invent a value the user explicitly left open. A window (a quarter, a
month, mid-month) with a hedge next to it becomes a question instead of a value; a window
without one ("launch in Q3") keeps its documented reading.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.dates import DateMention, DateProblem

# Readings that pick one day out of a longer window (see `dates._quarter`, `_month_rule`).
_WINDOW_RULE = re.compile(r"first day|middle month|mid-month|mid-Q")
_HEDGE_BEFORE = re.compile(
    r"\b(?:sometime|some\s+time|somewhere|at\s+some\s+point|probably|possibly|maybe|perhaps"
    r"|tentatively|roughly|approximately|ish)\b[^\n.;]{0,16}$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    r"^[^\n.;]{0,30}?(?:\b(?:tbd|tba|tbc|to\s+be\s+(?:decided|confirmed|defined|determined|agreed)"
    r"|not\s+(?:yet\s+)?(?:decided|fixed|final|confirmed|set|locked|agreed)|exact\s+(?:date|day)"
    r"|date\s+(?:pending|open)|-?ish)\b|\?)",
    re.IGNORECASE,
)


def undecided(
    text: str, found: list[DateMention], problems: list[DateProblem]
) -> tuple[list[DateMention], list[DateProblem]]:
    """`found` without the hedged windows, and `problems` with a question for each of them."""
    kept: list[DateMention] = []
    asked = list(problems)
    for mention in found:
        window = mention.rule is not None and _WINDOW_RULE.search(mention.rule)
        before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end :]
        if window and (_HEDGE_BEFORE.search(before) or _HEDGE_AFTER.match(after)):
            message = (
                f"“{mention.text}” is a window, not a date — I'll leave the launch date open; "
                "which day will it go live?"
            )
            asked.append(DateProblem(mention.text, mention.start, mention.end, message))
        else:
            kept.append(mention)
    return kept, asked
