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

from mcc.agent.state import DialogueState

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
