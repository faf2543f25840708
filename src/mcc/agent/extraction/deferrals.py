"""A deferral, blanked from the working text: "ask me again tomorrow" puts off the decision, it
does not move the launch. The day in it ("tomorrow", "next week", "on Monday") is when the user
will answer, so it fills no field. Blanking keeps the text's length, so positions and evidence
stay the user's own words.
"""

from __future__ import annotations

import re

# Who is put off and how: "ask me (again)", "ping us", "let's revisit this", "I'll confirm".
_PUT_OFF = (
    r"(?:(?:ask|ping|remind|nudge|chase|check\s+with|get\s+back\s+to|come\s+back\s+to"
    r"|follow\s+up\s+with)\s+(?:me|us)"
    r"|(?:let'?s\s+|we\s+can\s+|we'?ll\s+)?(?:revisit|circle\s+back|pick\s+(?:this|it)\s+up|talk"
    r"|reconvene|sync)"
    r"|i'?(?:ll|\s+will)\s+(?:get\s+back\s+to\s+you|confirm|decide|let\s+you\s+know|sign\s+off"
    r"|think\s+(?:about\s+it|it\s+over)|come\s+back\s+to\s+(?:you|this|it)))"
)
# When: the day of the answer, not of the launch.
_WHEN = (
    r"(?:tomorrow|tmrw|tmr|(?:next|later\s+this)\s+(?:week|month)|next\s+\w+day|on\s+\w+day"
    r"|in\s+(?:a|an|a\s+few|a\s+couple\s+of|\d+|two|three)\s+(?:days?|weeks?|hours?)"
    r"|(?:later\s+)?(?:today|this\s+(?:afternoon|evening|week))|after\s+the\s+weekend)"
)
_DEFERRAL = re.compile(
    rf"\b{_PUT_OFF}(?:\s+(?:again|back|about\s+(?:it|this)|on\s+(?:it|this)|this|it))*"
    rf"\s+(?:first\s+thing\s+)?{_WHEN}\b"
    # "maybe tomorrow" as the whole reply to a preview: when they may say yes, not a launch.
    rf"|^\W*(?:maybe|perhaps|possibly|probably)\W+{_WHEN}[\s.!?]*$",
    re.IGNORECASE,
)


def without_deferral(text: str) -> str:
    """`text` with each deferral blanked; the same length as `text`."""
    return _DEFERRAL.sub(lambda match: " " * len(match.group()), text)
