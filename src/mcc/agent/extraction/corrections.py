"""The words that correct a value in the same message: what follows them replaces what came
before ("$9,000 budget... wait no, $11,000", "launch 20 Sept (edit: 27 Sept)", "the 3rd, sorry,
the 5th", "40k, I mean 45k"). One vocabulary for amounts and dates alike, so a way of correcting
oneself that works for one works for the other.
"""

from __future__ import annotations

import re

_MARKERS = (
    r"(?:sorry|correction|corrected|i\s+mean[t]?(?:\s+to\s+(?:say|write))?|make\s+(?:that|it)"
    r"|scratch\s+that|strike\s+that|oops|whoops|typo|no\s+wait|wait[\s,.!]*no(?:pe)?|wait"
    r"|rather|let'?s\s+say|actually|edit(?:ed)?|update[d]?|amend(?:ed|ment)?|revised|err?m?|uh"
    r"|my\s+bad|should\s+(?:have\s+)?(?:said|read|been)|not\s+that(?:\s+one)?|fixed|fix"
    # "20k — no, 25k — ok final answer 30k": a "no" after a pause, a last word, second thoughts.
    r"|(?:(?<=[—–,;.!])|(?<=[—–,;.!]\s))no|final(?:\s+answer)?|on\s+second\s+thoughts?)"
)
CORRECTION_BEFORE = re.compile(
    rf"\b{_MARKERS}\b[\s:,;.!—–-]*(?:(?:it'?s|that'?s|should\s+be|on|the|to)\s+)*$",
    re.IGNORECASE,
)


def corrects(before: str) -> bool:
    """The words just before a value correct an earlier one."""
    return bool(CORRECTION_BEFORE.search(before))
