"""The clause tagger's say on the free-text fields of what the rules read.

The rules keep every exact value (amounts, dates, channels, quoted and labelled names) and
their evidence. The tagger decides the name, the audience and the objective:
- it fills an empty audience or objective from the clause it is likeliest of (a name only when
  confident), in a message where the rules read some value and that holds no reply, so "right,
  yes please" fills nothing; a clause after one that names the field ("wrong audience, it's
  ...") fills it even when the rules read nothing else;
- a value the rules cut short ("developers" of "for developers who starred our repo") or ran on
  ("3PL leads and what we") becomes its clause's words, when the tagger takes that clause for
  the field;
- it takes a value away from a field when the clause the value came from is, for the tagger,
  surely another free-text field (moved there) or a request, a reply or an instruction
  (dropped: the assistant asks instead).
A value is always a span of the message: a clause's words without what leads into or closes it
("because we need", "the goal is", "to reach", "is it"). Never from a question, a reply or an
instruction; the guardrails still veto replies, questions, hedges and commands as values.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from mcc.agent.clauses import FIELDS, Role, Tagged, tag
from mcc.agent.extraction import Candidate, Extraction
from mcc.agent.extraction.channels import ends_with_channel
from mcc.agent.extraction.closings import CLOSING_WORDS
from mcc.agent.extraction.fields import reads_as
from mcc.agent.extraction.lead_ins import HEAD_ENDS, introduced
from mcc.agent.extraction.leading_marks import clean_start
from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.spans import only_label_words
from mcc.agent.extraction.vocabulary import types_in

# A clause fills an empty field at this probability; a value moves or goes at SURE.
CONFIDENT = 0.8
SURE = 0.9
# An audience or objective is filled at this probability: the clause is the tagger's best guess
# by a margin, in a message the rules read details from and that holds no reply.
LIKELY = 0.5
# ... and from an aside in brackets when the field is the tagger's best guess for it.
ASIDE = 0.3
_NEVER = 2.0  # above any probability
_NOT_A_VALUE = frozenset({Role.REQUEST, Role.REPLY, Role.INSTRUCTION})
# A name is a title, not a sentence: longer clauses are left to the rules.
_NAME_WORDS = 8
# The words of a clause in which a request names its campaign's kind.
_OPENING = 6
# A value the rules read is the clause itself when it covers this much of it.
_MOSTLY = 0.6
# The rules read this field from a clause the tagger takes for it at this probability: the
# clause's words (without lead-in) then bound the value.
_AGREES = 0.5
# A field the message names ("wrong audience, it's ...", "fix the goal, it should be ..."): the
# next clause is its value when the tagger's best guess for it is that field, even unsure.
_NAMED = 0.25
_FIELD_WORDS = {
    Role.AUDIENCE: re.compile(r"\b(?:audience|who it'?s for)\b", re.IGNORECASE),
    Role.OBJECTIVE: re.compile(r"\b(?:goal|objective|aim)\b", re.IGNORECASE),
}
# Words that open or close a clause without being part of the value: "the goal is", "because
# we need", "to reach", "it goes to", "what we really want out of it is"; "is it", "pls".
_LEAD_IN = re.compile(
    r"^(?:(?:and|so|but|also)\s+)?(?:(?:the|our|my|main|primary|\s)+)?"
    r"(?:(?:goal|objective|aim|audience|target(?:\s+audience)?|purpose|point|idea|hope)\s*"
    r"(?:is|would be|will be|should be|=)?(?:\s+to(?=\s))?"
    r"|it'?s\s+for|it\s+is\s+for|it'?s|it\s+is|it\s+should\s+be|it\s+goes\s+to"
    r"|to\s+reach(?!\s+(?:[\d$€£~]|about|around|over))|aimed\s+at|targeting|for|because\s+we\s+(?:need|want)(?:\s+to)?"
    # A purpose said as such: "so that we can book ...", "with the aim of getting ...", "in
    # order to ...", "we hope to ...", "hoping to ...", "to open ..." (the verb is the value's).
    r"|so\s+(?:that\s+)?(?:we|they|sales)\s+(?:can|could|will)|in\s+order\s+to"
    # A result wanted, said as such: "so that we get 600 bookings", "we want 40 people there".
    r"|(?:so\s+(?:that\s+)?)?we\s+(?:get|want|need)(?:\s+to)?"
    r"|with\s+the\s+(?:aim|goal|idea)\s+of|(?:we\s+)?hop(?:e|ing)\s+to|to(?=\s+\w+\s)"
    r"|what\s+we(?:'re|\s+are)\s+after\s+is|we\s+want\s+(?:this|it)\s+to"
    r"|what\s+we\s+(?:really\s+)?want(?:\s+out\s+of\s+it)?\s+is)\s+",
    re.IGNORECASE,
)
# What may lengthen a value cut short: more words ("who starred our repo"), not a separator
# into the next field ("Ontario / objective").
_PLAIN = re.compile(r"[\w\s'’-]+")
# A sign-off just before a clause ("Thanks, Priya"): the clause is the sender, no name.
_SIGNED = re.compile(rf"\b{CLOSING_WORDS}[ \t]*[,!.—–-]?[ \t\n]*$")
_TRAILER = re.compile(
    r"\s+(?:is\s+it|pls|please|thx|thanks|(?:is|are|would\s+be|will\s+be)\s+(?:the|our|my)\s+"
    r"(?:main\s+|real\s+)?(?:target|goal|aim|objective|kpi))$",  # "60 sign-ups is the goal"
    re.IGNORECASE,
)


def _quoted(value: str, text: str) -> bool:
    """The user quoted it: exact by the rules, never second-guessed."""
    return any(f"{open_}{value}" in text for open_ in "\"'“‘«")


def bare(text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of `text` without the words that lead into or close a value."""
    words = text[start:end]
    opened = _LEAD_IN.match(words)
    if opened and opened.end() < len(words):
        start += opened.end()
        words = words[opened.end() :]
    closed = _TRAILER.search(words)
    if closed and closed.start() > 0:
        end = start + closed.start()
    return start, end


