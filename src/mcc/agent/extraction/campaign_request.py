"""Whether an aim's words are the request for the campaign itself.

"we want to get a webinar going for our add-on" asks for a webinar; "we want more webinar
registrations" asks for what it should achieve. The objective reader (`fields`) skips the first.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.vocabulary import MEASURE_AFTER, types_in

_REQUEST_OPENING = re.compile(
    r"\w+(?:\s+(?:up|in|on|out|together|through))?\s+(?:an?|our|the|one|some)\b", re.IGNORECASE
)
_ARTICLE = re.compile(r"(?:an?|one|another|some)\s", re.IGNORECASE)
# A verb of doing right before the kind, with no article: "do account based marketing for 15
# carriers", "run paid social for the clinic", "do regular posts on our Instagram".
_DOING_VERB = re.compile(
    r"(?:do|run|try|start|conduct|host|hold)\s+(?:(?:some|regular|weekly|monthly|proper)\s+)?",
    re.IGNORECASE,
)

# A campaign asked for by its noun, after its article ("a campaign with our partner", "a
# referral drive"); not the verb of an aim ("drive a 20% lift").
_CAMPAIGN_WORD = re.compile(
    r"\b(?:an?|the|one|another|our)\s+(?:[\w-]+\s+){0,2}?(?:campaign|program(?:me)?|initiative"
    r"|promo(?:tion)?|push|drive)\b",
    re.IGNORECASE,
)


def asks_for_a_campaign(clause: str) -> bool:
    """A request for the campaign itself ("to get a webinar going for our add-on", "to set up an
    event for ...", "we'd like an email series for ..."): its type, not what it should achieve."""
    opening = " ".join(clause.split()[:4])
    requested = _REQUEST_OPENING.match(opening) or _ARTICLE.match(opening)
    doing = None if requested else _DOING_VERB.match(opening)
    asks = requested or doing
    # "to get a campaign with our technology partner in": a campaign, whatever its kind.
    words = " ".join(clause.split())
    kinds = [m for m, _ in types_in(opening) if not MEASURE_AFTER.match(words, m.end)]
    if doing:
        kinds = [m for m in kinds if m.start == doing.end()]  # the kind right after the verb
    return bool(asks) and bool(kinds or _CAMPAIGN_WORD.search(opening))
