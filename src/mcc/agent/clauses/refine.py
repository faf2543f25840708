"""The clause tagger's say on the free-text fields of what the rules read.

The rules keep every exact value (amounts, dates, channels, quoted and labelled names) and
their evidence. The tagger only decides the name, the audience and the objective, and only
when it is confident: it fills one the rules did not find from a clause of that role that no
other value used (in a message where the rules read some value and that holds no reply, so
"right, yes please" fills nothing), and it takes a value away from a field when the clause the
value came from is, for the tagger, surely another free-text field (moved there) or a request,
a reply or an instruction (dropped: the assistant asks instead). A value is always a clause's
own words, a span of the message. The guardrails still veto replies, questions and commands
as values.
"""

from __future__ import annotations

from dataclasses import replace

from mcc.agent.clauses import FIELDS, Role, Tagged, tag
from mcc.agent.extraction import Candidate, Extraction
from mcc.agent.extraction.vocabulary import types_in

# A clause fills an empty field at this probability; a value moves or goes at SURE.
CONFIDENT = 0.8
SURE = 0.9
_NOT_A_VALUE = frozenset({Role.REQUEST, Role.REPLY, Role.INSTRUCTION})
# A name is a title, not a sentence: longer clauses are left to the rules.
_NAME_WORDS = 8
# The words of a clause in which a request names its campaign's kind.
_OPENING = 6
# A value the rules read is the clause itself when it covers this much of it.
_MOSTLY = 0.6


def _quoted(value: str, text: str) -> bool:
    """The user quoted it: exact by the rules, never second-guessed."""
    return any(f"{open_}{value}" in text for open_ in "\"'“‘«")


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
    if not tagged or len(tagged) < 2:
        return found  # one clause: the rules and the pending question read it
    values = _moved(found.values, tagged, text)
    replying = any(item.role is Role.REPLY and item.confidence >= CONFIDENT for item in tagged)
    if (values or found.channels) and not replying:
        _fill(values, found, tagged, text, pending)
    return found if values == found.values else replace(found, values=values)


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
        if item is None or item.confidence < SURE or item.role is role or _quoted(value, text):
            continue
        if len(value) < _MOSTLY * len(item.clause.text):
            continue  # a value inside a longer clause ("a webinar for CFOs"): the rules' reading
        other = FIELDS.get(item.role)
        if other is not None and other not in values:
            del values[field]
            values[other] = replace(candidate, field=other)
        elif item.role in _NOT_A_VALUE and (item.role is not Role.REQUEST or _names_a_kind(item)):
            del values[field]
    return values


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
            if item.role is role and item.confidence >= CONFIDENT and _free(item, used)
        ]
        if not choices:
            continue
        start, end = _span(tagged, -max(choices)[1], text)
        value = text[start:end]
        if role is Role.NAME and (len(value.split()) > _NAME_WORDS or pending[:1] == ("name",)):
            continue
        values[field] = Candidate(field, value, value)
        used.append(value)
