"""An objective cut at a dash that only goes on to say how much: "we need more inbound from
that crowd — ideally 50 inbound demo requests by summer" was stored without its target, and
the draft then warned that the objective had no measurable target."""

from __future__ import annotations

import re

from mcc.agent.extraction.run_on import holds_other_fields, placed, run_on
from mcc.agent.extraction.spans import Extraction

_TAIL = re.compile(
    r"\s*(?:[—–]+|-{1,2}|\.{3}|…)\s*"
    r"(?:ideally|i\.e\.?|e\.g\.?|say|so|aiming\s+(?:for|at)|targeting|at\s+least|about|around"
    r"|roughly|something\s+like|meaning|that\s+is|specifically)\b[^.;\n—–]*\d[^.;\n—–]*",
    re.IGNORECASE,
)


def with_target_tail(found: Extraction, text: str) -> Extraction:
    where = placed(found, "objective", text)
    if where is None:
        return found
    candidate, at = where
    end = at + len(str(candidate.value))
    tail = _TAIL.match(text, end)
    if tail is None or holds_other_fields(found, "objective", text[end : tail.end()]):
        return found  # none, or the words are another field's value ("— say 20k budget")
    return run_on(found, "objective", candidate, text[at : tail.end()].rstrip(" ,"))
