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


def _raw_items(text: str) -> list[tuple[int, int]]:
    """The list items of `text` (start after any bullet, end), with what is said of them."""
    spans, start = [], 0
    for end in [m.start() for m in _ITEM_END.finditer(text)] + [len(text)]:
        lead = _BULLET.match(text, start)
        spans.append((lead.end() if lead else start, end))
        start = end + 1
    return spans


def _items(text: str) -> list[tuple[int, int]]:
    """The list items of `text` without what is said of them ("300 conversions [is the target]")
    or their closing punctuation."""
    spans = []
    for first, end in _raw_items(text):
        said = SAID_OF_IT.search(text, first, end)
        spans.append((first, len(text[: said.start() if said else end].rstrip(" \t.!"))))
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


# What closes a brief without being its goal: a sign-off, a request to the assistant, a field's
# own label or undecided value ("no name yet", "tier 2 I think"), a time ("for four weeks").
_NOT_A_GOAL = re.compile(
    r"^\W*(?:thanks|thank\s+you|thx|ty|cheers|regards|best|ta|many\s+thanks|sent\s+from"
    r"|please|pls|plz|can\s+you|could\s+you|let\s+me\s+know|lmk|asap|urgent|fyi|btw|ps|p\.s)\b"
    r"|\b(?:name[ds]?|call\s+it|title|tier|budget|channels?|launch(?:es|ing)?|start(?:s|ing)?"
    r"|ends?|audience|objective|goal|tbd|tbc|for\s+(?:\w+\s+)?(?:days?|weeks?|months?))\b",
    re.IGNORECASE,
)
# An item that is a time the date rules did not read ("every other Saturday", "mid-March").
_A_TIME = re.compile(
    rf"\W*(?:(?:from|until|till|every|each|on|by|in|last|next|this|first|second|third"
    rf"|other|early|mid|late|the|end\s+of)[\s-]+)*"
    rf"(?:(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?|weekends?"
    rf"|tonight|tomorrow|today|q[1-4]|h[12]|spring|summer|autumn|fall|winter|{MONTH}"
    rf"|(?:easter|christmas|xmas|diwali|eid|ramadan|hanukkah|halloween|new\s+year'?s?|bank"
    rf"|half[\s-]term|school)(?:\s+(?:eve|day|weekend|week|holidays?|break|time))?\W*$)(?!\w)"
    rf"|\d{{1,4}}(?:st|nd|rd|th)?\s*(?:[/.-]\d|{MONTH}))",
    re.IGNORECASE,
)
_CLOSING_WORDS = (2, 14)
# A word of its own, not a joining one: "LinkedIn and email" less its channels says nothing.
_CONTENT_WORD = re.compile(
    r"\b(?!(?:and|or|plus|the|our|only|also|with|both|just|too|via|then)\b)[^\W\d]{3,}",
    re.IGNORECASE,
)


def closing_target(text: str, used: list[str], channels: list[str]) -> tuple[int, int] | None:
    """The span of a brief's closing list item that no field took, when it is the only one
    after the items the other fields came from ("Chilli eating contest ..., £150, Saturday
    night, viral video and a packed Saturday"): the writer lists the goal last, without a word
    that says so; a time the date rules did not read ("Saturday night") is passed over. Never a
    sign-off, a request or a field's label, never a question, and never an item of channels only
    ("Instagram and TikTok")."""
    items = _items(text)
    last = max(
        (i for i, (s, e) in enumerate(items) if any(_taken(text[s:e], w) for w in used)),
        default=None,
    )
    if last is None:
        return None
    rest = [
        (s, e)
        for s, e in items[last + 1 :]
        if text[s:e].strip(" \t()[]*•-") and not _A_TIME.match(text, s, e)
    ]
    if len(rest) != 1:
        return None
    start, end = rest[0]
    while start < end and not (text[start].isalnum() or text[start] in "$€£₹+~"):
        start += 1  # the separator or bullet before it ("— ", "/ ", "(")
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "%'’"):
        end -= 1  # an emoji, a bracket or a full stop after it
    words = text[start:end]
    without_channels = words
    for channel in channels:
        without_channels = without_channels.replace(channel, " ")
    n = len(words.split())
    if not _CLOSING_WORDS[0] <= n <= _CLOSING_WORDS[1] or text[end : end + 2].strip() == "?":
        return None
    if _NOT_A_GOAL.search(words):
        return None
    if not _CONTENT_WORD.search(without_channels):
        return None
    return start, end


# A target the writer says is the goal after naming it ("(40 new trade accounts is the target)",
# "Notes: (10 working prototypes for the council is the target)", "a full house is the dream").
_SAID_TO_BE_THE_GOAL = re.compile(
    r"(?:^|[(:]\s*)(?P<goal>[^\s(\[:][^()\[\]:]{1,80}?)\s+(?:is|are|would\s+be|will\s+be)\s+"
    r"(?:the|our|my|what\s+we(?:'re|’re|\s+are)?)\s+(?:main\s+|real\s+|big\s+|only\s+)?"
    r"(?:target|goal|aim|objective|kpi|ambition|dream|win|after|need)\b",
    re.IGNORECASE,
)


def said_goal(text: str, used: list[str]) -> tuple[int, int] | None:
    """The span of a list item's target that the writer says is the goal, holding none of the
    `used` words (other fields' values)."""
    for start, end in _raw_items(text):
        said = _SAID_TO_BE_THE_GOAL.search(text[:end], start)
        if said is None:
            continue
        goal = said.group("goal")
        if any(_taken(goal, words) for words in used) or not re.search(r"[^\W\d]{2,}", goal):
            continue
        return said.start("goal"), said.end("goal")
    return None
