"""A free-text value the rules cut short, run on to where the user's words for it end.

The audience's list or bracket ("in Sweden, Norway and Denmark", "(controllers, VPs ...)"), its
last word read as a channel ("attendees of our March webinars") and an objective's target after
a dash ("— ideally 50 demo requests") all lengthen a value the same way: from the one place the
value stands in the message, never over another field's words.
"""

from __future__ import annotations

from dataclasses import replace

from mcc.agent.extraction.spans import Candidate, Extraction


def placed(found: Extraction, field: str, text: str) -> tuple[Candidate, int] | None:
    """The field's value and where it starts in `text`, when it stands there exactly once."""
    candidate = found.values.get(field)
    if candidate is None or not isinstance(candidate.value, str):
        return None
    at = text.find(candidate.value)
    if at < 0 or text.find(candidate.value, at + 1) >= 0:
        return None  # not one place in the message: nothing to extend from
    return candidate, at


def holds_other_fields(
    found: Extraction, field: str, words: str, *, channels: bool = False
) -> bool:
    """`words` hold another field's value ("— say 20k budget"), or with `channels` a channel's."""
    others = [c.evidence for name, c in found.values.items() if name != field]
    others += [c.evidence for c in found.channels] if channels else []
    return any(evidence and evidence in words for evidence in others)


def run_on(found: Extraction, field: str, candidate: Candidate, value: str) -> Extraction:
    """`found` with the field's value (and evidence) now `value`."""
    values = dict(found.values)
    values[field] = replace(candidate, value=value, evidence=value)
    return replace(found, values=values)
