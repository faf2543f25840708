"""A field asked and answered by the writer in one breath: "whos it for? head chefs at hotels",
"the goal? more repeat bookings", "budget? 40k", "when? the 3rd of June".

Read as written, the question swallows its answer: "whos it for? head chefs" became an audience
with the question in it, or the whole message a question to look up. The question is the
field's label, so the working text holds one in its place ("    who: head chefs at hotels",
the same length, so evidence stays the user's words) and every reader reads a labelled value.
Only a short question about a field, right before its answer on the same line, is rewritten; a
question that ends a message is left alone (it is a question).
"""

from __future__ import annotations

import re

# Each field's own questions, as people type them (with or without apostrophes and "?"-spacing).
_ASKED = (
    ("audience", r"who(?:'?s|’s|\s+is|\s+are)?\s+(?:it|this|that|they|the\s+audience)\s+for"
     r"|who\s+for|(?:the\s+)?(?:audience|target(?:\s+audience)?|who)"),
    ("objective", r"what'?s\s+(?:the\s+)?(?:goal|objective|aim|point)|(?:the\s+)?(?:goal|objective"
     r"|aim|kpi|target\s+outcome)"),
    ("budget", r"how\s+much(?:\s+(?:money|budget|can\s+we\s+spend))?|(?:the\s+)?(?:budget|spend)"),
    ("launch", r"when(?:\s+does\s+it\s+(?:launch|start|go\s+live))?|(?:the\s+)?(?:launch|start)"
     r"(?:\s+date)?|go[\s-]live"),
    ("name", r"what'?s\s+it\s+called|(?:the\s+)?(?:name|title)"),
    ("channels", r"(?:the\s+)?channels?|where"),
)  # fmt: skip
_QUESTION = re.compile(
    r"(?:^|(?<=[\n,;.])|(?<=\band\b))[ \t]*(?:"
    + "|".join(f"(?P<{field}>{words})" for field, words in _ASKED)
    # The answer follows on the same line, which asks nothing more.
    + r")[ \t]*\?+[ \t]+(?=[^\s?])(?=[^\n?]*(?:\n|$))",
    re.IGNORECASE,
)


# Each field's labels the readers know, longest first: the longest that fits the question's room.
_LABELS = {
    "audience": ("audience:", "who:"),
    "objective": ("objective:", "goal:", "aim:"),
    "budget": ("budget:",),
    "launch": ("launch:", "date:"),
    "name": ("name:",),
    "channels": ("channels:", "channel:"),
}


def as_labels(text: str) -> str:
    """`text` with each question the writer answers on the spot made that field's label; the
    same length (a question too short for any label of its field is left as it is)."""

    def label(match: re.Match[str]) -> str:
        field = next(name for name, value in match.groupdict().items() if value)
        asked = match.group().rstrip()
        room = len(asked)
        fits = next((label for label in _LABELS[field] if len(label) <= room), None)
        if fits is None:
            return match.group()
        return fits.rjust(room) + match.group()[room:]

    return _QUESTION.sub(label, text)