def _names_a_kind(item: Tagged) -> bool:
    """A request names the kind of campaign early ("can you create a webinar ..."); "we want to
    get 25 meetings with named accounts" ends on a type's words but asks for a result."""
    return bool(types_in(" ".join(item.clause.text.split()[:_OPENING])))


def _holding(tagged: list[Tagged], text: str, words: str) -> Tagged | None:
    """The clause the value `words` was read from: the one holding it (or held by it)."""
    at = text.find(words)
    if at < 0:
        return None
    for item in tagged:
        if item.clause.start <= at < item.clause.end or at <= item.clause.start < at + len(words):
            return item
    return None


def _free(item: Tagged, used: list[str]) -> bool:
    """No other value came from the clause's words."""
    return not any(
        words and (words in item.clause.text or item.clause.text in words) for words in used
    )


def _span(tagged: list[Tagged], first: int, text: str) -> tuple[int, int]:
    """The clause at `first`, extended over the clauses right after it on its line that have
    the same role ("CFOs, controllers and finance managers" is one audience)."""
    start, end = tagged[first].clause.start, tagged[first].clause.end
    for item in tagged[first + 1 :]:
        between = text[end : item.clause.start]
        if item.role is not tagged[first].role or item.confidence < CONFIDENT:
            break
        if "\n" in between or between.strip(" ,") not in {"", "and", "&", "or"}:
            break
        end = item.clause.end
    return start, end


def refine(found: Extraction, text: str, pending: tuple[str, ...] = ()) -> Extraction:
    """`found` with the tagger's confident corrections; unchanged while it has no model."""
    tagged = tag(text)
    if not tagged:
        return found
    values = dict(found.values)
    _aim_for_people(values, tagged, text, pending)
    if len(tagged) < 2:
        # One clause: the rules and the pending question read it.
        return found if values == found.values else replace(found, values=values)
    values = _moved(values, tagged, text)
    _bounded(values, tagged, text)
    replying = any(item.role is Role.REPLY and item.confidence >= CONFIDENT for item in tagged)
    if not replying:
        _named(values, tagged, text)
    if found.details >= _BRIEF and not replying:
        _fill(values, found, tagged, text, pending)
    if found.details >= _TERSE and not replying:
        _by_elimination(values, found, tagged, text)
    audience = values.get("target_audience")
    # A clause the tagger took for the audience names people, as the span tagger's must: "with
    # paid search (Google and Bing) in support" says how the channels work together.
    guessed = audience is not None and audience != found.values.get("target_audience")
    words = str(audience.value) if audience is not None else ""
    if guessed and not names_people(words) and not _GROUP_BY_AGE_OR_RANK.search(words):
        del values["target_audience"]
        if "target_audience" in found.values:
            values["target_audience"] = found.values["target_audience"]
    return found if values == found.values else replace(found, values=values)


