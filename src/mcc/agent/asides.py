"""What a yes may carry beside it without ceasing to be a yes, set aside before it is read.

- A concession ("yes, even though it's tight", "go ahead, we accept the risk", "yes — warning
  noted"): warnings inform, they never block.
- Other work, for later ("yes, go ahead, we'll sort the creative later", "create it — I'll send
  the assets to the agency tomorrow"): its "later" is that work's, not the creation's.
- A courtesy ("yes, and thanks for the clear preview", "yes (sorry, was in a meeting)", "go
  ahead — apologies for the slow reply", "yep, great work"): thanks, an apology or praise says
  nothing about the campaign.

An aside is set aside only when it holds no veto of its own ("thanks, but wait", "sorry, make
it 45k", "cheers, could we..."): then the whole message is read, and the veto stands.
"""

from __future__ import annotations

import re

_CONCESSION = re.compile(
    r"[\s,;:—–-]*\b(?:even\s+(?:though|tho|if|so|with)|al?tho(?:ugh)?|tho(?:ugh)?|despite|in\s+spite\s+of"
    r"|regardless(?:\s+of)?|notwithstanding|knowing|(?:i|we)\s+(?:know|understand|get|accept"
    r"|reali[sz]e|see|hear)|(?:i'?m|we'?re)\s+(?:aware|ok\s+with|fine\s+with)"
    # "yes. we'll note the risk in the brief", "go ahead, I'll flag the timing to the team"
    r"|(?:i|we)(?:'?ll|\s+will|'?d|\s+can)\s+(?:note|flag|log|record|track|accept|take|own"
    r"|document|mention|live\s+with|deal\s+with|manage|handle)\s+(?:the|that|this|it)"
    r"|(?:risk|warning|timeline|lead\s+time|deadline)s?\s+(?:noted|accepted|acknowledged|understood)"
    r"|understood|noted|acknowledged|fair\s+enough)\b[^.;!?]*",
)
# The words that open a courtesy: thanks, an apology, praise for the preview or the work.
_COURTESY_WORDS = (
    r"(?:thanks|thank\s+you|thx|thnx|ty|cheers|ta|much\s+appreciated|appreciated?|sorry|apologi[sz]e"
    r"|apologies|my\s+bad|pardon|great\s+(?:job|work|stuff)|nice\s+(?:job|work|one)|well\s+done"
    r"|good\s+(?:job|work|stuff)|love\s+(?:it|this|the)|brilliant|awesome|lovely|excellent"
    r"|amazing|perfect|super|fab(?:ulous)?|nicely\s+done|(?:this|that)\s+(?:is|was)\s+"
    r"(?:great|helpful|clear|perfect|super|really\s+\w+))"
)
# The go-ahead idioms that create as surely as a yes ("let's go", "go for it", "fire away"); a
# "let's go" or "send it" with more words after it is something else ("let's go over it").
GO_AHEAD = (
    r"\b(?:let'?s\s+(?:go|roll)(?![ \t]+\w)|let'?s\s+do\s+(?:it|this)|go\s+for\s+it|go\s+ahead"
    r"|proceed|(?:just\s+)?do\s+it|(?:create|book|ship|launch)\s+it"
    r"|good\s+to\s+go|kick\s+it\s+off|fire\s+away|send\s+it(?![ \t]+\w)|(?:run|roll)\s+with\s+it"
    r"|green[\s-]?light\s+(?:it|from\s+(?:me|us|our\s+side))(?![ \t]+\w)"
    # "go make it", "make it so", "get it made", "file it", "do the thing": the order to create;
    # "make it 45k" or "make it a webinar" is a change.
    r"|(?:go\s+)?make\s+it(?:\s+(?:happen|so|real|live))?(?![ \t]+\w)|do\s+the\s+thing"
    r"|get\s+it\s+(?:made|done|created|built|set\s+up|going|booked|moving|rolling)"
    r"|(?:file|log|build)\s+it(?![ \t]+\w))\b"
)
# A courtesy clause: after the yes (a comma, a dash, "and"), up to the end of its sentence or a
# go-ahead that follows it ("thanks, let's go" keeps its "let's go"), or a bracketed aside that
# opens with one.
_COURTESY = re.compile(
    rf"\(\s*(?:and\s+|also\s+|oh\s+|btw\s+)?{_COURTESY_WORDS}\b[^()]*\)"
    rf"|(?:[\s,;:—–-]+|^)(?:and\s+|also\s+|oh\s+|btw,?\s+|p\.?s\.?:?\s+)?{_COURTESY_WORDS}\b"
    rf"[^.;!?()]*?(?=[.;!?()]|$|[\s,;:—–-]+(?:and\s+|so\s+|now\s+)?{GO_AHEAD})[.;!]*",
)
# A veto inside an aside keeps the aside: it asks for something else than the yes.
HARD_VETO = re.compile(
    r"\b(?:wait|hold|hang|but|instead|change|rename|swap|remove|drop|add|first|later|tomorrow"
    r"|once|until|unless|don'?t|do\s+not|never|cancel|stop|maybe|perhaps|should|would|could)\b"
)
# A courtesy never holds a figure, a question or a request ("thanks, make it 45k", "sorry, is it
# 3 weeks?", "sorry, actually use SMS"); a concession may ("yes, even though it's 3 weeks out").
_COURTESY_VETO = re.compile(
    rf"{HARD_VETO.pattern}|\d|\?"
    r"|\b(?:actually|make|set|use|switch|move|push|pull|update|edit|fix|rather|only|call|name)\b"
)


