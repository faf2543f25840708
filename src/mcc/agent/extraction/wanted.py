"""What is wanted, without the verb that joins it to its frame.

"The idea is to get inbound leads from Ohio", "we're hoping to get more online bookings": the
objective is the leads, the bookings; "get" only says they are wanted. A value the user typed
after a label of its own keeps its words ("Objective: get 50 demo requests").
"""

from __future__ import annotations

import re

# "get" before what is wanted; not "get to ...", "get it live", "get back to them", "get into 5
# shortlists" (a verb with its particle), nor "get" that moves what follows, a particle after it:
# "get churn on the legacy plan down 5%", "get NPS above 50" are the aims whole.
_GET = re.compile(
    r"(?:to\s+)?get\s+(?!to\b|it\b|them\b|this\b|that\b|there\b|back\b|in\b|on\b|out\b"
    r"|into\b|onto\b|through\b|ahead\b|over\b|past\b|off\b|away\b|around\b|round\b|across\b)"
    r"(?![^,.;:\n]{0,60}?\b(?:down|under|below|above|back|higher|lower|up(?!\s+to\b))\b)"
    # Nor "get" that makes people do something, the aim itself: "get 60 clinics to switch to our
    # booking tool", "get people talking about the new menu".
    r"(?![^,.;:\n]{0,60}?\bto\s+(?!(?:the|a|an|our|their|your|this|that|it|us|\d)\b)(?-i:[a-z]+)\b)"
    r"(?!(?:[\w-]+\s+){0,2}(?:people|everyone|folks|them|donors|customers|members|fans|parents"
    r"|users|buyers|guests|visitors|clients|families|locals|students|readers)\s+[a-z]+ing\b)"
    r"(?=\w)",
    re.IGNORECASE,
)


def after_get(text: str, start: int, end: int) -> int:
    """Where the wanted thing starts in text[start:end]: after an opening "(to) get"."""
    got = _GET.match(text, start, end)
    return got.end() if got else start
