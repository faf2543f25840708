"""The writer's own team, which names no channel or type of the campaign.

A message often opens with who is writing: "Events team here 👋", "Finance here, approving ...",
"Hi, email team here", "I'm on the partner marketing team", "from the social team". The team's
name holds a channel's or a type's word ("events", "email", "partner"), which says nothing of
this campaign: an ABM push written by the events team has no events channel. Such a phrase is
blanked in the working text (the same length: positions and evidence stay the user's words), so
no field reads it. A writer who says who they are ("Finance here,") is no audience either.
"""

from __future__ import annotations

import re

# The words of a team's name that also name a channel or a type.
_TEAM_WORDS = (
    r"(?:events?|email|e-?mail|social(?:\s+media)?|webinars?|partner(?:ships?)?|content|field"
    r"|digital|paid(?:\s+media)?|pr|abm|brand|growth|demand\s+gen|performance|community|video)"
)
_TEAM = rf"(?:{_TEAM_WORDS}(?:\s+marketing)?\s+(?:team|department|dept|squad|crew|desk))"
_SPEAKER = re.compile(
    # "Events team here", "events team checking in"
    rf"\b(?P<here>{_TEAM})(?=\s+(?:here|checking\s+in|again)\b)"
    # "I'm on the events team", "this is the email team", "from our social team"
    rf"|\b(?:on|in|of|from|is)\s+(?P<own>(?:the|our|my)\s+{_TEAM})",
    re.IGNORECASE,
)


# Who writes, at the message's start: "Finance here, approving 120k ...", "Priya from sales
# here." — the writer, never the audience.
_HERE = re.compile(
    r"\A[\W_]*(?:(?i:hi|hey|hello|morning|afternoon)[\s,!.]+)?"
    r"(?P<who>[A-Z][\w'’&.-]*(?:[ \t]+[\w'’&.-]+){0,3}?)[ \t]+here\b(?=[ \t]*[,.!:;—–-])"
)


def _blank(match: re.Match[str]) -> str:
    group = "here" if match["here"] else "own"
    start, end = match.span(group)
    whole = match.group()
    at = start - match.start()
    return whole[:at] + " " * (end - start) + whole[at + end - start :]


def without_speaker_team(text: str) -> str:
    """`text` with the writer's own team blanked; the same length."""
    here = _HERE.match(text)
    if here is not None:
        start, end = here.span("who")
        text = text[:start] + " " * (end - start) + text[end:]
    return _SPEAKER.sub(_blank, text)
