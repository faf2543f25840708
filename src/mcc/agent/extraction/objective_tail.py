"""An objective cut at a dash that only goes on to say how much: "we need more inbound from
that crowd — ideally 50 inbound demo requests by summer" was stored without its target, and
the draft then warned that the objective had no measurable target."""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent.extraction.spans import Extraction

_TAIL = re.compile(
    r"\s*(?:[—–]+|-{1,2}|\.{3}|…)\s*"
    r"(?:ideally|i\.e\.?|e\.g\.?|say|so|aiming\s+(?:for|at)|targeting|at\s+least|about|around"
    r"|roughly|something\s+like|meaning|that\s+is|specifically)\b[^.;\n—–]*\d[^.;\n—–]*",
    re.IGNORECASE,
)


def with_target_tail(found: Extraction, text: str) -> Extraction:
    candidate = found.values.get("objective")
    if candidate is None or not isinstance(candidate.value, str):
        return found
    at = text.find(candidate.value)
    if at < 0 or text.find(candidate.value, at + 1) >= 0:
        return found
    tail = _TAIL.match(text, at + len(candidate.value))
    if tail is None:
        return found
    added = text[at + len(candidate.value) : tail.end()]
    others = [c.evidence for name, c in found.values.items() if name != "objective"]
    if any(evidence and evidence in added for evidence in others):
        return found  # the words are another field's value ("— say 20k budget")
    longer = text[at : tail.end()].rstrip(" ,")
    values = dict(found.values)
    values["objective"] = replace(candidate, value=longer, evidence=longer)
    return replace(found, values=values)
