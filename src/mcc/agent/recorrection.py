"""A bare correction of the value just changed: "argh no, CFOs in Spain and Portugal", right after
the audience was changed, names no field, yet can only mean the one the user was fixing.

Only for the free-text fields (a budget or a date is read by its own patterns wherever it is),
only when exactly one of them was set by the previous turn, and only when no other free-text
question is pending: anything less sure is left to the usual reading, which keeps the draft.
"""

from __future__ import annotations

import re

from mcc.agent.acts import REPLIES, classify
from mcc.agent.extraction.spans import Candidate, Extraction
from mcc.agent.guardrails import FREE_TEXT, names_nothing, reply_act
from mcc.agent.state import DialogueState

_SIGH = r"(?:a+r+g+h*|u+g+h+|g+a+h+|oh|ah|hmm+|oops|whoops|damn|dang|sorry|ok(?:ay)?)"
# A "no" needs a pause after it: "no, CFOs in Spain" corrects, "no more emails" is a request.
_NO = r"(?:no+|nope|nah|wrong|not\s+that(?:\s+one)?|wait\W+no(?:pe)?|no\W+wait)\s*[,:;.!—–-]+"
# These say "instead" by themselves: "I meant nurses in Ohio", "make that CTOs".
_INSTEAD = (
    r"(?:sorry\W+)?(?:i\s+mean[t]?|make\s+(?:that|it)|should\s+(?:be|have\s+said)|rather"
    r"|correction\s*:?)\s"
)
_BARE_CORRECTION = re.compile(
    rf"^\W*(?:{_SIGH}\W+)*(?:{_NO}\s*(?:{_INSTEAD})?|{_INSTEAD})\s*(?P<value>\S.*?)[\s.!]*$",
    re.IGNORECASE | re.DOTALL,
)
_LONGEST = 200
# "no, that's fine", "no, leave it as is", "nope, same as before": words about the draft (a
# verdict on it, or what to do with it), not a new value for it.
_ABOUT_THE_DRAFT = re.compile(
    r"^(?:that|it|this|these|those|same|as|leave|keep|looks?|all|go|let'?s|just|never|forget"
    r"|fine|ok(?:ay)?|good|great|perfect|nothing|nevermind|ignore|stop|cancel|undo|revert)\b",
    re.IGNORECASE,
)
_SURE_REPLY = 0.5  # a classifier's guess this sure that the words are a reply rules them out


def just_changed(state: DialogueState) -> str | None:
    """The one free-text field the previous turn set from the user's words, if exactly one."""
    previous = state.turn - 1
    fields = {
        name
        for name, item in state.draft.fields.items()
        if item.provenance.source == "user" and item.provenance.turn == previous
    }
    if any(p.source == "user" and p.turn == previous for p in state.draft.channels.values()):
        fields.add("channels")
    if len(fields) != 1:
        return None
    (field,) = fields
    pending = {name for name in state.asked if name in FREE_TEXT}
    return field if field in FREE_TEXT and pending <= {field} else None


def apply_bare_correction(message: str, found: Extraction, state: DialogueState) -> bool:
    """Read `message` as a new value for the field just changed, when it is a bare correction
    with no field of its own; True when `found` now holds that value."""
    if not found.empty or found.problems:
        return False
    match = _BARE_CORRECTION.match(message.strip())
    field = just_changed(state) if match else None
    if match is None or field is None:
        return False
    value = match["value"].strip(" \t\n,;:")
    if not 2 <= len(value) <= _LONGEST or reply_act(value) is not None:
        return False
    if _ABOUT_THE_DRAFT.match(value) or names_nothing(value):
        return False
    guess = classify(value)
    if guess.act in REPLIES and guess.confidence >= _SURE_REPLY:
        return False
    found.values[field] = Candidate(field, value, value)
    return True
