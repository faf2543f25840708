"""Elliptical follow-ups to a knowledge question: "who signs off a tier 2?" then "and for tier 3?".

On its own, "and for tier 3?" names no topic, so retrieval quotes whatever mentions Tier 3 (its
definition) instead of its approver. Right after a knowledge answer, a follow-up that only swaps
the tier is the previous question with the new tier; one that names a new subject ("and for big
headings?") is the previous question about that subject.
"""

from __future__ import annotations

import re

from mcc.agent.state import DialogueState

_FOLLOW_UP = re.compile(
    r"^\s*(?:(?:and|&|but|ok(?:ay)?|so)\s+)?(?:what|how)\s+about\s+(?P<a>[^?.!]{1,50}?)[\s?.!]*$"
    r"|^\s*(?:and|&)\s+(?:(?:for|with|on|in|at)\s+)?(?P<b>[^?.!]{1,50}?)[\s?.!]*$"
    r"|^\s*(?:same|ditto)\s+(?:for|with)\s+(?P<c>[^?.!]{1,50}?)[\s?.!]*$",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"(?:what|when|where|who|whom|why|which|how|is|are|do|does|did|can|could|should|would|will"
    r"|must|may|shall)\b",
    re.IGNORECASE,
)
_WORDS = 4  # "and for big headings?": a follow-up names its new subject in a few words
_TIER = re.compile(r"\btier[\s-]*([123])\b|\bt([123])\b", re.IGNORECASE)
# Words a short follow-up carries that ask nothing new ("and for tier 3 then?").
_FILLER = re.compile(
    r"\b(?:then|too|also|please|pls|one|ones|campaigns?|the|a|an|for|of|a\s+)\b|[^\w\s]",
    re.IGNORECASE,
)


def remember(state: DialogueState, question: str) -> None:
    """Keep the knowledge question this turn answered, for a follow-up on the next turn."""
    state.knowledge_asked = question
    state.knowledge_turn = state.turn


def resolve(state: DialogueState, message: str, question: str) -> str:
    """The question the follow-up `message` stands for, or `question` (the message's question
    body) when it is not one."""
    previous = state.knowledge_asked
    if not previous or state.knowledge_turn != state.turn - 1:
        return question
    match = _FOLLOW_UP.match(message)
    if match is None:
        return question
    rest = next(group for group in match.groups() if group)
    if _ASKS.match(rest) or len(rest.split()) > _WORDS:
        return question  # "and when does the recording go up?" is a question of its own
    tiers = _TIER.findall(rest)
    others = _FILLER.sub(" ", _TIER.sub(" ", rest)).split()
    if tiers and not others:
        number = next(a or b for a, b in tiers)
        if _TIER.search(previous):
            return _TIER.sub(f"tier {number}", previous, count=1)
        return f"{previous.rstrip(' ?.!')} for tier {number}?"
    if tiers:
        return question  # "what about tier 2 approver?" asks on its own
    return f"{previous.rstrip(' ?.!')} for {rest.strip()}?"
