"""Shapes of a reply to a preview that the yes rules (`mcc.agent.guardrails.is_explicit_yes`)
read wrongly without them, found by the blind act set `evals/assistant/acts-1` (DEV half):

- a question without its question mark: "can a Director approve it" is not a yes, whatever
  the classifier thinks of "approve it" (a polite order to us, "can you create it", still is);
- a discard: "throw it away", "rip it up", a mistyped "trsah it" drop the draft, they never
  create it (the last two were found on the TEST half, as creations without a yes);
- a yes said through a double negative: "no objections, create it", "I don't see why not, go
  ahead", "can't see anything wrong with it, go ahead": the negation is the approval;
- a yes in another language ("ja, bitte anlegen", "sí, créala", "oui, vas-y").
"""

from __future__ import annotations

import re

# A question asked about someone or something else: a modal or auxiliary, then its subject. Not
# "can you / could we ..." (an order or a proposal to go ahead) nor "do it" (an order).
_QUESTION = re.compile(
    r"^(?:can|could|will|would|should|may|might|shall|does|did|is|are|was|were|has|have)\s+"
    r"(?:a|an|the|this|that|it|its|my|our|his|her|their|someone|somebody|anyone|anybody|he"
    r"|she|they|legal|finance|procurement|marketing|sales|director|manager|vp|cmo|cfo|ceo)\b"
    r"|^(?:who|what|when|where|which|whose|how)\b(?!\s+about\b|\s*:)"
)
# Dropping the draft in words the cancel rules do not list.
_THIS = r"(?:it|this|that|the\s+draft|the\s+whole\s+thing)"
_DISCARD_WORDS = (
    rf"(?:throw|chuck|toss)\s+{_THIS}\s+(?:away|out)|(?:rip|tear)\s+{_THIS}\s+up"
    rf"|(?:delete|erase|shred|nuke|junk|axe|t[ras]{{3}}h|tash)\s+{_THIS}"
)
# Anywhere, it vetoes a yes; as the whole message, it cancels ("delete that channel" does not).
_DISCARD = re.compile(rf"\b(?:{_DISCARD_WORDS})\b")
_DISCARD_ALONE = re.compile(
    rf"^(?:(?:ok|okay|just|please|pls|actually|no|nah|nope)[\s,.!]*)*(?:{_DISCARD_WORDS})"
    r"[\s,.!]*(?:please|pls|plz|now|entirely|completely)?[\s.!]*$"
)
# "No objections", "I don't see why not", "can't see anything wrong with it", "nothing wrong
# with it": an approval said as a negation, set aside when a yes follows it.
_NO_OBJECTION = re.compile(
    r"^(?:(?:i|we)\s+)?(?:don'?t|do\s+not|can'?t|cannot|couldn'?t)\s+(?:see|find)\s+"
    r"(?:why\s+not|any(?:thing)?\s+(?:wrong|problems?|issues?)|a\s+(?:problem|reason\s+not\s+to))"
    r"(?:\s+with\s+(?:it|this|that))?"
    r"|^no\s+(?:objections?|problems?|issues?|complaints|concerns)(?:\s+(?:from\s+me|here))?"
    r"|^nothing\s+(?:wrong|amiss)(?:\s+(?:with\s+(?:it|this|that)|here))?"
)
_AFTER_OBJECTION = re.compile(r"^[\s,;:.!—–-]*(?:so\s+|then\s+|and\s+)?")
# A yes in another language, alone or with "create it" / "go" in that language.
_FOREIGN_YES = re.compile(
    r"^(?:ja|jawohl|sí|si|oui|hai|haan|sim|tak|da)\b[\s,!.]*"
    r"(?:(?:bitte\s+)?(?:anlegen|erstellen|mach(?:\s+es)?|los)|créal[ao]|crealo|adelante|dale"
    r"|vas-y|allez|crée-la|crée-le|karo|kar\s+do|pode\s+criar)?[\s!.]*$"
)


# A "what" clause that names what the value is, then the value: "what matters for quota: 10
# qualified opportunities", "what leadership wants: 70% migrated", "what I'd like is for us to be
# the first result", "what we'd really like out of it is 200 attendees". It says, it does not ask:
# its clause has a subject and a verb of its own before the "is" or colon ("what is the lead time"
# and "what budget does tier 1 need" have none).
_PSEUDO_CLEFT = re.compile(
    r"^what\s+(?:(?:we|i|they|you|he|she|leadership|management|the\s+[a-z]+|our\s+[a-z]+)"
    r"(?:'d|’d|'re|’re|'ll|'m|\s+would|\s+really)?(?:\s+[a-z'’-]+){1,6}?"
    r"\s*(?::|\s(?:is|are|would\s+be|will\s+be)\s)"
    # or a verb of its own: "what matters is", "what counts for us:" (not "what channels are")
    r"|(?:matters|counts|wins|works|helps)(?:\s+(?:most|here|for\s+(?:us|me|them|[a-z]+)))?"
    r"\s*(?::|\sis\s))"
    # and a value, not a participle or the thing asked about ("is needed", "is for tier 2")
    r"(?!\s*(?:[a-z]+ing\b|[a-z]+ed(?:\s+(?:for|by|to|in|on|before|after|when)\b|\s*$)|(?:for|in|on|at|of|by)\s+(?:tier|a|an|the)\b))\s*\S"
)


def reads_as_question(text: str) -> bool:
    """Lower-cased `text` opens as a question about a third party, with or without its '?'."""
    if "?" not in text and _PSEUDO_CLEFT.search(text):
        return False
    return bool(_QUESTION.search(text))


def discards(text: str, *, alone: bool = False) -> bool:
    """`text` (lower-cased) throws the draft away: anywhere in it, or as all it says."""
    return bool((_DISCARD_ALONE if alone else _DISCARD).search(text))


def without_no_objection(text: str) -> str:
    """Lower-cased `text` without an opening "no objections" / "don't see why not" when more
    follows it (that rest must then be a yes on its own); `text` unchanged otherwise."""
    match = _NO_OBJECTION.search(text)
    if match is None:
        return text
    rest = text[match.end() :]
    rest = rest[_AFTER_OBJECTION.match(rest).end() :]  # type: ignore[union-attr]
    return rest if rest.strip(" .!") else text


def foreign_yes(text: str) -> bool:
    return bool(_FOREIGN_YES.search(text.strip()))
