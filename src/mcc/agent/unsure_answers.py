"""An answer said with a rising tone: "uh small farms with dairy herds?" asked who the campaign is
for. The "?" says how sure the writer is, not what they ask, when the words ask nothing; the
engine takes them as the answer only when, without the "?", they give a field it asked for."""

from __future__ import annotations

import re

# What makes a "?" ask something: a question word, a verb that asks, someone addressed, a check on
# the answer ("is that ok?", "realistic?"), or a command word of the assistant's.
_ASKS = re.compile(
    r"\b(?:what|who|whom|whose|which|when|where|why|how|is|are|am|was|were|do|does|did|can"
    r"|could|should|would|will|shall|may|might|must|have|has|had|any|anything|you|your|u|ur"
    r"|isn['’]t|aren['’]t|don['’]t|doesn['’]t|won['’]t|can['’]t|ok|okay|right|correct|enough"
    r"|fine|possible|realistic|doable|status|help|list|cancel|stop|yes|no|yeah|nope|sure|idea"
    # What the playbooks answer ("lead time for webinars?", "tier 2 budget range?").
    r"|tiers?|lead|approv\w*|sign-?off|deadlines?|checklists?|templates?|playbooks?|rules?"
    r"|polic(?:y|ies)|limits?|length|sla|turnaround|process|benchmarks?|range|minimum|maximum"
    r"|max|min|allowed|required|needed|mean|means|meaning"
    # Asking what is usual or best ("typical spend for a webinar?", "best weekday for events?").
    r"|typical|typically|usual|usually|average|best|ideal|recommended|standard|normal|cost|costs"
    r"|price|prices|pricing|spend|budget|like\s+this|good|better|work|works)\b"
    r"|\b(?:or|vs)\b[^?]*$",
    re.IGNORECASE,
)
_UNSURE_WORDS = 12


def said_unsure(text: str) -> str | None:
    """An answer said with a rising tone, without its "?" ("uh small farms with dairy herds?",
    "retention?"): one line of a few words that asks nothing (`_ASKS`); None for anything else.
    Asked for a field, that "?" says how sure the writer is, not what they ask."""
    stripped = text.strip()
    body = stripped.rstrip("?").rstrip()
    if body == stripped or not body or "?" in body or "\n" in body:
        return None
    if len(body.split()) > _UNSURE_WORDS or _ASKS.search(body):
        return None
    return body
