"""A campaign type told by the format of what happens, when no type word is said.

"a live-streamed panel: three customers, one moderator", "a 60 minute online demo session,
live", "a virtual fireside chat with our CTO", "a Zoom workshop for admins": a session of some
kind that people join online is a webinar. The rule is the pair (something people attend, held
online), not a list of phrasings, so a new wording of either half is read too.
"""

from __future__ import annotations

import re

# How it is held: online, streamed, on a video-call tool.
_ONLINE = (
    # "a live video briefing": live over video is online.
    r"(?:online|virtual(?:ly)?|live[\s-]?stream(?:ed|ing)?|web[\s-]?cast(?:ed)?|streamed"
    r"|live\s+video|video[\s-]?call"
    r"|(?:on|over|via)\s+(?:zoom|teams|google\s+meet|youtube\s+live|linkedin\s+live)|zoom)"
)
# Something people attend for a while: a session, a panel, a talk, a demo...
_SESSION = (
    r"(?:panel(?:\s+discussion)?|session|demo|walk-?through|workshop|master-?class|class|training"
    r"|talk|keynote|fireside(?:\s+chat)?|q\s*&\s*a|ama|round-?table|briefing|seminar|lecture"
    r"|tutorial|presentation|broadcast|showcase|office\s+hours|deep[\s-]dive|launch\s+party)"
)
# Not a session but what it yields: "online demo requests", "virtual session sign-ups".
_NOT_OUTCOME = r"(?!\s+(?:requests?|sign-?ups?|bookings?|registrations?|leads?|attendees|views))"
_FORMAT = re.compile(
    # "online demo session", "live-streamed panel", "virtual fireside chat"
    rf"\b{_ONLINE}\s+(?:[\w-]+\s+){{0,2}}?{_SESSION}\b{_NOT_OUTCOME}"
    # "a panel ..., online only", "a workshop held on Zoom", "a demo, streamed live"
    rf"|\b{_SESSION}\b{_NOT_OUTCOME}[^.\n]{{0,60}}?(?:\b{_ONLINE}\s+only\b"
    rf"|\b(?:held|run|hosted|streamed|delivered|broadcast)\s+(?:live\s+)?{_ONLINE}"
    r"|\bstreamed\s+live\b"
    # "a briefing people join from their desks / from home": attended from wherever they are.
    r"|\bjoin(?:ed)?\s+from\s+(?:their|your|our)\s+(?:desks?|homes?|laptops?|phones?|offices?)"
    r"|\bjoin(?:ed)?\s+from\s+home\b)",
    re.IGNORECASE,
)


def online_format(text: str) -> re.Match[str] | None:
    """Where `text` describes a session held online (a webinar), if it does."""
    return _FORMAT.search(text)
