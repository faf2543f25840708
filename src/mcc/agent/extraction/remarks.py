"""Finished remarks before a brief ("Third tool this quarter, great. Fine. webinar, name ...").

A complaint, a sigh or a joke opening the message sets no field. The brief starts where those
sentences end, so a type that opens the first sentence after them opens the brief, as it would
have opened the message without them.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK

_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*\s+")


def after_remarks(before: str) -> str:
    """The text of the sentence a phrase is in, when everything before that sentence is finished
    remarks on the same line (no field taken from them); otherwise `before` unchanged."""
    ends = list(_SENTENCE_END.finditer(before))
    if not ends:
        return before
    remarks = before[: ends[-1].end()]
    if MASK in remarks or "\n" in remarks.strip():  # blank lines above are no other line
        return before
    return before[ends[-1].end() :]