# People named by rank or age, which no people word heads: "the C-suite at fintechs", "under-30s
# in Leeds", "Gen Alpha and their parents".
_GROUP_BY_AGE_OR_RANK = re.compile(
    r"\b(?:c-suite|c-level|(?:over|under)-?\d+s|gen\s+[a-z]+|\d+\s*(?:-|to)\s*\d+s?)\b",
    re.IGNORECASE,
)
# The details the rules must read for the tagger to fill a field from a clause: one is a change
# ("ugh, fat fingers. Budget = $26K": the remark is no audience), two make a brief.
_BRIEF = 2


def _bounded(values: dict[str, Candidate], tagged: list[Tagged], text: str) -> None:
    """An audience or objective the rules cut short ("developers" of "for developers who starred
    our repo") or ran on ("3PL leads and what we", "reach CFOs") becomes its clause's words
    without lead-in, when the tagger also takes that clause for the field."""
    for role in (Role.AUDIENCE, Role.OBJECTIVE):
        candidate = values.get(FIELDS[role])
        if candidate is None or candidate.implied:
            continue
        value = str(candidate.value)
        item = _holding(tagged, text, value)
        if item is None or item.role is not role or item.confidence < _AGREES:
            continue
        if _quoted(value, text) or _asked(item, text):
            continue
        start, end = bare(text, item.clause.start, item.clause.end)
        words = text[start:end]
        # Only words after the value lengthen it: "to" in "is to grow ..." is no part of it.
        # Not into its own label said after it ("more bookings [is the goal]").
        label_after = candidate.evidence.startswith(value) and words in candidate.evidence
        plain_more = _PLAIN.fullmatch(words[len(value) :] or " ") is not None
        cut_short = words.startswith(value) and plain_more and not label_after
        ran_on = words in value and not _said_for(candidate, text)
        if words != value and (cut_short or ran_on):
            values[FIELDS[role]] = replace(candidate, value=words, evidence=words)


def apart(found: Extraction, text: str, pending: tuple[str, ...] = ()) -> Extraction:
    """`found` with an audience or objective that runs on over a clause break into a clause that
    is the other one, which nothing filled ("hobby beekeepers in the Borders / more repeat orders
    than last time", "teenagers in Cork. oh and ideally 25 signed contracts"), cut at the break:
    the next clause gives its own field, when the tagger is sure of it or the rules read it so."""
    tagged = tag(text)
    if not tagged or len(tagged) < 2:
        return found
    values = dict(found.values)
    for role, other in ((Role.AUDIENCE, Role.OBJECTIVE), (Role.OBJECTIVE, Role.AUDIENCE)):
        candidate = values.get(FIELDS[role])
        if candidate is None or candidate.implied or FIELDS[other] in values:
            continue
        if FIELDS[other] not in pending:
            continue  # the other field was not asked for: no answer to split off
        value = str(candidate.value)
        at = text.find(value)
        if at < 0 or _quoted(value, text):
            continue
        inside = [i for i in tagged if i.clause.start < at + len(value) and i.clause.end > at]
        if len(inside) < 2 or inside[0].role is not role:
            continue
        start, end = bare(text, inside[1].clause.start, inside[1].clause.end)
        moved = text[start:end]
        if _GOES_ON.match(moved):
            continue  # "café owners who need more customers / want more bookings": one clause
        sure = inside[1].role is other and inside[1].confidence >= _AGREES
        if not sure and reads_as(clean_start(moved)) != FIELDS[other]:
            continue
        kept = text[at : inside[0].clause.end].rstrip(" \t.,;/—–-")
        if len(kept) < _SHORTEST or len(moved) < _SHORTEST:
            continue
        values[FIELDS[role]] = replace(candidate, value=kept, evidence=kept)
        values[FIELDS[other]] = Candidate(FIELDS[other], moved, moved)
    return found if values == found.values else replace(found, values=values)


