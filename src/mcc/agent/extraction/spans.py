"""The message as spans: what extraction reads, masks once used, and cuts into clauses.

Every field value is a span of the user's message. `Text` keeps the original words and a
working copy in which used spans are masked, so a later, looser rule cannot read the same words
again; `value_end` says where a value that starts somewhere ends (a full stop, a label of
another field, a clause holding words another field already used).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from mcc.agent.extraction.chat_answers import chat_answers_as_labels
from mcc.agent.extraction.closings import without_closing
from mcc.agent.extraction.deferrals import without_deferral
from mcc.agent.extraction.labels import as_plain_labels
from mcc.agent.extraction.lead_ins import as_plain_lead_ins
from mcc.agent.extraction.own_questions import as_labels
from mcc.agent.extraction.speakers import without_speaker_team
from mcc.agent.extraction.structured import as_key_values
from mcc.agent.extraction.tabular import as_labelled_lines
from mcc.agent.extraction.vocabulary import channels_in
from mcc.agent.typos import corrected

MASK = "\x00"
# Label words, with the misspellings a hurried brief has ("audiance", "objectve", "chanels").
LABEL_WORDS = (
    r"(?:bud[gj]e?t|lau?n?ch(?:ing)?|launch\s+date|target(?:ing)?|target\s+audience"
    r"|aud[iy]?[ae]n[cs]e|obj?e?ct[iy]?ve?|goal|name|type|chann?e?ls?|end(?:s|ing)?|end\s+date"
    r"|start(?:s|ing)?|kpi)"
)
# Abbreviations whose full stop sits inside a value ("Basalt Build Co. Tenders", "St. Patrick's
# Day Push", "approx. $120k"): not a sentence's end, unless a field's label follows it ("Acme Ltd.
# Budget 5k"). Words that also end sentences ("etc.", "max.") are not among them.
ABBREVIATED = (
    "co", "inc", "ltd", "corp", "llc", "plc", "st", "mt", "dr", "mr", "mrs", "ms", "jr", "sr",
    "prof", "bros", "intl", "approx", "appr", "ca", "est", "vs", "dept",
)  # fmt: skip
_NOT_ABBREVIATED = "".join(rf"(?<!\b{word})" for word in ABBREVIATED)
# The full stop that ends a sentence (before a space or the end).
FULL_STOP = rf"(?:(?i:{_NOT_ABBREVIATED})\.(?=\s|$)|\.(?=\s+{LABEL_WORDS}\b))"
STOP = re.compile(
    rf"{MASK}|{FULL_STOP}|[;!?](?=\s|$)|\n|\s(?:->|→|=>|—|–|-|\|)\s|[\U0001F300-\U0001FAFF\u2600-\u27BF]"
    rf"|,\s*(?:and\s+)?(?:the\s+|a\s+|an\s+|with\s+|its\s+|it\s+|our\s+|no\s+)?{LABEL_WORDS}\b"
    r"|,\s+(?=\d)"
    # ", and who it's aimed at: ...": a form's question as the next field's label.
    r"|,?\s+(?:and\s+)?(?=(?:who|what|when|where|how\s+much)(?:\s+[\w'’]+){0,4}?:\s)"
    # Dictation without punctuation: "for cfos in spain the goal is 200 downloads".
    rf"|\s+(?=(?:the|our|its|my)\s+{LABEL_WORDS}\s+(?:is|are|will\s+be|should\s+be)\b)"
    # "objective 200 registrations launch june first": a label whose value another field has
    # already taken ends this value (dictation puts no comma between the two).
    rf"|\s+(?={LABEL_WORDS}\s*{MASK})"
    # "book meetings with target accounts": the accounts are words of the value, not a label.
    r"|\s+(?:and|with)\s+(?:a\s+|an\s+|the\s+)?(?:budget|launch|target(?!\s+accounts?\b)|audience"
    r"|objective|goal)\b",
    re.IGNORECASE,
)
# " - " ends a clause; the comma of a thousand ("5,000 subscribers") does not. A full stop
# before a space ends one too: a terse brief lists its parts as sentences ("devs. 500 signups.
# 2k."), and the audience was "devs. 500 signups"; "$74.9K" and "v2.1" keep theirs.
CLAUSE = re.compile(r"(?:[^,;\n\x00—–|.-]|(?<=\d),(?=\d{3}\b)|(?<=\S)-|-(?=\S)|\.(?!\s))+")
# (a slash too: "500 downloads / our audience would be ...", not "CFOs / controllers")
_CLAUSE_COMMA = re.compile(r",(?!\d)\s*|\s+(?:and|but|plus|[—–|/])\s+")
# A clause ends at a stop, but not at an abbreviation's ("costs approx. $120k") or a decimal's.
_CLAUSE_END = re.compile(rf",(?!\d)|(?i:{_NOT_ABBREVIATED})\.(?!\d)|[;!?\n—–|]")
# What may sit between channel names in a list: "email and LinkedIn", "on email + paid social only".
_CHANNEL_GLUE = re.compile(
    r"\b(?:and|or|plus|on|via|across|through|over|using|only|just|channels?"
    # "goal 300 registrations, promoted by email": how it is promoted is the channels' clause.
    r"|(?:promot|advertis)(?:ed|ing)|marketed|by|with|it|them"
    # "..., invitations by email", "— organic Instagram + TikTok": how people are reached.
    r"|invitations?|invites?|sent|sends?|sending|organic|paid|posts?|ads?|adverts?|mostly"
    r"|mainly|also|the|our|an?)\b"
    r"|[,&+/\s]",
    re.IGNORECASE,
)
# A value's loose end: a connector left by the next field ("sales with a"), or the politeness
# closing the sentence ("HR leads in Italy please"). A "+" or "&" alone joins items as "and"
# does ("objective X + budget 9k"); "50+" keeps its own.
_DANGLING = re.compile(
    r"(?:\s+(?:with|and|for|at|on|by|of|in|to|from|using|via|plus|but|so|while|under|around"
    r"|about|roughly|please|pls|plz|thanks|thx|ty|asap)\b|\s+[+&](?!\S))*"
    r"(?:\s+(?:an?|the|our|its|their))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """A field value and the user's exact words it came from (a span of the message)."""

    field: str
    value: str | int
    evidence: str
    rule: str | None = None
    # Read from other words rather than stated ("target accounts" implies ABM): never replaces a
    # value the draft already has.
    implied: bool = False


