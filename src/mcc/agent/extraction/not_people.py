"""Words next to people that do not make them the campaign's audience.

Kept apart from `fields` (the readers) because each is a plain pattern: who asked for the campaign
("my director asked me to ..."), where an email is sent ("to our customer database"), and people
described by what they do ("runners recovering from injury": no aim opens on the -ing word).
"""

from __future__ import annotations

import re

# Who asked for the campaign ("my director asked me to get a ...", "our CMO wants"): the
# sentence's subject, not the campaign's audience.
ASKED_BY = re.compile(
    r"\s*(?:my|our)\s+(?:\w+\s+)?(?:director|boss|manager|head|lead|cmo|vp|team|ceo|cfo|coo"
    r"|client|founder|partner|colleague)s?\s+(?:has\s+|have\s+)?(?:asked|asks|wants?|said|says"
    r"|told|tells|needs?|would|suggested|requested)\b",
    re.IGNORECASE,
)

# What a send goes to: a list of addresses, not people.
LIST_WORDS = r"(?:list|database|db)"

# "to our customer database", "for the list": where it is sent, or an idiom; no people.
SENT_TO_LIST = re.compile(
    rf"\b(?:to|for)[ \t]+(?:our|the|my)[ \t]+(?:[\w-]+[ \t]+)?{LIST_WORDS}\b(?![ \t]+of\b)",
    re.IGNORECASE,
)

# A value that is only the list ("email to our list plus LinkedIn", "list"): where it is sent.
ONLY_THE_LIST = re.compile(
    rf"(?:(?:our|the|my)\s+)?(?:[\w-]+\s+)?{LIST_WORDS}(?:\s+(?:plus|and|or|&))?",
    re.IGNORECASE,
)

# A plural noun or a word for people right before an -ing word: the -ing word says what they
# do ("runners recovering from injury", "people moving house"), unlike "by recovering carts".
PEOPLE_BEFORE = re.compile(
    r"\b(?:(?!(?:is|was|has|its|this|us|his|thus|as|plus|does|yes|always|perhaps|sales|less)\b)"
    r"[a-z]{2,}s|people|staff|folks?|children|men|women)[ \t]+$",
    re.IGNORECASE,
)

# "for our team", "for my boss": the writer's own side, who asked for the campaign, not whom it
# reaches.
REQUESTER = re.compile(
    r"(?:our|my|the)[ \t]+(?:own[ \t]+|whole[ \t]+)?(?:team|company|business|firm|boss|manager"
    r"|department|dept|office|side|organi[sz]ation|org|brand|shop|store)",
    re.IGNORECASE,
)


def only_whom_sent_to(evidence: str, message: str) -> bool:
    """The audience's words are whom an email goes to ("LinkedIn, email to students")."""
    at = message.find(evidence)
    if at <= 0 or not re.match(r"to\b", evidence, re.IGNORECASE):
        return False
    return _SENT_TO.search(message, max(0, at - _SENT_TO_REACH), at) is not None


_SENT_TO = re.compile(
    r"\b(?:e-?mails?|newsletters?|mailers?|mailshots?|e-?blasts?|texts?|sms)[ \t]*\Z", re.IGNORECASE
)
_SENT_TO_REACH = 40
