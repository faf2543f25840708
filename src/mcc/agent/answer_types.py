"""What kind of fact a knowledge question asks for, and whether a sentence states one.

"When does the customer newsletter land in inboxes?" asks for a time: of the newsletter
section's sentences, the one that says "second Tuesday" answers it, not the one that repeats
"customer newsletter" twice. Question answering has long used this expected answer type to
choose between passages and sentences that share the question's words alike; here it is one
more thing a sentence can hold, beside the question's concepts.
"""

from __future__ import annotations

import re

_NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty)"
)
_RANGE = rf"{_NUMBER}(?:\s*(?:[–-]|to)\s*{_NUMBER})?"

_DURATION = re.compile(
    rf"\b{_RANGE}\s*(?:\*\*)?\s*(?:business\s+|working\s+|calendar\s+)?"
    r"(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|quarters?|years?)\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"|\b\d{1,2}:\d{2}\b"
    r"|\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|last)\s+(?:business\s+)?day\b"
    r"|\b(?:same|next)\s+(?:business\s+)?day\b|\bmonth[- ]end\b",
    re.IGNORECASE,
)
_LENGTH = re.compile(
    rf"\b{_RANGE}\s*(?:\*\*)?\s*(?:pages?|words?|characters?|slides?|lines?|sentences?)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:%|percent\b|usd\b|eur\b|gbp\b)", re.IGNORECASE)
_SHARE = re.compile(r"\d\s?%|\bpercent\b|\b(?:half|a\s+third|a\s+quarter)\b", re.IGNORECASE)
_SIZE = re.compile(
    r"\b\d[\d,.]*\s?(?:kb|mb|gb|px|pixels?|css\s+px)\b|\d\s?[×x]\s?\d", re.IGNORECASE
)
# How many people a list, test cell or room holds: "at least 2,000 recipients".
_PEOPLE = re.compile(
    r"\b\d[\d,]*\+?\s+(?:recipients|people|contacts|registrants|attendees|accounts|members"
    r"|subscribers|leads|names|per)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(rf"\b{_NUMBER}\b", re.IGNORECASE)

# The question's words that say which kind of fact it wants, with the facts that answer it; the
# first that matches decides. "How long" is a time or a length ("how long is a brief?").
_ASKS: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...] = (
    (
        re.compile(
            r"\btoo\s+long\b|\bhow\s+many\s+(?:pages|words|characters|chars|slides|lines)\b",
            re.IGNORECASE,
        ),
        (_LENGTH,),
    ),
    (
        re.compile(
            r"\bwhat\s+(?:share|percentage|percent|proportion|rate|ratio)\b|\bhow\s+many\s+of\b"
            r"|\bwhat\s+%",
            re.IGNORECASE,
        ),
        (_SHARE,),
    ),
    (re.compile(r"\bhow\s+long\b", re.IGNORECASE), (_DURATION, _LENGTH)),
    (
        re.compile(
            r"\bhow\s+(?:early|soon|quickly|fast|often|far\s+(?:ahead|back|out|in\s+advance))\b"
            r"|\bhow\s+much\s+(?:time|notice|lead\s+time|warning)\b|\bwhen\b|\bwhat\s+time\b"
            r"|\bdeadline\b|\bturnaround\b|\blead\s+time\b|\bhow\s+many\s+(?:days|weeks|hours"
            r"|months|minutes)\b|\bat\s+what\s+point\b",
            re.IGNORECASE,
        ),
        (_DURATION,),
    ),
    (
        re.compile(
            r"\bhow\s+(?:big|large|heavy|small)\b|\btoo\s+(?:heavy|big|large|small)\b"
            r"|\bwhat\s+size\b|\bdimensions?\b",
            re.IGNORECASE,
        ),
        (_SIZE, _LENGTH, _PEOPLE),
    ),
    (
        re.compile(
            r"\bhow\s+much\b|\bmax(?:imum)?\s+(?:spend|budget|cost|amount)\b|\bspend\s+limit\b"
            r"|\bhow\s+expensive\b|\bcost\s+(?:cap|limit)\b",
            re.IGNORECASE,
        ),
        (_MONEY,),
    ),
    (re.compile(r"\bhow\s+many\b", re.IGNORECASE), (_COUNT,)),
    # A limit on spend or a share ("the cap on non-working spend", "above what amount does a
    # purchase need a PO?"): the figure, not the definition beside it.
    (
        re.compile(
            r"\b(?:caps?|ceiling|limits?|thresholds?)\s+(?:on|for|of)\s+(?:[\w-]+\s+){0,2}"
            r"(?:spend|spending|budget|costs?|money|fees?|purchases?)\b"
            r"|\b(?:above|over|under|below|from|at)\s+what\s+(?:amount|spend|value|figure|sum)\b"
            r"|\bwhat\s+(?:amount|sum)\b",
            re.IGNORECASE,
        ),
        (_MONEY, _SHARE),
    ),
)


def expected(question: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of the facts `question` asks for; none when its words do not say."""
    for asks, answers in _ASKS:
        if asks.search(question):
            return answers
    return ()


def states(answers: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether `text` states a fact of the kind asked for."""
    return any(pattern.search(text) for pattern in answers)
