"""An answer said with a rising tone: "uh small farms with dairy herds?" asked who the campaign is
for. The "?" says how sure the writer is, not what they ask, when the words ask nothing; the
engine takes them as the answer only when, without the "?", they give a field it asked for.

Likewise an answer after the question echoed ("who? shoppers who never ordered", "the goal?
200 sign-ups"): the echo repeats what was asked, the words after it answer (`after_echo`)."""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import FIELD_LABEL_WORDS

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


# The assistant's question echoed before the answer, by the field it asked for: the field's
# label words (`FIELD_LABEL_WORDS`), or the question word that asks for it.
_QUESTION_WORDS = {
    "target_audience": r"who(?:\s+(?:for|to|is\s+it\s+for))?|for\s+whom"
    r"|(?:the\s+|our\s+)?target\s+audience",
    "objective": r"why|(?:the\s+|our\s+)?target",
    "name": r"called|what\s+to\s+call\s+it",
    "budget": r"how\s+much",
    "launch_date": r"when|(?:the\s+)?(?:launch|start)\s+date|go[-\s]?live",
    "channels": r"where",
    "type": r"what\s+(?:kind|type)",
}
_ECHOES = {
    field: rf"{_QUESTION_WORDS[field]}|(?:the\s+|our\s+)?(?:{'|'.join(sorted(words))})"
    for field, words in FIELD_LABEL_WORDS.items()
}
_ECHO = re.compile(r"\s*(?:(?:um+|uh+|erm|hmm+|oh|ah|so),?\s+)?(?P<echo>[^?\n]{1,24})\?+\s+(?=\S)")


def after_echo(text: str, asked: list[str]) -> str | None:
    """The answer after an echo of a question the assistant asked ("who? retired teachers",
    "the budget? about 40k"), when the rest asks nothing itself; None for anything else."""
    opening = _ECHO.match(text)
    if opening is None or "?" in text[opening.end() :]:
        return None
    echo = opening["echo"].strip()
    if any(
        re.fullmatch(_ECHOES[field], echo, re.IGNORECASE) for field in asked if field in _ECHOES
    ):
        return text[opening.end() :].strip()
    return None
