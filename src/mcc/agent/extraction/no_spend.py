"""A budget of nothing, said in words: "no budget at all, it's organic", "zero spend",
"budget: none", "this costs us nothing".

The user said what the budget is (nothing), so it is recorded as 0 rather than asked for again;
a budget not known yet ("no budget yet", "no budget approved so far", "no budget info") is no
value at all and is still asked for. The words are the evidence, and the guardrail reads them
back with this same reading.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text

_SPEND = r"(?:paid\s+|media\s+|ad\s+|marketing\s+)?(?:budget|spend(?:ing)?|money|cost|costs)"
# What follows a "no budget" that is still to come: the amount is unknown, not nothing.
_PENDING = (
    r"(?!\s*(?:\w+\s+)?(?:yet|decided|set|confirmed|approved|agreed|known|allocated|signed|tbd|tbc"
    r"|for\s+now|so\s+far|info|information|details?|figures?|numbers?|given|provided|in\s+mind"
    r"|from|until|till|before|has\s+been|was|is\s+(?:set|known|decided)))"
)
_NOTHING = re.compile(
    # Not in brackets after a channel: "LinkedIn (no spend)" is how that channel runs.
    rf"(?<!\()\b(?:no|zero|nil|without(?:\s+a|\s+any)?)\s+{_SPEND}(?:\s+at\s+all|\s+whatsoever)?\b{_PENDING}"
    rf"|\b{_SPEND}\s*(?:is\s+|of\s+|[:=]\s*|[—–-]\s*)(?:none|nil|zero|nothing)\b{_PENDING}"
    r"|\bcosts?\s+(?:us\s+)?(?:nothing|zero)\b",
    re.IGNORECASE,
)


def no_spend(text: Text, result: Extraction) -> bool:
    """Read a budget of nothing (True when one was read)."""
    match = _NOTHING.search(text.work)
    if match is None or MASK in match.group():
        return False
    text.mask(match.start(), match.end())
    result.values["budget"] = Candidate("budget", "0", text.span(match.start(), match.end()))
    return True


def says_nothing(words: str) -> bool:
    """Whether `words` say the budget is nothing (the safety counter's check of a 0)."""
    return _NOTHING.search(words) is not None