@dataclass
class Extraction:
    values: dict[str, Candidate] = field(default_factory=dict)
    channels: list[Candidate] = field(default_factory=list)
    channels_mode: Literal["add", "replace"] = "add"
    removed_channels: list[Candidate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    leftover: str = ""

    @property
    def empty(self) -> bool:
        return not (self.values or self.channels or self.removed_channels)

    @property
    def details(self) -> int:
        """How many details the user stated: the currency comes with the budget's amount
        ("Budget = $26K" is one), and the channels count once."""
        stated = [n for n, c in self.values.items() if not c.implied and n != "currency"]
        return len(stated) + bool(self.channels)


class Text:
    """The message with used spans masked (positions kept, so evidence is the original text)."""

    def __init__(self, text: str) -> None:
        self.original = text
        # A JSON or YAML paste and labels or lead-ins in the user's own words read as plain
        # labelled lines; the writer's own team ("Events team here") names no channel.
        plain = without_deferral(without_closing(chat_answers_as_labels(text)))
        plain = as_plain_labels(as_key_values(plain))
        plain = without_speaker_team(as_plain_lead_ins(as_labels(plain)))
        self.work = _spelled_labels(as_labelled_lines(_without_timestamps(plain)))

    def mask(self, start: int, end: int) -> None:
        self.work = self.work[:start] + MASK * (end - start) + self.work[end:]

    def span(self, start: int, end: int) -> str:
        return self.original[start:end]


# A transcript's or a chat's clock ("00:25 budget is €86k", "Ioana [9:14]: ..."): no amount.
_TIMESTAMP = re.compile(
    r"(?m)^[ \t]*\[?\d{1,2}:\d{2}(?::\d{2})?\]?(?=[ \t])"
    r"|(?<=\S)[ \t]\[\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?\](?=:)"
)


def _without_timestamps(text: str) -> str:
    """`text` with a transcript's timestamps blanked; the same length."""
    if ":" not in text:
        return text
    return _TIMESTAMP.sub(lambda match: " " * len(match.group()), text)


# The labels of a pasted brief, and a label typed with two letters swapped or one wrong ("nmae:",
# "tpye:", "budjet:"): the working text reads the label as meant (same length, so positions and
# evidence stay the user's own words).
_LABELS = (
    "name", "title", "type", "audience", "objective", "goal", "budget", "launch", "channels",
    "channel", "date", "target", "kpi", "start",
)  # fmt: skip
_LABEL_AT = re.compile(
    # At a line's start, or after a slash or bar that sets off a new item ("... / nmae: X").
    r"(?m)(?:^|(?<=\s[/|]\s))(?P<lead>[ \t]*(?:[-*•·>]+[ \t]*)?)(?P<word>[A-Za-z]{4,9})"
    r"(?=[ \t]*[:=])"
)


# In a sentence, only these labels are read through a typo ("the objectve is", "audeince is"),
# and not a common word one letter from one ("data is" is no date, "lunch is" no launch).
_SENTENCE_LABELS = ("name", "audience", "objective", "budget", "channels")
_SENTENCE_LABEL_AT = re.compile(
    r"(?P<lead>(?:^|(?<=[.;,!?\n])[ \t]*|\band[ \t]+)(?:the[ \t]+|our[ \t]+|its[ \t]+)?)"
    r"(?P<word>[A-Za-z]{4,10})(?=[ \t]+(?:is|are|will[ \t]+be|would[ \t]+be)\b)",
    re.IGNORECASE,
)


# A letter left out or typed twice ("objetive", "tittle") only in words this long: shorter ones
# are other words ("goals", "dates").
_LONG_ENOUGH = 5


def _near(word: str, label: str) -> bool:
    """One substitution, one swap of neighbours, or (in a long word) one letter more or less
    apart, first letter kept."""
    if word[:1] != label[:1] or word == label:
        return False
    if abs(len(word) - len(label)) == 1 and min(len(word), len(label)) >= _LONG_ENOUGH:
        short, long = sorted((word, label), key=len)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    if len(word) != len(label):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, label, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    first, second = diff[0], diff[-1]
    return (
        len(diff) == 2
        and second == first + 1
        and word[first] == label[second]
        and word[second] == label[first]
    )


# A label of another length spelled in the typo's room: one letter more is the label and a
# blank ("tittle" -> "title "); one less, a shorter label of the same field ("objetive" -> "goal").
_SHORTER = {"objective": "goal"}


def _as_typed(word: str, label: str) -> str | None:
    """`label` in the room of `word` (the working text keeps the user's positions)."""
    spelled = label.capitalize() if word[0].isupper() else label
    if len(word) == len(label):
        return spelled
    if len(word) == len(label) + 1:
        return spelled + " "
    shorter = _SHORTER.get(label)
    if shorter is None:
        return None
    return (shorter.capitalize() if word[0].isupper() else shorter).ljust(len(word))


def _spelled_labels(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match["word"]
        lowered = word.lower()
        if lowered in _LABELS:
            return match.group()
        label = next((label for label in _LABELS if _near(lowered, label)), None)
        typed = None if label is None else _as_typed(word, label)
        return match.group() if typed is None else match["lead"] + typed

    def fix_in_sentence(match: re.Match[str]) -> str:
        word = match["word"]
        label = next((label for label in _SENTENCE_LABELS if _near(word.lower(), label)), None)
        typed = None if label is None else _as_typed(word, label)
        return match.group() if typed is None else match["lead"] + typed

    return _SENTENCE_LABEL_AT.sub(fix_in_sentence, _LABEL_AT.sub(fix, text))


# A clause with a subject of its own starts a new thought, not more of the value: "procurement
# heads at UK councils, we'd like 25 opps", "CFOs in Germany, and we hope to...".
_NEW_SUBJECT = re.compile(
    r"\s*(?:and\s+|but\s+|so\s+|plus\s+)?"
    # The past is another subject: ", last year's budget was 20k", ", last year we spent 22k".
    r"(?:(?:last|previous|prior)\s+(?:year|quarter|month|time|campaign)(?:'?s)?\b"
    r"|(?:(?:this|next)\s+(?:year|quarter|month|time)|previously|historically"
    r"|in\s+(?:19|20)\d\d)?[\s,]*(?:we|we'?d|we'?re|we'?ve|we'?ll|i|i'?d|i'?m|i'?ve|our|they"
    r"|it'?s|it\s+(?:is|will|should)|that'?s|this\s+(?:is|will)|hoping|aiming|looking"
    r"|planning)\b)",
    re.IGNORECASE,
)


# After a slash, a sentence of its own: "500 downloads / our audience would be ...", "... / we've
# got 8 grand".
_SLASH_SUBJECT = re.compile(
    r"\s*(?:we|we'?[a-z]{1,2}|i|i'?[a-z]{1,2}|it'?s|that'?s|trying|hoping|aiming|looking\s+to"
    r"|(?:our|the)\s+(?:audience|goal|aim"
    r"|objective|budget|name|launch|channels?|target|spend|date))\b",
    re.IGNORECASE,
)


def value_end(work: str, start: int, stop: re.Pattern[str] = STOP) -> int:
    """Where a value that starts at `start` ends: at the first stop, or at a comma whose next
    clause holds words another field already used (", this year's budget: 35k")."""
    match = stop.search(work, start)
    end = match.start() if match else len(work)
    for comma in _CLAUSE_COMMA.finditer(work, start, end):
        following = _CLAUSE_END.search(work, comma.end())
        clause = work[comma.end() : following.start() if following else len(work)]
        if "/" in comma.group() and not (MASK in clause or _SLASH_SUBJECT.match(clause)):
            continue  # "new prospects / our existing customers": one value, two ways to say it
        if MASK in clause or _NEW_SUBJECT.match(clause) or only_channels(clause):
            return comma.start()
    return end


def only_channels(clause: str) -> bool:
    """A clause that is nothing but a channel list ("audience: IT directors, email and LinkedIn,
    goal ..."): the channels, never part of the value before it."""
    found = channels_in(clause)
    if not found:
        return False
    rest = list(clause)
    for match, _ in found:
        rest[match.start : match.end] = " " * (match.end - match.start)
    return not _CHANNEL_GLUE.sub("", "".join(rest))


# A preposition that ends its sentence with its verb, no connector: "the contracts we bid
# [for]", "lapsed members signing back [in]".
_STRANDED = re.compile(
    r"(?:\b(?:we|they|you|i|he|she|people)\s+[\w'’-]+|\b(?:back|up|out|down|off|away))"
    r"\s+(?:for|at|on|by|of|in|to|from|with|about)$",
    re.IGNORECASE,
)
_SENTENCE_ENDS = re.compile(r"[ \t]*(?:[.!?,;)\n]|$)")


def drop_connector(text: str, start: int, end: int) -> int:
    """The end of a value without a dangling connector ("sales with a" -> "sales")."""
    if _STRANDED.search(text, start, end) and _SENTENCE_ENDS.match(text, end):
        return end
    match = _DANGLING.search(text[start:end])
    return start + match.start() if match and match.start() > 0 else end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    # Markdown's bold ("**Name:** Clean Ops") is no part of a value either.
    while start < end and text[start] in " \t,:;-—–|\"'“”‘’*":
        start += 1
    while end > start and text[end - 1] in " \t,.:;!?-—–|\"'“”‘’*":
        end -= 1
    return start, end


_LABEL_GLUE = frozenset(
    {"and", "so", "also", "plus", "the", "a", "an", "our", "its", "my", "is", "are", "oh", "then"}
    | {"finally", "lastly", "um", "uh", "erm", "btw"}
)
# The single words people label each field with ("the commencement date is ...", "the aim?").
FIELD_LABEL_WORDS: dict[str, frozenset[str]] = {
    "name": frozenset({"name", "title"}),
    "target_audience": frozenset({"audience"}),
    "objective": frozenset({"objective", "goal", "aim", "kpi", "outcome", "purpose"}),
    "budget": frozenset({"budget", "spend", "money"}),
    "launch_date": frozenset({"launch", "date", "start", "deadline", "commencement", "kickoff"})
    | {"timing"},
    "channels": frozenset({"channels", "channel"}),
    "type": frozenset({"type"}),
}
_FIELD_LABEL_WORDS = frozenset().union(*FIELD_LABEL_WORDS.values())


def only_label_words(value: str) -> bool:
    """The words of a field's label and nothing else, typos read back ("and the bugdet" of
    "..., and the bugdet is 8,000 US dollars"): no value of any field."""
    words = [w for w in re.findall(r"[a-z]+", value.lower()) if w not in _LABEL_GLUE]
    return all(corrected(w, _FIELD_LABEL_WORDS) in _FIELD_LABEL_WORDS for w in words)
