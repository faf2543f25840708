"""The tagger's name inside the rules' one: the title without words that only stood beside it.

The rules read a name from its cue to where a title's words seem to stop, and sometimes take
what stands beside it: "THE BIG ASK internally" of "dubbed THE BIG ASK internally", "Campaign]
Night Market Nights" of "Subject: [Campaign] Night Market Nights". When the contextual tagger
is sure of a span strictly inside that value, and what it leaves out holds no word of a title
(only lower-case words, or a bracket's markup), its span is the name. A title word left out
keeps the rules' value: "Juniper Desk Q4 Push" is not cut to "Juniper Desk".
"""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent.extraction import Candidate
from mcc.agent.span_tagger.span_values import span_value

# How sure the tagger must be of the shorter span.
SURE = 0.85
# Markup around a title: a bracket, a tag's angle, a heading's or list's mark.
_MARKUP = re.compile(r"[\[\]<>{}|*#]")
_WORD = re.compile(r"[^\W_][\w'’&+.-]*")


def _only_beside(left_out: str) -> bool:
    """What the rules' value has beyond the span is no part of a title."""
    if _MARKUP.search(left_out):
        return True
    words = _WORD.findall(left_out)
    return bool(words) and all(w[0].islower() for w in words)


def trim_name(
    values: dict[str, Candidate], proposals: list[tuple[str, int, int, float]], text: str
) -> None:
    """The rules' name becomes the tagger's span inside it, when only words beside a title
    are left out."""
    candidate = values.get("name")
    if candidate is None or candidate.implied:
        return
    value = str(candidate.value)
    at = text.find(candidate.evidence)
    if at < 0:
        return
    spans = [(c, s, e) for kind, s, e, c in proposals if kind == "name" and c >= SURE]
    for _, start, end in sorted(spans, reverse=True):
        if not (at <= start and end <= at + len(candidate.evidence)):
            continue
        shorter = span_value("name", text, start, end)
        if shorter is None or str(shorter.value) == value or str(shorter.value) not in value:
            continue
        head, _, tail = value.partition(str(shorter.value))
        if _only_beside(head + " " + tail):
            values["name"] = replace(candidate, value=shorter.value, evidence=shorter.evidence)
        return