_SHORTEST = 3
# A clause that carries on the one before it: a verb or a relative with no subject of its own.
_GOES_ON = re.compile(r"(?:want|wants|need|needs|who|that|which|and|or|but)\b", re.IGNORECASE)


def _said_for(candidate: Candidate, text: str) -> bool:
    """The user said which field the value is: a label or a lead-in just before it, in the rules'
    evidence ("objective is ...") or the message (`introduced`)."""
    evidence, value = candidate.evidence, str(candidate.value)
    lead = evidence[: evidence.find(value)] if value in evidence else ""
    labelled = lead.rstrip().endswith((":", "—", "–", "=")) or any(
        words.search(lead) for words in _FIELD_WORDS.values()
    )
    # A name marked after it: "Lighthouse Keepers (working title)", "X as a working title".
    at = text.find(value)
    marked = candidate.field == "name" and at >= 0 and _NAME_AFTER.match(text, at + len(value))
    return labelled or bool(marked) or introduced(text, value)


_NAME_AFTER = re.compile(
    r"\s*(?:\(\s*)?(?:as\s+(?:a|the)\s+|is\s+the\s+)?(?:working\s+)?(?:title|name)\b", re.IGNORECASE
)


def _named(values: dict[str, Candidate], tagged: list[Tagged], text: str) -> None:
    """ "wrong audience, it's plant managers": a clause that names an empty field, then the clause
    the tagger takes for that field is its value."""
    for before, item in pairwise(tagged):
        field = FIELDS.get(item.role)
        words = _FIELD_WORDS.get(item.role)
        if field is None or words is None or item.confidence < _NAMED:
            continue
        if field in values and str(values[field].value) not in before.clause.text:
            continue  # a value of its own; "audience is wrong" gave the rules only "wrong"
        if not words.search(before.clause.text) or _asked(item, text):
            continue
        if before.role is item.role and before.confidence >= CONFIDENT:
            continue  # the field's own value, not words about it
        start, end = bare(text, item.clause.start, item.clause.end)
        values[field] = Candidate(field, text[start:end], text[start:end])


def _threshold(role: Role, item: Tagged, text: str) -> float:
    """How sure the tagger must be to fill `role` from `item`: an aside in brackets after the
    request ("(retention of at-risk accounts)") is said to explain the campaign, so the
    tagger's best guess for it is enough for an audience or objective."""
    if role is Role.NAME:
        return CONFIDENT
    start, end = item.clause.start, item.clause.end
    aside = text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")"
    if aside and ends_with_channel(text[: start - 1]):
        return _NEVER  # "Email (owned list)": how that channel runs, nobody to reach
    return ASIDE if aside else LIKELY


def _titled(text: str, start: int, end: int) -> bool:
    """A name the tagger guesses is written as a title ("Harbor Days", "Q3 Push"): a capital or
    a figure in it, no colon after it ("Reason: ..." labels what follows) and no sign-off
    before it ("Thanks, Priya"); "quick ask" after a greeting is no name."""
    words = text[start:end]
    labels = text[end : end + 2].strip().startswith(":")
    signed = _SIGNED.search(text[max(0, start - 40) : start])
    return not labels and not signed and any(c.isupper() or c.isdigit() for c in words)


def _asked(item: Tagged, text: str) -> bool:
    """The clause ends a question: a value is never taken from one."""
    return text[item.clause.end : item.clause.end + 2].strip().startswith("?")


def _moved(found: dict[str, Candidate], tagged: list[Tagged], text: str) -> dict[str, Candidate]:
    """The rules' free-text values, each moved to the field its clause surely is, or dropped
    when that clause is surely a request, a reply or an instruction."""
    values = dict(found)
    for role, field in FIELDS.items():
        candidate = values.get(field)
        if candidate is None or candidate.implied:
            continue
        value = str(candidate.value)
        item = _holding(tagged, text, value)
        if item is None or item.role is role or _quoted(value, text):
            continue
        if item.confidence < SURE and not _taken_elsewhere(item, role, tagged, text):
            continue
        if _said_for(candidate, text):
            continue  # "The one thing we need out of it: ...": the user said which field it is
        if len(value) < _MOSTLY * len(item.clause.text):
            continue  # a value inside a longer clause ("a webinar for CFOs"): the rules' reading
        other = FIELDS.get(item.role)
        if other is not None and other not in values:
            del values[field]
            values[other] = replace(candidate, field=other)
        elif item.role in _NOT_A_VALUE and (item.role is not Role.REQUEST or _names_a_kind(item)):
            del values[field]
    return values


