"""What a message is for, for the offline engine: pure functions of the text.

Confirmation, cancellation and hostile requests are recognised in `guardrails` (both engines use
them); this module adds the conversational intents: greetings, help, status, listing, questions
for the knowledge base, and the wish to plan a campaign.
"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|howdy|greetings)\b[\s!.,]*"
    r"(?:there|team|assistant)?[\s!.,]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^(?:thanks|thank\s+you|thx|cheers|great,?\s+thanks)\b[\s!.,]*", re.I)
_HELP = re.compile(
    r"^(?:help|\?|what\s+can\s+you\s+do|how\s+does\s+this\s+work|what\s+do\s+you\s+do"
    r"|who\s+are\s+you|commands)\b[\s?!.]*$",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\bstatus\s+(?:of|for|on)\s+(?P<a>.+)$"
    r"|^(?:how\s+is|how'?s|where\s+(?:are\s+we|is)\s+(?:with|on)?)\s*(?P<b>.+?)\s+(?:doing|going)"
    r"[\s?.!]*$"
    r"|^(?P<c>.+?)\s+status[\s?.!]*$"
    r"|\bcheck\s+(?:on\s+)?(?P<d>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(?:list|show(?:\s+me)?|what\s+are|which\s+are|see)\s+(?:all\s+|my\s+|our\s+|the\s+)*"
    r"(?:recent\s+|existing\s+|current\s+)?campaigns\b"
    r"|\bwhat\s+campaigns\b|^campaigns\??$",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|how|when|why|which|who|whom|where|should|can|could|do|does|is|are"
    r"|must|may|explain|tell\s+me|describe)\b",
    re.IGNORECASE,
)
_CREATE = re.compile(
    r"\b(?:create|creating|set\s+up|setting\s+up|plan|planning|build|start|launch\s+a|run\s+a"
    r"|organi[sz]e|new|draft|kick\s+off|put\s+together|spin\s+up)\b"
    r"[^.?!]{0,40}?\b(?:campaign|webinar|event|email|launch|program|presence|newsletter|series"
    r"|promotion|push|activation|conference|roadshow|meetup|sponsorship)s?\b"
    r"|\b(?:i\s+(?:need|want|would\s+like|'d\s+like)\s+(?:to\s+)?(?:create|plan|run|set\s+up|do)"
    r"|help\s+me\s+(?:plan|create|set\s+up|organi[sz]e|run))\b",
    re.IGNORECASE,
)
_HOWTO = re.compile(
    r"^(?:how|what|what'?s|when|why|which|who|where|is|are|does|do)\b", re.IGNORECASE
)
_UNSURE = re.compile(
    r"\b(?:don'?t\s+know|not\s+sure|no\s+idea|tbd|to\s+be\s+decided|dunno|idk|whatever|you\s+"
    r"(?:decide|choose|pick)|up\s+to\s+you|make\s+(?:one|it|something)\s+up|anything|suggest"
    r"|later|skip|maybe|perhaps|hmm+|not\s+now|no\s+clue)\b",
    re.IGNORECASE,
)


def is_greeting(text: str) -> bool:
    return bool(_GREETING.match(text.strip()))


def is_thanks(text: str) -> bool:
    return bool(_THANKS.match(text.strip()))


def is_help(text: str) -> bool:
    return bool(_HELP.match(text.strip()))


def status_reference(text: str) -> str | None:
    """The campaign a status question is about ("the Q4 Product Launch campaign"), if any."""
    match = _STATUS.search(text.strip())
    if match is None:
        return None
    reference = next(group for group in match.groups() if group)
    return reference.strip(" ?.!")


_LIVE = re.compile(
    r"\b(?:live|right\s+now|real[-\s]?time|latest|up[-\s]to[-\s]date|refresh|"
    r"(?:in|from|check|ask)\s+workfront)\b",
    re.IGNORECASE,
)


def wants_live(text: str) -> bool:
    """The user wants the status as Workfront has it now, not as last synced."""
    return bool(_LIVE.search(text))


def without_live(reference: str) -> str:
    """A campaign reference without the "live"/"in Workfront" words around it."""
    return re.sub(r"\s+", " ", _LIVE.sub(" ", reference)).strip(" ?.!")


def is_list(text: str) -> bool:
    return bool(_LIST.search(text))


def is_question(text: str) -> bool:
    stripped = text.strip()
    return stripped.endswith("?") or bool(_QUESTION_START.match(stripped))


def wants_campaign(text: str) -> bool:
    """The user wants to plan a campaign (not: asks how campaigns are planned)."""
    return bool(_CREATE.search(text)) and not _HOWTO.match(text.strip())


def is_unsure(text: str) -> bool:
    return bool(_UNSURE.search(text))


_BARE_STATUS = re.compile(
    r"^(?:(?:and\s+)?(?:what'?s\s+the\s+|any\s+)?(?:status|update|progress)|where\s+is\s+it(?:\s+at)?"
    r"|is\s+it\s+(?:approved|live|created)(?:\s+yet)?|how'?s\s+it\s+going)\b[\s?.!]*(?:now|yet)?[\s?.!]*$",
    re.IGNORECASE,
)


def is_bare_status(text: str) -> bool:
    """A status question naming no campaign ("status?"): about the one just created."""
    return bool(_BARE_STATUS.match(text.strip()))


_FIELD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name", re.compile(r"\b(?:rename|re-name|name|title|call\s+it)\b", re.I)),
    ("budget", re.compile(r"\b(?:budget|spend|amount)\b", re.I)),
    ("launch_date", re.compile(r"\b(?:launch|date|go[-\s]live|start)\b", re.I)),
    ("target_audience", re.compile(r"\b(?:audience|target)\b", re.I)),
    ("objective", re.compile(r"\b(?:objective|goal|kpi|target\s+number)\b", re.I)),
    ("channels", re.compile(r"\b(?:channels?)\b", re.I)),
    ("type", re.compile(r"\b(?:type|kind)\b", re.I)),
)


def field_to_change(text: str) -> str | None:
    """The one field a change request names without a new value ("rename it before you do")."""
    named = [field for field, pattern in _FIELD_WORDS if pattern.search(text)]
    return named[0] if len(named) == 1 else None
