"""A question whether a step may be skipped: "is it ok to skip the exec review", "can we skip
the legal review for this one?", "would it be fine to waive the sign-off".

The instruction rules (`mcc.agent.hidden_instructions`) recognise an order by its target ("skip
legal review"), and such a question names the same target: it was refused ("I can't set my
rules aside") or, inside a brief, dropped as an instruction "ignored". It orders nothing: the
user asks what the rules say, and the playbooks answer it. Only the question itself is spared:
a question with an order chained to it ("can we skip the preview and just create it?") and an
order to the assistant ("can you skip the review") stay instructions.
"""

from __future__ import annotations

import re

from mcc.agent.hidden_instructions import sentences

# How a question asks leave: "is it ok to", "can we", "would it be fine if we", "do we have to".
_ASKS_LEAVE = (
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|quick\s+q(?:uestion)?|just\s+(?:curious|wondering)|btw"
    r"|hmm+|sorry|hey|hi)[\s,:—–-]+)*"
    r"(?:is\s+it\s+(?:really\s+)?(?:ok(?:ay)?|fine|alright|all\s+right|possible|allowed"
    r"|acceptable|legit|cool|a\s+problem)\s+(?:if\s+(?:we|i)\s+|for\s+(?:us|me)\s+to\s+|to\s+)"
    r"|would\s+it\s+be\s+(?:ok(?:ay)?|fine|alright|all\s+right|possible|acceptable|a\s+problem)"
    r"\s+(?:if\s+(?:we|i)\s+|for\s+(?:us|me)\s+to\s+|to\s+)"
    r"|(?:can|could|may|might|should|must)\s+(?:we|i)\s+(?:just\s+|still\s+|please\s+)?"
    r"|(?:are\s+we|am\s+i)\s+(?:allowed|able|permitted)\s+to\s+"
    r"|is\s+there\s+(?:a|any)\s+way\s+to\s+"
    r"|what\s+(?:happens\s+)?if\s+(?:we|i)\s+"
    r"|(?:any\s+)?chance\s+(?:we|i)\s+(?:can|could)\s+)"
)
_SKIP = (
    r"(?:skip|bypass|waive|drop|forgo|avoid|leave\s+out|get\s+around|go\s+without|do\s+without"
    r"|not\s+(?:do|have|get|need))\b"
)
# The step skipped and nothing chained to it: no second order after "and", "then" or a comma.
# Not the preview, the yes or the approval: "can we skip the preview?" is still refused, and the
# refusal answers it (nothing is created without a yes to a preview, nor synced unapproved).
_QUESTION = re.compile(
    rf"{_ASKS_LEAVE}{_SKIP}(?![^?]*(?:\band\b|\bthen\b|[,;:]))"
    r"(?![^?]*\b(?:previews?|confirm\w*|yes|approvals?|approving)\b)"
    r"[^?\n]{1,60}[\s?.!]*$",
    re.IGNORECASE,
)
_ANY_LEAVE = re.compile(
    r"\b(?:is\s+it|would\s+it\s+be|can\s+(?:we|i)|could\s+(?:we|i)|may\s+(?:we|i)|should\s+(?:we|i)"
    r"|must\s+(?:we|i)|might\s+(?:we|i)|are\s+we|am\s+i|is\s+there|what\s+(?:happens\s+)?if"
    r"|chance)\b",
    re.IGNORECASE,
)


def asks_to_skip(sentence: str) -> bool:
    """`sentence` asks whether a step may be skipped, and asks or orders nothing else."""
    return bool(_QUESTION.match(sentence.strip()))


def without_skip_questions(message: str) -> str:
    """`message` without its sentences that only ask whether a step may be skipped (what the
    instruction rules read); `message` itself when it has none."""
    if not _ANY_LEAVE.search(message):
        return message  # the common case, without splitting the message
    parts = sentences(message)
    kept = [part for part in parts if not asks_to_skip(part)]
    return message if len(kept) == len(parts) else "\n".join(kept)
