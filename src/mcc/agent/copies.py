"""A copy of the campaign just created, only when the user asks for one in so many words.

A new campaign starts from an empty draft (DESIGN.md §6): "one more: webinar for CFOs" carries
nothing over. "Clone it for EMEA", "same again but for nurses", "duplicate it as 'X'" are the user
saying which values to reuse: all of the created campaign's, but its name (two campaigns with one
name would be confused) and whatever the same message changes. The copied values keep the
provenance of the turn the user typed them in, and nothing is created without a new preview and
a yes.
"""

from __future__ import annotations

import re

from mcc.agent.state import DialogueState, Draft

# The verbs and phrases that ask for a copy of "it"; "ad copy" or "a duplicate charge" do not.
_ASKS_FOR_COPY = re.compile(
    r"\b(?:clone|duplicate|replicate)\s+(?:it|this|that|the\s+(?:last\s+)?(?:one|campaign))\b"
    r"|\b(?:clone|duplicate|copy)\s+of\s+(?:it|this|that|the\s+(?:last\s+)?(?:one|campaign))\b"
    r"|\b(?:copy|reuse|repeat|redo)\s+(?:it|this|that|the\s+(?:last\s+)?(?:one|campaign))\b"
    r"|\bsame\s+(?:again|thing|setup|set-up|deal|one|campaign|as\s+(?:before|that|the\s+last))\b"
    r"|\b(?:another|one\s+more)(?:\s+one)?\s+(?:just\s+)?like\s+(?:it|this|that|the\s+last)\b"
    r"|^\s*(?:clone|duplicate)\b",
    re.IGNORECASE,
)


def asks_for_copy(message: str) -> bool:
    """The user asks to reuse the campaign just created ("clone it for EMEA")."""
    return bool(_ASKS_FOR_COPY.search(message))


def start_from_created(state: DialogueState) -> str | None:
    """Open a draft holding the created campaign's values but its name; the name copied from."""
    kept = state.draft.model_copy(deep=True)
    copied_from = state.created.name if state.created is not None else None
    kept.fields.pop("name", None)
    state.start_draft()
    state.draft = kept
    return copied_from


# "social for the same launch", "same date and budget", "on the same day, same audience": a new
# campaign right after a creation that takes some of its values by reference. Only the values
# named are taken (a new campaign otherwise starts empty), with the provenance of the turn the
# user typed them in.
_FIELD_WORDS = (
    ("launch_date", r"launch(?:\s+date)?|(?:start|go-?live|send)(?:\s+date)?|date|day"),
    ("target_audience", r"(?:target\s+)?audience|people|crowd|segment|list|recipients"),
    ("budget", r"budget|amount|spend"),
    ("objective", r"goal|objective|kpi|aim"),
    ("channels", r"channels?"),
)
_ANY_FIELD = "|".join(words for _, words in _FIELD_WORDS)
_SAME = re.compile(
    rf"\b(?:the\s+)?same\s+(?P<list>(?:{_ANY_FIELD})(?:\s*(?:,|&|\+|/|\band\b|\bplus\b)\s*"
    rf"(?:(?:the\s+)?same\s+)?(?:{_ANY_FIELD}))*)\b"
    rf"(?!\s+as\s+(?!(?:it|that|this|before|the\s+(?:last|previous)(?:\s+one)?)\b))",
    re.IGNORECASE,
)


def same_fields(message: str) -> list[str]:
    """The fields `message` says to keep from the campaign just created ("the same launch")."""
    named: list[str] = []
    for match in _SAME.finditer(message):
        for field, words in _FIELD_WORDS:
            if re.search(rf"\b(?:{words})\b", match["list"], re.IGNORECASE) and field not in named:
                named.append(field)
    return named


def is_reference(value: str) -> bool:
    """Whether a value read from the message is only the words "the same audience"."""
    return _SAME.fullmatch(value.strip(" .,;:!")) is not None


def carry_same(previous: Draft, draft: Draft, fields: list[str]) -> list[str]:
    """Copy the named fields the new draft lacks from the created campaign's draft; the labels
    of the fields copied."""
    copied = []
    for field in fields:
        if field == "channels":
            if previous.channels and not draft.channels:
                draft.channels = dict(previous.channels)
                copied.append(field)
            continue
        if field in previous.fields and field not in draft.fields:
            draft.fields[field] = previous.fields[field]
            if field == "budget" and "currency" in previous.fields:
                draft.fields.setdefault("currency", previous.fields["currency"])
            copied.append(field)
    return copied
