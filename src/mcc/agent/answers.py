"""A bare answer to the free-text question the assistant just asked ("Spring Promo" after
"What should it be called?"): what the extraction left over, taken whole as that field.

Kept apart from the engine so that measurements (`scripts/objective_losses.py`) read a reply
exactly as a conversation does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mcc.agent import clauses, intents
from mcc.agent.extraction import Candidate, Extraction
from mcc.agent.extraction.fields import reads_as
from mcc.agent.extraction.leading_marks import clean_start
from mcc.agent.extraction.names import is_title
from mcc.agent.extraction.people_words import names_people
from mcc.agent.guardrails import FREE_TEXT, FieldUpdate, reply_act

_QUOTED = re.compile(r"[\"'“‘«](.+)[\"'”’»]")
_NAME_LONGEST = 200
_ACKNOWLEDGED = re.compile(
    r"\s*(?:sure|ok(?:ay)?|yes|yep|yeah|right|of\s+course|absolutely|fine|got\s+it)\s*[—–:-]\s*",
    re.IGNORECASE,
)


def acknowledged_answer(message: str) -> str | None:
    """The answer after an acknowledgement ("sure — night-shift nurses at the county
    hospitals"): the words after it, when they are no reply of their own ("sure — go ahead")."""
    opened = _ACKNOWLEDGED.match(message)
    if opened is None:
        return None
    rest = message[opened.end() :].strip()
    return rest if len(rest.split()) >= 2 and reply_act(rest) is None else None


# A sentence of its own, with its subject: a remark, unless it names people ("they're mostly
# retired teachers").
_OWN_SENTENCE = re.compile(
    r"(?:this|that|it|we|i|you|there)(?:'s|’s|'re|’re|'m|’m|\s+(?:is|are|was|were|am|has|have"
    r"|had|will|would|can|could|should|might|do|does|did)\b)",
    re.IGNORECASE,
)
# How sure the clause tagger must be that a bare answer is another open field than the one asked.
ANOTHER_FIELD = 0.6
# A title is a name only this surely when the question was about the audience or the objective.
_NAME_INSTEAD = 0.8
_TITLED = re.compile(r"[A-Z0-9]")
# A bare answer is a phrase: longer, or laid out as fields, it is a brief.
ANSWER_WORDS = 15
_LISTS = re.compile(r"[\n:/|→=]")
_PEOPLE_HEDGE = re.compile(
    r"(?:mainly|mostly|primarily|largely|chiefly|aimed\s+at|it'?s\s+(?:mainly\s+)?for)\s+",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(
    r"\s(?:who|whose|that|in|at|from|near|around|across|of|with|aged|based|living|working"
    r"|[\w'’-]+ing)\b",
    re.IGNORECASE,
)
_MORE_OR_LESS = re.compile(
    r"(?:an?\s+)?(?:more|fewer|less|higher|lower|bigger|larger|better|fuller|greater|increased?|reduced?"
    r"|rise|lift|boost|jump|bump|drop)\s+(?!than\b|of\s+(?:the|our)\b)\w",
    re.IGNORECASE,
)


def answered_fields(
    message: str, asked: Sequence[str], open_fields: Sequence[str]
) -> tuple[str, ...]:
    """The question a bare answer answers: the one its words answer, among the free-text fields
    still open, when it is not the first one asked.

    Someone giving details over several messages answers in their own order: asked "What should
    it be called? Who is it for?", they say "awareness in the DACH region" (an objective) or
    "200 webinar registrations". The clause tagger (trained on labelled clauses) says which
    field a one-clause answer is; the asked fields follow it, so every reader reads the message
    as that field's answer. A title typed as one ("Blue Door Days") stays the name it was asked
    for; a name given for another question needs a capital and a sure tagger. While the tagger
    is still training (a fresh install), the rules' words decide plain aims and plain people."""
    if not asked or len(message.split()) > ANSWER_WORDS or _LISTS.search(message):
        return tuple(asked)  # a brief or a list of fields: its labels and clauses say which
    words = clean_start(message)  # "oh, Q1 pipeline in DACH": the answer's words
    if _MORE_OR_LESS.match(words) and "objective" in open_fields and asked[0] != "objective":
        # "more gifts left in wills", "fewer cancelled appointments": an aim by its first word,
        # whatever the tagger makes of words it never saw (no audience opens on "fewer").
        return _first("objective", asked)
    hedged = _PEOPLE_HEDGE.match(message.strip())
    people = message.strip()[hedged.end() :] if hedged else words
    # Unhedged, a lower-case group says which of them ("parents who ...", "florists in ..."):
    # "summer specials", "page turners" are titles typed in lower case.
    qualified = _QUALIFIED.search(people) is not None
    plain = bool(hedged) or (asked[0] == "name" and words[:1].islower() and qualified)
    plain = plain and asked[0] != "objective" and reads_as(people) != "objective"
    if plain and "target_audience" in open_fields and names_people(people, surely=True):
        # Asked for the name and the audience, "mainly runners coming back from injury" or
        # "runners coming back from injury" says whom: a hedge or a lower-case group of people
        # names no campaign (a title is typed as one).
        return _first("target_audience", asked)
    tagged = clauses.tag(words)
    if tagged is None:
        # The tagger still training (a fresh install's first minute): the rules' words decide
        # a plain aim or plain people, never a name.
        field = reads_as(words)
        if field is None or field == asked[0] or field not in open_fields or _title(words):
            return tuple(asked)
        return _first(field, asked)
    tagged = _said(tagged)
    if len(tagged) != 1:
        return tuple(asked)
    only = tagged[0]
    field = clauses.FIELDS.get(only.role)
    words = only.clause.text
    if only.confidence < ANOTHER_FIELD and asked[0] != "name":
        # Unsure of a clause it never saw ("oh, Q1 pipeline in the DACH region"): the rules'
        # plain aim or plain people decide, as before the tagger was trained.
        by_words = reads_as(clean_start(words)) or ""
        if by_words in open_fields and by_words != asked[0]:
            return _first(by_words, asked)
        return tuple(asked)
    if field is None or field == asked[0] or field not in open_fields:
        return tuple(asked)
    if only.confidence < ANOTHER_FIELD or (asked[0] == "name" and _title(words)):
        return tuple(asked)
    if field == "name" and (only.confidence < _NAME_INSTEAD or not _TITLED.search(words)):
        return tuple(asked)
    return _first(field, asked)


def _first(field: str, asked: Sequence[str]) -> tuple[str, ...]:
    """The fields asked for, `field` first: the question this answer answers."""
    return (field, *(f for f in asked if f != field))


def _title(words: str) -> bool:
    """Every word of two or more starts with a capital or a figure ("Blue Door Days"), a remark
    in brackets after it aside ("Lighthouse Keepers (working title)")."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", words)
    tokens = [t for t in words.split() if any(c.isalnum() for c in t)]
    return len(tokens) >= 2 and all(_TITLED.match(t) for t in tokens)


def without_title_words(found: Extraction, text: str, pending: Sequence[str]) -> Extraction:
    """Asked for the name, a title typed as the answer ("Welcome Back Weekend", "Bikes for
    Schools I suppose") names the campaign, not an aim or audience read from its words."""
    if not pending or pending[0] != "name" or "name" in found.values:
        return found
    words = clean_start(text.strip()).rstrip(" .!")
    # A hedge cut off around it ("I suppose"): the usual path read the reply whole, no name.
    hedged = words != text.strip().rstrip(" .!")
    if not is_title(words) or len(words.split()) > _TITLE_WORDS:
        return found
    if "target_audience" in pending and names_people(words, surely=True):
        return found  # "Small Business Owners in Leeds", asked for the name and the audience
    kept = {
        f: c for f, c in found.values.items() if f not in FREE_TEXT or str(c.value) not in words
    }
    if kept == found.values and not hedged:
        return found  # nothing read from its words: the bare answer is the name already
    return replace(found, values={**kept, "name": Candidate("name", words, words)})


_TITLE_WORDS = 8


# A clause that only remarks on the answer ("that's it really", "hope that helps"): the clause
# tagger's other or reply, sure of it, in a few words.
_REMARK_SURE = 0.75
_REMARK_WORDS = 5
_REMARKS = (clauses.Role.OTHER, clauses.Role.REPLY)


def _remark(tagged: clauses.Tagged) -> bool:
    words = len(_WORD.findall(tagged.clause.text))
    field = tagged.role in clauses.FIELDS and tagged.confidence >= ANOTHER_FIELD
    if words <= _SCRAP_WORDS:
        # "butchers" of "local bakers, florists, butchers" is one of them; a lower-case word is
        # no name ("main" of "main target is ..." beside the audience it led into).
        named = tagged.role is clauses.Role.NAME and not tagged.clause.text.strip()[:1].isupper()
        return not field or named
    return tagged.role in _REMARKS and tagged.confidence >= _REMARK_SURE and words <= _REMARK_WORDS


def _said(tagged: list[clauses.Tagged]) -> list[clauses.Tagged]:
    """The clauses that say something, without scraps and remarks; all of them when that is
    none (a remark alone is for the reply rules to judge)."""
    said = [t for t in tagged if not _remark(t)]
    return said or tagged


def without_closing_remarks(text: str) -> str:
    """`text` up to its last clause that says something: "300 sign-ups. that's it really" ->
    "300 sign-ups". Unchanged while the clause tagger is training, or with no remark at the end."""
    tagged = clauses.tag(text)
    if not tagged or len(tagged) < 2 or not _remark(tagged[-1]):
        return text
    said = _said(tagged)
    if said is tagged or said[-1] is tagged[-1]:
        return text
    return text[: said[-1].clause.end].rstrip(" \t.,;:!—–-")


def answers_to_asked(
    found: Extraction,
    asked: Sequence[str],
    message: str,
    *,
    is_reply: bool,
    unsure: bool,
    moves_date: bool = False,
) -> tuple[FieldUpdate, ...]:
    """The leftover words of `message` as the first free-text field `asked` that `found` lacks
    (or, two bare sentences, as the two fields asked: `_one_sentence_each`).

    Only when the message is meant as that value: never a reply (a yes, a hold, a question,
    small talk), which the guardrails would refuse anyway, nor an order that moves the launch
    date (`moves_date`: "push the launch back by 2 weeks" became the objective as well)."""
    pending = [f for f in asked if f in FREE_TEXT and f not in found.values]
    # "sure — awareness", "mainly nurses": what leads into a value is no part of it.
    text = clean_start(found.leftover.strip())
    quoted = _QUOTED.fullmatch(text)
    text = quoted.group(1).strip() if quoted else text
    # "40 named accounts in insurance" implies ABM and still answers "who is it for?".
    stated = [c for c in found.values.values() if not c.implied]
    bare = not (stated or found.channels or found.removed_channels or found.problems)
    if not pending or not text or moves_date or intents.is_question(message):
        return ()
    if not bare and not intents.is_unsure(text):
        # Beside details, a hedge ("I think bigger crowds than last time, and it should speak
        # to ...") is no doubt about the clause left, unless its own words say so.
        rest = _not_read(text, stated)
        rest = _with_words_back(rest, message)
        left = None if found.problems or not rest else _clause_left(rest, pending)
        return () if left is None else (left,)
    if unsure or not bare:
        return ()
    is_reply = is_reply and acknowledged_answer(message) is None
    if not quoted and (is_reply or reply_act(text) is not None):
        return ()
    if pending[0] != "name" and len(text) < 3:
        return ()
    if pending[0] == "name" and len(text) > _NAME_LONGEST:
        return ()
    if not quoted:
        text = without_closing_remarks(text)
        each = _one_sentence_each(text, pending)
        if each:
            return each
    if pending[0] == "target_audience" and _OWN_SENTENCE.match(text) and not names_people(text):
        return ()  # "this is way faster than our spreadsheet": a remark, whoever it is for
    return (FieldUpdate(pending[0], text, text),)


# Where the readers took words out of the leftover (a masked span leaves a run of spaces), and the
# preposition left before words they took at its end.
_HOLE = re.compile(r"[ \t]{3,}")
# The most holes, and the longest message, whose words are put back (the pattern backtracks over
# each hole: a message of many short repeated pieces would cost seconds).
_HOLES = 3
_ANSWER_CHARS = 300
_OPEN_START = re.compile(r"(?:at|in|of|from|with|on|who|whose|that)\b", re.I)
_OPEN_END = re.compile(r"\b(?:in|on|at|by|before|until|till|during|for|over|via|through)$", re.I)
# Words a hole may be filled back with: no figure, no currency (an amount or a date with a day is
# its field's, said beside the answer), within a clause.
_PLAIN_WORDS = r"[^\W\d_][^\d,.;:!?()\n$€£¥₹]{0,40}?"


def _with_words_back(left: str, message: str) -> str:
    """The words left over with the plain words the other readers took from inside them put
    back: "book out the [tasting] room for every Friday in [October]" (a type and a month inside
    an aim are the aim's words as well), "[partners] at law firms" (the people's head);
    unchanged when they cannot be found plainly in the message."""
    pieces = [p for p in _HOLE.split(left) if p]
    if not pieces or len(pieces) > _HOLES or len(message) > _ANSWER_CHARS:
        return left  # an answer has a hole or two; more is a pasted list (and costs backtracking)
    pattern = r"\s+" + _PLAIN_WORDS + r"\s+"
    wanted = [pattern.join(re.escape(p) for p in pieces)]
    if _OPEN_END.search(pieces[-1]):
        wanted.insert(0, wanted[0] + r"\s+" + _PLAIN_WORDS + r"(?=\s*(?:[,.;:!?)\n]|$))")
    if _OPEN_START.match(pieces[0]):
        # "[partners] at law firms with 10-50 lawyers": the head another reader took.
        wanted.insert(0, r"(?:^|(?<=[\s,;:]))[^\W\d_][\w'’-]*\s+" + wanted[0])
    for words in wanted:
        found = re.search(words, message) if words != re.escape(left) else None
        if found is not None:
            return found.group()
    return left


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*|\s+/\s+")


def _one_sentence_each(text: str, pending: Sequence[str]) -> tuple[FieldUpdate, ...]:
    """Two bare sentences, each plainly one of the two free-text fields asked, by the rules'
    words: "Potters in Stoke. More weekend workshop bookings." (what the clause tagger reads
    too once it is trained; this holds in a new installation's first minute)."""
    sentences = [s.strip(" .!?") for s in _SENTENCE_BREAK.split(text.strip())]
    if len(sentences) != 2 or not all(sentences):
        return ()
    fields = [
        reads_as(clean_start(s)) or ("target_audience" if names_people(s) else "")
        for s in sentences
    ]
    if len(set(fields)) != 2 or not all(f in pending and f != "name" for f in fields):
        return ()
    return tuple(FieldUpdate(f, s, s) for f, s in zip(fields, sentences, strict=True))


def _not_read(text: str, stated: Sequence[Candidate]) -> str:
    """The words left over without the free-text values the readers took from them already (one
    span fills one field): "Dog owners in Leeds. More puppy class bookings." with the audience
    read leaves the aim."""
    for candidate in stated:
        value = str(candidate.value)
        if candidate.field not in FREE_TEXT or not value:
            continue
        if text in value:
            return ""
        at = text.find(value)
        if at >= 0 and _LINKS_ON.search(text, 0, at):
            return ""  # "Q1 pipeline in [the DACH region]": the value ends a phrase, no clause
        text = text.replace(value, " ", 1)
    return text.strip(" \t\n.,;:!—–-")


# A word that joins what follows to the phrase before it: a value after it is part of that phrase.
_LINKS_ON = re.compile(
    r"\b(?:in|at|for|of|to|from|with|on|by|across|among|around|near)\s*$", re.IGNORECASE
)


# The fewest words a clause left beside other details needs to be an answer on its own.
_CLAUSE_WORDS = 2
# The most words of a scrap the details left ("max", "realistic?", "thanks!").
_SCRAP_WORDS = 1
_WORD = re.compile(r"[^\W_][\w'’-]*")


def _clause_left(text: str, pending: Sequence[str]) -> FieldUpdate | None:
    """The words left beside details the rules read, as the audience or objective asked for
    when they are one clause the clause tagger is sure is that field: "ops managers at UK 3PLs.
    launching May 14" answers "Who is it for?" with the people and gives the launch date."""
    tagged = clauses.tag(text)
    if tagged is None:
        # The tagger still training (a new installation's first minute): a plain aim or plain
        # people by the rules' words, as `answered_fields` does.
        field = reads_as(clean_start(text)) or ""
        plain = field in pending and field != "name" and len(text.split()) >= _CLAUSE_WORDS
        return FieldUpdate(field, text, text) if plain and reply_act(text) is None else None
    if len(tagged) > 1:
        # Scraps the details left behind ("realistic?", "max ✨" of "awareness in the new
        # neighbourhood — realistic? 25k CAD max") are no second clause: the one that says
        # something is the answer.
        said = _said(tagged)
        tagged = said if len(said) == 1 else tagged
        text = tagged[0].clause.text if len(tagged) == 1 else text
    if not tagged or len(tagged) != 1 or len(text.split()) < _CLAUSE_WORDS:
        return None
    field = clauses.FIELDS.get(tagged[0].role, "")
    if field not in pending or tagged[0].confidence < ANOTHER_FIELD:
        # "I think bigger crowds than last time, and it should speak to ...": an aim by its
        # words (`reads_as`), where the tagger is unsure of a clause it never saw.
        field = reads_as(text) or ""
    if field not in pending or field == "name":
        return None
    if tagged[0].clause.text.strip() != text or reply_act(text) is not None:
        return None
    if field == "target_audience" and not names_people(text):
        return None  # "for catering and drinks" beside the money: what it pays for
    return FieldUpdate(field, text, text)
