"""The polite ends of a brief, which ask the assistant for nothing it does not do anyway.

A brief often closes with a line to the assistant: "Please record it.", "Could you log this for
me?", "That should be everything.", "That's all from me, thanks!", "Let me know if you need
anything else.". They are no instruction to the system (nothing of the approval, the rules or
another record is named): dropping them is harmless, but telling the user that an instruction was
ignored, when there was none, is not. A line that does name something more ("record it as
approved", "log this in Workfront directly") is not one of these.
"""

from __future__ import annotations

import re

_POLITE = (
    r"(?:please|pls|plz|kindly|thanks|thank\s+you|thx|ty|cheers|for\s+me|for\s+us|now|today"
    r"|asap|when\s+you\s+can|if\s+you\s+can|if\s+possible|accordingly|as\s+usual|then|again"
    r"|in\s+advance|a\s+lot|so\s+much|many\s+thanks)"
)
# The assistant's ordinary work on this request: record it, set it up, go ahead with it.
_DO = (
    r"(?:record|log|save|create|set\s+up|setup|add|book|register|file|enter|capture|submit"
    r"|raise|open|start|draft|prepare|process|handle|action|take\s+care\s+of|sort(?:\s+out)?"
    r"|get\s+(?:it|this)\s+(?:going|started|done|sorted)|go\s+ahead(?:\s+with)?"
    r"|proceed(?:\s+with)?)"
)
# "set it up", "sort this out", "put it through".
_DO_THIS = (
    r"(?:set|sort|put|get|write)\s+(?:it|this|that|them|this\s+one)\s+(?:up|out|through|in|down)"
)
_THIS = (
    r"(?:it|this|that|them|everything|this\s+one|the\s+(?:campaign|request|brief|above|following"
    r"|details)|this\s+(?:campaign|request|brief))"
)
_REQUEST = re.compile(
    rf"[\W_]*(?:{_POLITE}[\s,!.]*)*(?:(?:can|could|would|will)\s+you\s+)?(?:{_POLITE}\s+)*"
    rf"(?:{_DO_THIS}|{_DO}(?:\s+{_THIS})?(?:\s+(?:up|in|down))?)(?:[\s,!.]+{_POLITE})*[\s!.?]*",
    re.IGNORECASE,
)
# "That should be everything.", "That's all from me", "I think that covers it", "Let me know if
# you need anything else."
_CLOSING = re.compile(
    r"[\W_]*(?:(?:ok(?:ay)?|so|i\s+think|hopefully|and)[\s,]+)*"
    r"(?:(?:that|this)(?:'s|’s|\s+is|\s+should\s+be|\s+ought\s+to\s+be|\s+would\s+be"
    r"|\s+will\s+be|\s+was)?\s+(?:all|everything|it|the\s+lot|about\s+it)"
    r"|(?:that|this)\s+(?:covers|should\s+cover)\s+(?:it|everything)"
    r"|let\s+me\s+know\s+if\s+(?:you\s+need|there(?:'s|\s+is))\s+(?:anything|something)"
    r"(?:\s+(?:else|more))?)"
    r"(?:\s+(?:for\s+now|from\s+me|i\s+have|you\s+need|needed|for\s+today|on\s+my\s+side))?"
    rf"(?:[\s,!.]+{_POLITE})*[\s!.?]*",
    re.IGNORECASE,
)


def courtesy(sentence: str) -> bool:
    """`sentence` is a polite close or a plain request to record this campaign, nothing more."""
    text = sentence.strip()
    return bool(_REQUEST.fullmatch(text) or _CLOSING.fullmatch(text))