# Work beside the campaign that someone will do later: a doer, a verb of doing, the thing done
# (never the draft or one of its fields, which would be a change) and when.
_OTHER_WORK = re.compile(
    r"[\s,;:—–-]+(?:and\s+|then\s+)?(?:i|we|they|the\s+team|my\s+team|the\s+agency)(?:'?ll|\s+will"
    r"|\s+can|'?d)\s+(?:(?:sort|figure|work|sign)(?:\s+out|\s+on|\s+off)?|handle|do|fix|finali[sz]e"
    r"|send|share|add|upload|write|draft|brief|tidy(?:\s+up)?|polish|deal\s+with|take\s+care\s+of"
    r"|chase|book|line\s+up|pull\s+together|put\s+together|get)\s+"
    r"(?:the|our|all\s+the|any|those|these)\s+"
    r"(?!(?:campaign|draft|budget|name|title|date|launch|audience|objective|goal|channels?|type"
    r"|tier|project|plan|preview|details?)\b)[a-z][a-z '&/-]{1,40}?"
    r"(?:\s+(?:to|with|for)\s+(?:the\s+|our\s+)?[a-z][a-z '&-]{1,30}?)?"
    r"\s+(?:later(?:\s+on)?|afterwards|after(?:\s+that)?|separately|ourselves|tomorrow"
    r"|next\s+week|down\s+the\s+line|in\s+due\s+course)\s*[.!]*$",
)
# A veto inside other work: it asks for something else than the yes.
_OTHER_WORK_VETO = re.compile(
    r"\b(?:wait|hold|hang|but|instead|change|rename|swap|remove|drop|cancel|stop|maybe|perhaps"
    r"|don'?t|do\s+not|never|unless|until|first|before)\b|\d|\?"
)


def without_other_work(text: str) -> str:
    """`text` without a closing clause about other work for later ("we'll sort the creative
    later"), when the clause vetoes nothing itself."""
    return _without(text, _OTHER_WORK, _OTHER_WORK_VETO)[0]


def _without(text: str, pattern: re.Pattern[str], veto: re.Pattern[str]) -> tuple[str, bool]:
    """`text` without the matches of `pattern`, unless one holds a veto (then `text` as is)."""
    kept, removed = text, False
    for match in reversed(list(pattern.finditer(text))):
        if veto.search(match.group()):
            return text, False
        kept, removed = kept[: match.start()] + " " + kept[match.end() :], True
    if not removed:
        return text, False
    kept = re.sub(r"\s+", " ", kept).strip(" ,;:—–-")
    return (kept, True) if kept else (text, False)


def conceded(text: str) -> str:
    """`text` without its concessions, when they veto nothing themselves."""
    return _without(text, _CONCESSION, HARD_VETO)[0]


def without_courtesy(text: str) -> tuple[str, bool]:
    """`text` without its courtesies (thanks, apologies, praise) and whether any was set aside;
    an aside with a veto of its own keeps the whole text."""
    return _without(text, _COURTESY, _COURTESY_VETO)