def _aim_for_people(
    values: dict[str, Candidate], tagged: list[Tagged], text: str, pending: tuple[str, ...]
) -> None:
    """Asked for the objective alone, an audience the rules read from "for <people>" at the end
    of a clause the tagger is sure is an aim: the people the aim is for, not whom the campaign
    reaches ("a fuller diary [for the groomers]", "more repeat visits [for the stylists]"). The
    clause is the objective. Asked for both, "500 sign-ups for parents in Leeds" may give both;
    "a webinar for CFOs" names a kind of campaign, whose people are its audience."""
    candidate = values.get("target_audience")
    if candidate is None or "objective" in values or candidate.implied:
        return
    if "objective" not in pending or "target_audience" in pending:
        return
    if not _FOR_PEOPLE.match(candidate.evidence):
        return
    item = _holding(tagged, text, candidate.evidence)
    if item is None or item.role is not Role.OBJECTIVE or item.confidence < SURE:
        return
    start, end = bare(text, item.clause.start, item.clause.end)
    words = clean_start(text[start:end]).strip(" \t.,;:!—–-")
    head = words[: words.rfind(candidate.evidence)] if candidate.evidence in words else ""
    if not words.endswith(candidate.evidence) or len(head.split()) < _AIM_HEAD or types_in(head):
        return
    del values["target_audience"]
    values["objective"] = replace(candidate, field="objective", value=words, evidence=words)


# "for" leading the rules' audience; the fewest words of an aim before it ("a fuller diary").
_FOR_PEOPLE = re.compile(r"for\s", re.IGNORECASE)
_AIM_HEAD = 2


def _taken_elsewhere(item: Tagged, role: Role, tagged: list[Tagged], text: str) -> bool:
    """The value's clause is likelier the other free-text field, and another clause is surely
    the field the rules gave it ("people who test-drove a car. qualified meetings with security
    leaders."): by elimination, the value belongs to the clause's own field."""
    if role not in _PEOPLE_OR_AIM or item.role not in _PEOPLE_OR_AIM or item.confidence < LIKELY:
        return False
    return any(
        other is not item and other.role is role and other.confidence >= SURE
        for other in tagged
        if not _asked(other, text)
    )


_PEOPLE_OR_AIM = (Role.AUDIENCE, Role.OBJECTIVE)


def _fill(
    values: dict[str, Candidate],
    found: Extraction,
    tagged: list[Tagged],
    text: str,
    pending: tuple[str, ...],
) -> None:
    """Each free-text field still empty, from the clause the tagger is surest has its role."""
    used = [c.evidence for c in values.values()] + [c.evidence for c in found.channels]
    used += [str(c.value) for c in values.values()]
    for role, field in FIELDS.items():
        if field in values:
            continue
        choices = [
            (item.confidence, -index)
            for index, item in enumerate(tagged)
            if item.role is role
            and item.confidence >= _threshold(role, item, text)
            and _free(item, used)
            and not _asked(item, text)
        ]
        if not choices:
            continue
        start, end = _span(tagged, -max(choices)[1], text)
        if role is Role.NAME and (
            not _titled(text, start, end) or _DAY_OR_MONTH.fullmatch(text, start, end)
        ):
            continue  # "(Sun)" after a date is its weekday, no title
        if role is not Role.NAME:
            start, end = bare(text, start, end)
        if role is not Role.NAME and (said := _SUBJECT_IS.match(text, start, end)) is not None:
            start = said.end()  # "The clientèle visée is paralegals": what follows the subject
        value = text[start:end]
        if role is Role.NAME and (len(value.split()) > _NAME_WORDS or pending[:1] == ("name",)):
            continue
        if only_label_words(value):
            continue  # "and the bugdet" (is 8,000 US dollars): another field's label, no value
        if role is not Role.NAME and _says_nothing(value):
            continue  # "one more", "another for the list": a new campaign's opener, no aim
        values[field] = Candidate(field, value, value)
        used.append(value)


