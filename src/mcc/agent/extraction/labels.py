"""Labels written in the user's own words, read as the field labels they mean.

A brief written in a second language, or by someone filling in a form their own way, labels its
lines with phrases: "Name of campaign:", "The type is:", "Channels we will use:", "Audience (the
people we target):", "The budget we have:", "Date of launch:". A short phrase before a colon at
the start of a line that names exactly one field reads as that field's plain label, and a terse
brief's "obj:" as an objective's label. The working text (same length, so positions and evidence
stay the user's own words) holds the plain label, right-aligned where the phrase was.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.foreign_labels import as_english_labels
from mcc.agent.extraction.people_words import AUDIENCE_NOUNS, PEOPLE_LIKE
from mcc.agent.extraction.vocabulary import channels_in, types_in

# One emoji with its variation selector, skin tone and joiners ("❄️", "👩‍💻").
EMOJI = (
    r"(?:[\U0001F000-\U0001FAFF\u2300-\u23FF\u2600-\u27BF\u2B00-\u2BFF]"
    r"[\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)"
)

# A phrase before a colon at a line's start (after a bullet or an emoji): at most seven words,
# no dash or second colon (a Slack line "ok new one — campaign name: X" reads as it is).
_PHRASE = re.compile(
    # A bullet or an item's number ("3. Objective agreed: ...") before the phrase.
    r"(?m)^(?P<lead>[ \t]*(?:(?:[-*•·>]+|\d{1,2}[.)])[ \t]*)?)"
    r"(?P<phrase>[A-Za-z][A-Za-z' ]*(?:\([^()\n:]{1,40}\))?[A-Za-z' ]*?)"
    # "Customers - X", "Result wanted — X": a dash between spaces stands for the colon.
    r"(?P<colon>[ \t]*:|[ \t]+[-—–](?=[ \t]))"
)
# A form's heading on a line of its own, its value on the next ("Who it's for" / "dairy herd
# managers in Friesland"): read as the label and its value on one line (the line break is the
# colon). Only in a message with at least two such headings: one short line can be anything.
_HEADING = re.compile(
    r"(?m)^(?P<lead>[ \t]*(?:[#*]+[ \t]*)?)(?P<phrase>[A-Za-z][A-Za-z' -]{1,40}?)"
    r"(?P<colon>[ \t]*\**[ \t]*\n)(?=[ \t]*[^\s#*])"
)
_HEADINGS = 2
# A form's question with its answer on the same line ("Who are we talking to? choir directors
# in Cardiff"): the question is the label, its mark the colon. Only where two lines or more
# read so: one question before words is what a user asks.
_QUESTION = re.compile(
    r"(?m)^(?P<lead>[ \t]*(?:(?:[-*•·>]+|\d{1,2}[.)])[ \t]*)?)"
    r"(?P<phrase>[A-Za-z][A-Za-z'’ ]{1,40}?)(?P<colon>[ \t]*\?)(?=[ \t]+[^\s?])"
)
_WORDS = re.compile(r"[A-Za-z']+")
_MAX_WORDS = 7
# Words a plain label is made of: a phrase of only these is read as it is.
_PLAIN = frozenset(
    {
        "campaign", "project", "programme", "program", "name", "title", "type", "format",
        "audience", "target", "objective", "goal", "budget", "launch", "date", "channels",
        "channel", "kpi", "start", "end", "currency",
    }
)  # fmt: skip
# Each field and the words that name it, the surest first: "Name of campaign" is the name, not
# the type; "Audience (the people we target)" the audience, not a target figure.
_FIELDS = (
    ("name", re.compile(r"\b(?:name|title|called)\b", re.IGNORECASE)),
    (
        "audience",
        re.compile(
            r"\b(?:audiences?|target\s+(?:group|market)|who\b|people|persona|public|icp|segments?"
            r"|customers|clients|reaching"
            # "Shoppers we want:", "Customers we're after:": the people wanted.
            # Any word for people: "Supporters we're after:", "Donors we need:" (not what is
            # counted: "Conversions we want:", "Leads we need:").
            rf"|(?:{AUDIENCE_NOUNS}|{PEOPLE_LIKE})\s+(?:we|i)\s*(?:'re|’re|\s+are)?\s+"
            r"(?:want|need|target|after))",
            re.I,
        ),
    ),
    (
        "objective",
        # "Why:" labels what the campaign is for.
        re.compile(
            r"\b(?:objectives?|goals?|aims?|purpose|achieve|outcome|why|success"
            r"|results?\s+(?:(?:we\s+)?(?:need|want)(?:ed)?|wanted))\b",
            re.IGNORECASE,
        ),
    ),
    ("budget", re.compile(r"\b(?:budget|spend|money|cost|funds?|funding)\b", re.IGNORECASE)),
    # A date or a day, not a launch itself ("major launch:", "starting X:").
    (
        "launch date",
        re.compile(r"\b(?:date|day|when|commencing)\b|\bgo(?:es)?[\s-]?live\b", re.IGNORECASE),
    ),
    ("channels", re.compile(r"\bchannels?\b|\bwhere\s+it\s+runs\b", re.IGNORECASE)),
    # "Motion: Event (own venue)": a sales team's word for the kind of play.
    ("type", re.compile(r"\b(?:type|kind|format|motion)\b", re.IGNORECASE)),
)
_SHORT = {"audience": "aud", "objective": "aim"}
# (Not "To:", an e-mail header's recipient.)
_FOR_WHOM_LABELS = frozenset({"for", "who for", "for whom", "aimed at", "targeting"})
_DASHED_WORDS = 3
# A phrase that says something else than which field follows ("Date of the last send:",
# "Budget owner:", "Previous budget:", "Name of the approver:").
_OTHER = re.compile(
    r"\b(?:last|previous|prior|old|owner|approv\w*|sign(?:s|ed)?\s+off|review\w*|manager|sender"
    r"|contact|author|reporter|assignee|spent|not|no|currency)\b",
    re.IGNORECASE,
)
# "obj: upsell the add-on": a terse brief's short label, read as the objective's "aim:".
_SHORT_OBJECTIVE = re.compile(r"(?im)^(?P<lead>[ \t]*(?:[-*•·>]+[ \t]*)?)obj(?=[ \t]*:)")


# "🎯 type: partner", "💸 budget: 20k": an emoji before a label is its bullet, not a word of it.
_EMOJI_BULLET = re.compile(
    rf"(?m)(?:^|(?<=[ \t]))[ \t]*(?:{EMOJI}[ \t]*)+(?=[A-Za-z][A-Za-z' ]{{0,30}}:)"
)


def _bullet(match: re.Match[str]) -> str:
    # Inside a line the bullet opens the next part: a line break ends the value before it.
    inside = match.start() > 0 and match.string[match.start() - 1] != "\n"
    return ("\n" if inside else " ") + " " * (len(match.group()) - 1)


def _field(phrase: str, *, heading: bool = False) -> str | None:
    """The one field a label phrase names, or None when it is no phrase for a label (a plain
    label is read as it is, unless it heads its value's line: "Budget" above "$20k")."""
    typed = _WORDS.findall(phrase)
    words = [word.lower() for word in typed]
    plain = set(words) <= _PLAIN and not heading
    if not words or len(words) > _MAX_WORDS or plain or _OTHER.search(phrase):
        return None
    # "Dunmore Channel Boost: partner", "Other type: ...": a title, or a field's value typed
    # before its label, is no phrase for a label.
    titled = any(word[0].isupper() and word.lower() not in _PLAIN for word in typed[1:])
    if titled or types_in(phrase) or channels_in(phrase):
        return None
    if phrase.strip().lower() in _FOR_WHOM_LABELS:
        return "aud"  # "For: sommeliers in Cape Town", a form's line saying whom it is for
    fields = [field for field, pattern in _FIELDS if pattern.search(phrase)]
    if not fields:
        return None
    # "ICP:" is shorter than "audience": the short label the readers know ("aud:") fits.
    field = fields[0] if len(phrase) >= len(fields[0]) else _SHORT.get(fields[0], "")
    return field if field and len(phrase) >= len(field) else None


def _plain(match: re.Match[str]) -> str:
    colon = match["colon"]
    # A dash ends a label of a few words only: "forgot the people part — it's for ..." is a
    # sentence that goes on, not a label.
    dashed = not colon.endswith(":") and len(_WORDS.findall(match["phrase"])) > _DASHED_WORDS
    field = None if dashed else _field(match["phrase"])
    if field is None:
        return match.group()
    return match["lead"] + field.rjust(len(match["phrase"])) + colon[:-1] + ":"


def _relabel(text: str, found: list[tuple[re.Match[str], str]]) -> str:
    """`text` with each found label phrase written as its field's plain label; the same length.

    Two or more are needed: one heading-like line alone may be a sentence's start."""
    if len(found) < _HEADINGS:
        return text
    for match, field in found:
        start, end = match.span()
        label = match["lead"] + field.rjust(len(match["phrase"])) + match["colon"][:-1] + ":"
        text = text[:start] + label + text[end:]
    return text


def _headings(text: str) -> str:
    found = [
        (match, field)
        for match in _HEADING.finditer(text)
        if (field := _field(match["phrase"], heading=True)) is not None
    ]
    return _relabel(text, found)


# A form's question about the audience says for whom ("Who is it for?", "Who are we talking
# to?"), not any "who" ("Who are the competitors?"); one about the aim is not only why ("Why now?").
_FOR_WHOM = re.compile(
    r"\b(?:for|target\w*|reach\w*|talking|audience|aimed|after|segment|customers|people)\b",
    re.IGNORECASE,
)


def _form_question(phrase: str) -> str | None:
    field = _field(phrase, heading=True)
    if field in {"objective", "aim"} and phrase.strip().lower().startswith("why"):
        return None
    if field in {"audience", "aud"} and not _FOR_WHOM.search(phrase):
        return None
    return field


def _form_questions(text: str) -> str:
    found = [
        (match, field)
        for match in _QUESTION.finditer(text)
        if (field := _form_question(match["phrase"])) is not None
    ]
    return _relabel(text, found)


# A brief written as questions and answers in one run ("Name? Evergreen. Type? email. Who for?
# hotel owners. Why? more bookings. When? 3 March."): each short question after a sentence's end
# labels the words after it. Only where three or more read so: "Why? because Q3 slipped." alone
# is a remark.
_INLINE_QUESTION = re.compile(
    r"(?:^|(?<=[.!;] )|(?<=\n))(?P<lead>[ \t]*)(?P<phrase>[A-Za-z][A-Za-z'’ ]{1,14}?)"
    r"(?P<colon>\?)(?=[ \t]+[^\s?])"
)
_INLINE_WORDS = {"name": "name", "title": "name", "type": "type", "kind": "type", "why": "aim"}
# Questions that count towards a run of them, their answer read as it is ("When? 3 March").
_INLINE_COUNTED = frozenset({"when", "where", "spend", "budget", "cost", "channels", "how much"})
_INLINE_RUN = 3


def _inline_field(phrase: str) -> str | None:
    words = phrase.strip().lower()
    return _INLINE_WORDS.get(words) or _form_question(phrase)


def _inline_questions(text: str) -> str:
    read = [(m, _inline_field(m["phrase"])) for m in _INLINE_QUESTION.finditer(text)]
    found = [
        (m, field) for m, field in read if field or m["phrase"].strip().lower() in _INLINE_COUNTED
    ]
    if len(found) < _INLINE_RUN:
        return text
    # Built in one pass: a pasted run of thousands of "Name? X." stays linear.
    pieces, at = [], 0
    for match, field in found:
        if field is not None and len(field) <= len(match["phrase"]):
            pieces += [text[at : match.start()], match["lead"], field.rjust(len(match["phrase"]))]
            pieces.append(":")
            at = match.end()
    return "".join([*pieces, text[at:]])


# A bilingual form's label ("Nom / name:", "Objectif / objective:", "Canaux / channels:"): the
# first language's word is no value of the field before it; the English label is kept.
_BILINGUAL = re.compile(
    r"(?:^|(?<=[.!?;] )|(?<=\n))(?P<other>[^\W\d_][^\W\d_' ]{1,24}?[ \t]*/[ \t]*)"
    r"(?=(?:name|title|type|audience|objective|goal|budget|go[ -]?live|launch(?: date)?|date"
    r"|channels)[ \t]*:)",
    re.IGNORECASE,
)


def _first_language(match: re.Match[str]) -> str:
    # "Objective/goal:" is one label in one language: kept as the user wrote it.
    other = match["other"].rstrip(" \t/").lower()
    return (
        match.group()
        if other in _PLAIN or _field(other, heading=True)
        else " " * len(match.group())
    )


# A page's path pasted above it ("From Confluence → Launches → Sparrow Mini Drone", "Marketing »
# Q3 » Briefs"): where the page lives, no label and no value ("Launches" was the audience).
# Its parts are titles: no quotation, and none of the commas or semicolons that a line of
# "audience → ...; objective → ..." or 'new draft → Paid burst → "Name"' is made of.
_CRUMB = r"[^\n→»:;,|\"“”']{1,60}?"
_BREADCRUMB = re.compile(
    rf"(?m)^[ \t]*(?:(?:from|in|via)[ \t]+)?{_CRUMB}"
    rf"(?:[ \t]*(?:→|»|[ \t]>[ \t])[ \t]*{_CRUMB}){{2,}}[ \t]*$"
)
_CRUMB_MARK = re.compile(r"[ \t]*(?:→|»|[ \t]>[ \t])[ \t]*")


def _no_path(match: re.Match[str]) -> str:
    # "email → LinkedIn → paid social" is a sequence of channels, "audience → CFOs → goal → 40
    # demos" labels and their values: not a page's path.
    parts = [part.strip().lower() for part in _CRUMB_MARK.split(match.group())]
    labelled = any(part in _PLAIN or _field(part, heading=True) for part in parts)
    if labelled or len(channels_in(match.group())) >= 2:
        return match.group()
    return " " * len(match.group())


def as_plain_labels(text: str) -> str:
    """`text` with labels written as phrases read as plain labels; the same length."""
    text = _BREADCRUMB.sub(_no_path, text)
    text = _BILINGUAL.sub(_first_language, as_english_labels(text))
    text = _inline_questions(_form_questions(_headings(text)))
    if ":" not in text and " - " not in text and "—" not in text and "–" not in text:
        return text
    text = _EMOJI_BULLET.sub(_bullet, text)
    text = _SHORT_OBJECTIVE.sub(lambda match: match["lead"] + "aim", text)
    return _PHRASE.sub(_plain, text)
