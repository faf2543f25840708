"""An objective's end: run on over a dash that only goes on to say how much ("we need more
inbound from that crowd — ideally 50 inbound demo requests by summer" was stored without its
target, and the draft then warned that it had no measurable target), and cut before a clause
that only says how the campaign reaches people ("more mandates for our fund, invitations by
email": the channels, not the goal)."""

from __future__ import annotations

import re

from mcc.agent.extraction.run_on import holds_other_fields, placed, run_on
from mcc.agent.extraction.spans import Extraction, only_channels
from mcc.agent.extraction.vocabulary import channels_in

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


# The last clause of a value, after a comma, a semicolon or a spaced dash.
_LAST_CLAUSE = re.compile(r"(?:,|;|[ \t]+[—–-]+)[ \t]+(?P<clause>[^,;—–\n]+)$")


def without_channel_tail(found: Extraction, text: str) -> Extraction:
    """The objective without a last clause that only names channels ("..., invitations by
    email", "... — organic Instagram + TikTok")."""
    where = placed(found, "objective", text)
    if where is None:
        return found
    candidate, _ = where
    value = str(candidate.value)
    last = _LAST_CLAUSE.search(value)
    if last is None:
        return found
    clause, before = last["clause"], value[: last.start()].rstrip()
    if not only_channels(clause):
        return found  # more than channels: "more bookings, mostly from email subscribers"
    if any(match.end >= len(before) for match, _ in channels_in(before)):
        return found  # a list of channels runs on: "... via email, LinkedIn and paid social"
    return run_on(found, "objective", candidate, before.rstrip(" ,"))
