"""A channel word scoped with "only", "just", "that's it" says where a typed campaign runs.

"Email only" opens a draft as an email campaign (a type that is itself a channel fills the
channel, DESIGN.md §6). Once the user has stated another type ("an event campaign, 'X'"), the
same words answer "which channels?": "email, that's it — budget 8k" keeps the event and scopes it
to email. A change of type still says so ("make it an email campaign instead", "type: email").
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import Candidate, Extraction
from mcc.agent.extraction.vocabulary import TYPE_CHANNEL
from mcc.agent.state import Draft
from mcc.campaigns.schemas import CampaignType

_SCOPE_AFTER = re.compile(
    r"^\s*(?:only|alone|exclusively|solely|[,;—–-]*\s*(?:and\s+)?(?:that'?s\s+it|that\s+is\s+it"
    r"|nothing\s+else|no\s+other\s+channels?|that'?s\s+all|full\s+stop|period))\b",
    re.IGNORECASE,
)
_SCOPE_BEFORE = re.compile(r"\b(?:just|only|purely|solely|exclusively)\s+(?:via\s+|on\s+)?$", re.I)
# Words that make the channel word a campaign type again ("an email campaign", "type: email").
_TYPE_NOUN_AFTER = re.compile(
    r"^\s*(?:campaign|blast|newsletter|drip|sequence|series|program+e?|push|play)\b", re.I
)
_TYPE_CHANGE_BEFORE = re.compile(
    r"(?:\btype|\bformat|\bkind|\binstead\s+of|\bswitch(?:\s+it)?\s+to|\bchange\s+it\s+to"
    # "Type? webinar" in a brief written as questions and answers is the type's label too.
    r"|\bmake\s+it(?:\s+an?)?)\s*[:?=]?\s*$",
    re.IGNORECASE,
)


# A channel word that is the whole message ("email", "+ email", "and email too"): with a type
# the user already gave (a webinar), it names where the campaign runs, not a new type.
_ALONE_BEFORE = re.compile(r"^\W*(?:(?:and|also|plus|add)\s+|\+\s*)?$", re.IGNORECASE)
_ALONE_AFTER = re.compile(r"^\s*(?:too|as\s+well|also|please|pls|thanks)?\W*$", re.IGNORECASE)
_CONTRAST = re.compile(
    r"\b(?:not|isn'?t|instead|rather|actually|it'?s\s+an?|it\s+is\s+an?)\b", re.IGNORECASE
)


def scope_not_type(found: Extraction, draft: Draft, message: str) -> None:
    """Read a scoped channel word as the channels of a draft whose type the user already gave."""
    candidate = found.values.get("type")
    kind = draft.get("type")
    if candidate is None or kind is None or candidate.implied or str(candidate.value) == kind:
        return
    if draft.fields["type"].provenance.source != "user":
        return
    try:
        channel = TYPE_CHANNEL.get(CampaignType(str(candidate.value)))
    except ValueError:
        return
    if channel is None:
        return
    at = message.lower().find(candidate.evidence.lower())
    if at < 0:
        return
    before, after = message[:at], message[at + len(candidate.evidence) :]
    scoped = _SCOPE_AFTER.match(after) or _SCOPE_BEFORE.search(before)
    # "email invites + paid linkedin + the events themselves" for a roadshow: one channel of a
    # list, not a change of type (the event was stored as an email campaign).
    # "actually it's a webinar, not an event" names types, one against the other: a change.
    listed = any(c.value != channel for c in found.channels) and not _CONTRAST.search(message)
    listed = listed or bool(_ALONE_BEFORE.match(before) and _ALONE_AFTER.match(after))
    if (
        not (scoped or listed)
        or _TYPE_NOUN_AFTER.match(after)
        or _TYPE_CHANGE_BEFORE.search(before)
    ):
        return
    del found.values["type"]
    found.channels.append(Candidate("channels", channel, candidate.evidence))
    if scoped:
        found.channels_mode = "replace"
