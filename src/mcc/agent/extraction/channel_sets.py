"""Channel scopes that name a set rather than list it: "everything except events", "all digital
channels", "paid and organic social", and, as the answer to "which channels?", "all of them".

Each scope is read into the channels it stands for from the organisation's channels
(`ORGANISATION_CHANNELS`), never from channels the user did not imply, and replaces the draft's
channels (a scope is the whole answer). The words of the scope are the evidence, and
`scope_channels` reads the same words back, so the guardrails accept exactly these channels from
them. "Every channel we have" with nothing excluded stays the user's own scope ("all channels").
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import Candidate, Extraction, Text
from mcc.agent.extraction.vocabulary import (
    ALL_CHANNELS,
    ORGANISATION_CHANNELS,
    SCOPES,
    channels_in,
)

# "every channel we have", "all the channels we've got", "every channel on offer": what follows
# the scope's words says whose channels they are, and leaves the set as it is.
_OURS = (
    r"(?:\s+(?:that\s+)?(?:we\s+(?:have|use|run|own|got)|we(?:'|’)?ve\s+got|available|on\s+offer"
    r"|there\s+(?:is|are)|at\s+our\s+disposal))?"
)
_EVERY = (
    r"(?:everything|everywhere|every\s+(?:single\s+)?channel|all\s+(?:(?:the|our|of\s+(?:the|our))\s+)?channels"
    rf"|all\s+of\s+(?:them|it)|the\s+(?:whole\s+)?lot|omni-?channel|the\s+(?:full\s+)?works){_OURS}"
)
# "everything except events", "all channels but events", "every channel apart from events".
_ALL_BUT = re.compile(
    rf"\b{_EVERY}\s*,?\s*(?:except(?:\s+for)?|but(?:\s+not)?|apart\s+from|other\s+than|minus|bar"
    r"|save\s+for|excluding|besides|less)\s+(?P<rest>[^.;!?\n]+)",
    re.IGNORECASE,
)
# "all digital channels", "every digital channel", "digital only, all of it": every channel that
# is not held in person.
_DIGITAL = re.compile(
    r"\b(?:all|every|each)\s+(?:(?:the|our|of\s+(?:the|our))\s+)?digital\s+channels?\b"
    r"|\bdigital\s+(?:channels\s+)?only\s*[,;:—–-]?\s*(?:all\s+of\s+(?:it|them)|everything|the\s+lot)\b"
    r"|\b(?:everything|all)\s+digital\b",
    re.IGNORECASE,
)
_IN_PERSON = frozenset({"events"})
# "paid and organic social", "organic + paid social", "social, both paid and organic".
_BOTH_SOCIAL = re.compile(
    r"\b(?:paid|organic)\s*(?:and|&|\+|/|,)\s*(?:paid|organic)\s+social(?:\s+media)?\b"
    r"|\bsocial(?:\s+media)?\s*[,:(—–-]?\s*(?:both\s+)?(?:paid|organic)\s*(?:and|&|\+|/)\s*"
    r"(?:paid|organic)\b",
    re.IGNORECASE,
)
# "both paid channels", "the two paid channels", "all paid channels": paid social and search.
# "paid channels only (search and social)", "only paid media": the paid ones, and no other.
_BOTH_PAID = re.compile(
    r"\b(?:(?:both|the\s+two|all(?:\s+the)?|each\s+of\s+the)\s+paid\s+(?:channels|media)"
    r"|paid\s+(?:channels|media)\s+only|only\s+paid\s+(?:channels|media))\b"
    r"(?:\s*\((?:\s*(?:search|social|and|&|\+|,|/)\s*)+\))?",
    re.IGNORECASE,
)
# The whole answer to "which channels?": "all of them please", "the lot", "the full works".
_WHOLE_ANSWER = re.compile(
    r"^\W*(?:(?:all|every)\s+(?:of\s+)?(?:them|it|those|one)|the\s+(?:whole\s+)?lot|the\s+(?:full\s+)?"
    r"works|everything|all)\b(?:\s*(?:please|pls|thanks|,|!|\.|go\s+big))*\W*$",
    re.IGNORECASE,
)


# The sentence before "everything except email": where the channels it starts from are listed.
_SENTENCE_START = re.compile(r"[.;!?\n][^.;!?\n]*$")


def _listed_before(words: str, at: int) -> list[tuple[int, str]]:
    """The channels listed in the sentence before `at` ("we normally use email, LinkedIn and
    paid search — this time everything except email"), when two or more are: (start, name)."""
    cut = _SENTENCE_START.search(words, 0, at)
    start = cut.start() + 1 if cut else 0
    found = [(start + m.start, name) for m, name in channels_in(words[start:at])]
    return found if len({name for _, name in found}) >= 2 else []


def scope_channels(words: str) -> list[str]:
    """The channels a scope in `words` stands for (empty when `words` hold none)."""
    but = _ALL_BUT.search(words)
    if but:
        left_out = {name for _, name in channels_in(but["rest"])}
        listed = [name for _, name in _listed_before(words, but.start())]
        every = dict.fromkeys(listed) if listed else ORGANISATION_CHANNELS
        return [name for name in every if name not in left_out and name not in SCOPES]
    if _DIGITAL.search(words):
        return [name for name in ORGANISATION_CHANNELS if name not in _IN_PERSON]
    if _BOTH_SOCIAL.search(words):
        return ["paid social", "social"]
    if _BOTH_PAID.search(words):
        return ["paid social", "paid search"]
    return [ALL_CHANNELS] if _WHOLE_ANSWER.match(words) else []


# "organic only", "no paid channels, organic", "just organic": no paid channel, but which
# organic ones is not said ("organic social only" names one, read as such).
_PAID_WORDS = r"(?:\s+(?:channels?|media|ads|promotion|spend|amplification|boost(?:ing)?))?"
_ORGANIC_ONLY = re.compile(
    r"\b(?:(?:only\s+|just\s+)?organic(?:\s+only)?\s*[,;—–-]?\s*(?:and\s+|but\s+|with\s+)?"
    rf"(?:no|zero|nothing)\s+paid{_PAID_WORDS}"
    rf"|(?:no|zero|nothing)\s+paid{_PAID_WORDS}\s*[,;—–-]?\s*(?:just\s+|only\s+|all\s+)?organic"
    r"(?:\s+only)?"
    r"|(?:organic|unpaid)(?:\s+channels)?\s+only"
    r"|(?:only|just|purely|strictly|all|100\s*%)\s+organic(?:\s+channels)?)\b(?!\s+(?:social|search|posts?|reach|content|traffic|growth|media))",
    re.IGNORECASE,
)
ORGANIC_ONLY_NOTE = (
    "Organic only, no paid channels: noted. Which organic channels will it run in (for example "
    "organic social, email to our own list, the blog)?"
)


def organic_only(text: Text, result: Extraction) -> None:
    """ "organic only": its words used up (its "paid" is no paid type), and, unless the message
    names the channels, the question which organic ones (none is assumed)."""
    match = _ORGANIC_ONLY.search(text.work)
    if match is None:
        return
    text.mask(*match.span())
    if not channels_in(text.work) and not re.search(r"(?i)\bsocial\b", text.work):
        result.problems.append(ORGANIC_ONLY_NOTE)


_LIST_GAP = re.compile(r"(?:\s|,|&|\+|/|\band\b|\bor\b|\bnor\b|\bthe\b)*", re.IGNORECASE)


def _left_out_end(work: str, match: re.Match[str]) -> int:
    """Where the list of channels left out ends: "except events — 85k — ..." leaves out events,
    and the budget, audience and goal after it are read as theirs."""
    end = match.start("rest")
    for found, _ in channels_in(match["rest"]):
        start = match.start("rest") + found.start
        if not _LIST_GAP.fullmatch(work[end:start]):
            break
        end = match.start("rest") + found.end
    return end if end > match.start("rest") else match.end()


def channel_sets(text: Text, result: Extraction, pending: tuple[str, ...]) -> None:
    """Read a scope that names a set, masking its words so no channel in it is read again."""
    organic_only(text, result)
    if "channels" in pending and _WHOLE_ANSWER.match(text.work):
        whole = _WHOLE_ANSWER.match(text.work)
        assert whole is not None
        result.channels.append(Candidate("channels", ALL_CHANNELS, text.span(*whole.span())))
        result.channels_mode = "replace"
        text.mask(*whole.span())
        return
    for pattern in (_ALL_BUT, _DIGITAL, _BOTH_SOCIAL, _BOTH_PAID):
        match = pattern.search(text.work)
        if match is None:
            continue
        span = None
        if pattern is _ALL_BUT:
            listed = _listed_before(text.work, match.start())
            span = (listed[0][0] if listed else match.start(), _left_out_end(text.work, match))
        start, end = span or match.span()
        evidence = text.span(start, end)
        names = scope_channels(evidence)
        result.channels += [Candidate("channels", name, evidence) for name in names]
        if pattern in (_ALL_BUT, _DIGITAL) or "only" in evidence.lower():
            result.channels_mode = "replace"
        text.mask(start, end)