# A weekday or a month alone, in brackets or not ("live on 2038-09-26 (Sun)").
_DAY_OR_MONTH = re.compile(
    r"\W*(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday)?\.?\W*"
    r"|\W*(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\W*",
    re.IGNORECASE,
)
# A clause that names its subject before the value: "The clientèle visée is X", "our main crowd
# are X" (a subject of a few words, none relative: "the parents whose kids are ..." are people).
_SUBJECT_IS = re.compile(
    r"(?:the|our|my)\s+(?:(?!who|whose|that|which)[\w'’-]+\s+){0,2}(?!who|whose|that|which)"
    r"[\w'’-]+\s+(?:is|are|would\s+be|will\s+be)\s+(?=\w)",
    re.IGNORECASE,
)
# Words that say which or how many, not who or what: a clause of only these is no value.
_EMPTY_WORDS = frozenset(
    {"one", "more", "another", "again", "the", "a", "an", "for", "to", "of", "on", "in", "list"}
    | {"thing", "things", "stuff", "also", "too", "this", "that", "it", "same", "next", "new"}
    | {"last", "first", "please", "pls", "then", "now", "ok", "okay", "so", "and", "same"}
)


def _says_nothing(value: str) -> bool:
    return all(word in _EMPTY_WORDS for word in re.findall(r"[a-z']+", value.lower()))


# The details the rules must read for a brief of bare sentences to give its last sentence
# to the one free-text field still empty.
_TERSE = 4
# A sentence of its own: at the start, or after a full stop or a line break, up to the next.
_SENTENCE_START = re.compile(r"(?:^|[.!\n])[ \t]*$")
_SENTENCE_END = re.compile(r"^[ \t]*(?:[.!\n]|$)")


def _by_elimination(
    values: dict[str, Candidate], found: Extraction, tagged: list[Tagged], text: str
) -> None:
    """A terse brief of bare sentences ("Partner programme. "X". retired teachers who donate
    books. distillery tour bookings. 20,000 USD. ..."): when the audience or the objective is
    the one free-text field still empty and one sentence alone gave no value, that sentence is
    the field's, whatever the tagger's best guess for it among the free-text fields (a
    sentence it takes for none, "Following up with the rest.", stays out)."""
    empty = [role for role in _PEOPLE_OR_AIM if FIELDS[role] not in values]
    if len(empty) != 1:
        return
    used = [c.evidence for c in values.values()] + [c.evidence for c in found.channels]
    used += [str(c.value) for c in values.values()]
    left = [
        item
        for item in tagged
        if _free(item, used)
        and not _asked(item, text)
        and _SENTENCE_START.search(text[: item.clause.start])
        and _SENTENCE_END.match(text[item.clause.end :])
    ]
    if len(left) != 1 or left[0].role not in FIELDS:
        return
    start, end = bare(text, left[0].clause.start, left[0].clause.end)
    value = text[start:end]
    if len(value.split()) < 2 or only_label_words(value):
        return
    if "type" not in values and types_in(value):
        # The campaign's kind, not read yet ("a booth at the show."); with the type read
        # elsewhere, "distillery tour bookings" is the aim whatever its words.
        return
    sure = left[0].role
    if sure is not empty[0] and sure in _PEOPLE_OR_AIM and left[0].confidence >= SURE:
        # The sentence is surely the field the rules filled from another ("people who test-drove
        # a car", sure people, while the rules took "qualified meetings with security leaders"
        # for the audience): the two change places, unless the rules' value plainly is that
        # field too ("Midwives as well" beside "for nurses": more people, no aim).
        moved = values[FIELDS[sure]]
        words = str(moved.value)
        head = HEAD_ENDS.split(words, maxsplit=1)[0]  # "qualified meetings" of "... with CISOs"
        plainly = (
            names_people(head, surely=True)
            if sure is Role.AUDIENCE
            else reads_as(words) == FIELDS[sure]
        )
        if not plainly:
            values[FIELDS[empty[0]]] = replace(moved, field=FIELDS[empty[0]])
            values[FIELDS[sure]] = Candidate(FIELDS[sure], value, value)
        return
    values[FIELDS[empty[0]]] = Candidate(FIELDS[empty[0]], value, value)
