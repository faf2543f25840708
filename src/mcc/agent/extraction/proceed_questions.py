"""A newcomer's question about how to go on here, after what they want to plan.

"we want to run a customer evening at the showroom. how do we get that going?", "re-engagement
emails to dormant users — where do I start?", "display advertising, that's what we want. help?":
the tail asks the assistant to begin, not the playbooks anything. Such a tail names no topic: every
word of it is a word of asking, beginning or helping. What the message is for is then read in the
words before it (`engine_rules`), as if the tail were not there.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.labels import EMOJI

# The last clause, after a sentence's end, a dash, a comma or an ellipsis, up to the end (its
# question mark, emoji or smile aside): "..., where do I begin?", "..., pls set up 🙏".
_TAIL = re.compile(
    # An emoji ends a clause as a stop does: "an info session for parents 🙂 how do we do this?"
    rf"(?:[.!;,…]\s*|\s[—–-]+\s*|\.{{2,}}\s*|\s*{EMOJI}+\s*)(?P<tail>[^.!;,…—–?\n]{{1,60}}?)"
    r"(?P<end>[\s!.?]*(?:[^\w\s.,;:!?'’\"“”()\[\]-]+[\s!.?]*)?)$"
)
# The words of asking how to go on: no topic of the playbooks is among them ("what's the lead
# time?", "who approves it?", "any tips?" ask something, and are not here).
_PROCEED = (
    "how", "what", "where", "whats", "what's", "do", "does", "did", "i", "we", "you", "u", "us",
    "me", "my", "our", "can", "could", "would", "should", "shall", "will", "is", "are", "the", "a",
    "an", "it", "that", "this", "one", "ones", "to", "from", "with", "for", "on", "of", "in", "so",
    "then", "now", "next", "first", "step", "steps", "start", "started", "starting", "begin",
    "beginning", "go", "get", "going", "got", "set", "up", "create", "make", "made", "help",
    "kick", "off", "proceed", "advise", "walk", "through", "books", "need", "needs", "want",
    "wanna", "info", "information", "please", "pls", "plz", "ok", "okay", "happens", "happen",
    "here", "there", "be", "done", "thing", "things", "tell", "know", "work", "works", "explain",
    "process", "sort", "sorted",
)  # fmt: skip
_PROCEED_WORDS = frozenset(_PROCEED)
# Without a question mark, the tail must ask to begin or for help ("pls set up", "can u help",
# "where do i start"), not only be a clause of those words ("we need it").
_ASKS = re.compile(
    r"\b(?:help|start|begin|set\s+(?:it\s+|that\s+|this\s+)?up|first|next|now|explain|steps"
    r"|work|proceed|need\s+from|sort)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 9


def proceed_body(text: str) -> str | None:
    """The words before a tail that only asks how to go on here, or None when the message has no
    such tail (or is only the tail)."""
    stripped = text.strip()
    match = _TAIL.search(stripped)
    if match is None:
        return None
    body = stripped[: match.start()].strip(" \t,;—–-")
    tail = match["tail"]
    words = re.findall(r"[a-z'’]+", tail.lower())
    if not body or not words or len(words) > _MAX_WORDS:
        return None
    if any(word.replace("’", "'") not in _PROCEED_WORDS for word in words):
        return None
    if "?" not in match["end"] and not _ASKS.search(tail):
        return None
    return body


# Wanting to do something ("we want to", "I've been asked to"): `campaign_type` reads the kind
# of the thing after it too.
WANTING_TO = r"(?:want|need|like|wanna|going|planning|hoping|trying|looking|asked(?:\s+me)?)\s+to"
# "we want to run a quiz night", "I've been asked to host an open morning": a thing to do, of a
# kind that may be no type word; with a tail asking how to begin, a campaign to plan.
_WISH_TO_DO = re.compile(
    rf"\b{WANTING_TO}\s+(?:run|host|hold|put\s+on"
    r"|organi[sz]e|launch|do|try|throw|arrange)\s+(?:an?|some|our|one|another)\s",
    re.IGNORECASE,
)


def wishes_to_do(body: str) -> bool:
    return bool(_WISH_TO_DO.search(body))
