"""The span tagger's say: a free-text field (or the type) the rules left empty, from its span.

Only proposals, judged like every value: in a message the rules read some detail from (a
brief, not a lone reply), a field still empty gets the tagger's likeliest span for it when the
tagger is sure enough, the span holds no words another field already took, it does not end a
question, and the guardrails do not take it for a reply (a confirmation, question or command
is never a value). A name must look like a title (a capital or a figure, a few words); a type
must be one the vocabulary knows ("a booth at a trade show" is an event); an audience or an
objective loses the words that lead into it ("the goal is", "aimed at"). How a span becomes a
value (its edges and checks) is `mcc.agent.span_tagger.span_values`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent import span_tagger
from mcc.agent.acts import normal
from mcc.agent.extraction import Candidate, Extraction
from mcc.agent.extraction.lead_ins import introduced
from mcc.agent.extraction.leading_marks import clean_start
from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.span_tagger.corpus import DRAFT
from mcc.agent.span_tagger.name_span import trim_name
from mcc.agent.span_tagger.objective_cut import has_figure
from mcc.agent.span_tagger.span_values import (
    CUT_TAIL,
    NEXT_CLAUSE_OPENS,
    QUOTES,
    RELATIVE_END,
    ends_question,
    free_end,
    loose_end,
    relative_end,
    span_start,
    span_value,
    with_plain_tail,
    with_relative_clause,
)
from mcc.agent.span_tagger.targets import bare_target, closing_target, said_goal
from mcc.agent.yes_forms import reads_as_question

# How sure the tagger must be (the mean probability of the span's tokens), per field.
SURE = {"name": 0.8, "audience": 0.7, "objective": 0.7, "type": 0.7}
# The contextual tagger's, surer of objectives: at 0.7 it made "list size" of a question without
# its mark ("min list size for a standalone email send") an objective, and the question a brief.
SURE_CONTEXTUAL = {**SURE, "objective": 0.85}


def sure() -> dict[str, float]:
    """The thresholds of the tagger in charge."""
    return SURE if span_tagger.contextual.current() is None else SURE_CONTEXTUAL


# The rules' values that make a message a brief (a value the tagger then completes): a lone
# date is a change ("launch date should be May 17 — fix that first"), no audience after it.
_BRIEF = 2
_CERTAIN = 0.97
# The words before the tagger's span in a bare answer to the field asked for ("mainly ski" of
# "mainly ski instructors between seasons", of which the tagger took "instructors between
# seasons"): a word or two, letters only. The lead-in or hedge among them is cut off after.
_PLAIN_HEAD = re.compile(r"[ \t]*(?:[A-Za-z][\w'’-]*[ \t]+){1,2}")
# Unless they end in a word that joins them to what follows ("measured on", "endgame is",
# "so that", "reaching"; not "requests for"): a frame around the value the tagger saw, not a
# word of it.
_FRAMES = re.compile(
    r"(?:\b(?:is|are|was|were|be|on|at|to|that|when|if|as|like|than)|^[ \t]*[A-Za-z]+ing)[ \t]*$",
    re.IGNORECASE,
)
# How sure the contextual tagger must be to replace a value the rules read with other words
# (`_replace`). Once it read whole sequences (`TokenModel.decode`) and had seven written corpora
# behind it, its exact spans beat the rules' where both read one: on w24's messages (eighth,
# tuned on), 0.9 took objectives 457 -> 484 of 669 and audiences 487 -> 502 of 623 (0.7-0.9 the
# same within 2); read on messages written after it (w25's ninth, w26's tenth, not tuned on),
# objectives 583 -> 591 of 726 and 242 -> 251 of 404, audiences 575 -> 599 of 718 and 252 -> 261
# of 379, nothing spurious added. Before (greedy reading, three corpora) an objective never paid.
# A name at 0.95 gained 6 for none there, but cut the product names of the DEV conversations
# ("Juniper Desk" of "Juniper Desk Q4 Push"): the rules keep theirs.
REPLACE = {"audience": 0.9, "objective": 0.9}
# A colon right after a span: its last words are the next value's label, not more of this one.
_LABEL_NEXT = re.compile(r"[ \t]*[:=]")
# How sure of an objective the tagger must be to take a counted audience the rules read for it.
MOVE = 0.9
# How sure the tagger must be to lengthen a value the rules read, and what may lengthen it.
_LENGTHEN = 0.9
_PLAIN = re.compile(r"\s[A-Za-z][\w\s'’-]*")
# Words that start what follows an audience, not more of it: a reason, a speaker, a date.
_NOT_MORE = re.compile(
    r"\b(?:because|since|we|we'?re|i|i'?m|and|from|runs?|running|so|to|budget|starting|the\s+point"
    r"|on|via|next|this|last|january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\b",
    re.IGNORECASE,
)
# A value has a word of its own, not only articles and prepositions ("an" of "for an event").
_FREE_TEXT = ("name", "target_audience", "objective")


# The kind of campaign as the object of an aim ("more sign-ups for [the open evening]") or of what
# the people did ("those who attended [the webinar] live"): that event, not the campaign's type.
_AIMED_AT = re.compile(
    r"\b(?:for|at|to|from|of)\s+(?:the|our|this|a|an)?\s*$"
    r"|\b(?:who|that|whose)\s[^,.;:!?\n]{0,40}$",
    re.IGNORECASE,
)


def _aimed_at(text: str, words: str) -> bool:
    at = text.find(words)
    return at > 0 and _AIMED_AT.search(text, max(0, at - 48), at) is not None


def _lengthen(
    values: dict[str, Candidate],
    proposals: list[tuple[str, int, int, float]],
    text: str,
    used: list[str],
) -> None:
    """An audience or objective the rules cut short ("cyclists" of "cyclists passing Bridge
    Road") becomes the tagger's span when the tagger is surest of it, the span starts with the
    value and goes on with plain words only (no comma, no other field's label or figure)."""
    for field in ("audience", "objective"):
        candidate = values.get(DRAFT[field])
        if candidate is None or candidate.implied or any(m in text for m in QUOTES):
            continue
        value = str(candidate.value)
        for kind, start, end, confidence in proposals:
            words = text[start:end]
            more = words[len(value) :]
            if kind == field and confidence >= _LENGTHEN and words.startswith(value) and more:
                plain = _PLAIN.fullmatch(more) and not _NOT_MORE.search(more)
                free = free_end(field, start + len(value), end, text, used) == end
                if plain and free and not types_in(more) and not loose_end(words):
                    values[DRAFT[field]] = replace(candidate, value=words, evidence=words)
                break


def _replace(
    values: dict[str, Candidate],
    proposals: list[tuple[str, int, int, float]],
    text: str,
    used: list[str],
    reply_to: str = "",
) -> None:
    """A value the rules read becomes the contextual tagger's span for the field when the
    tagger is surest of other words (`REPLACE`), through the same checks as a value it fills.
    In a reply (`reply_to`: the field asked for), only that field, and never with words before
    the rules' value."""
    fields = {f: least for f, least in REPLACE.items() if not reply_to or DRAFT[f] == reply_to}
    for field, least in fields.items():
        candidate = values.get(DRAFT[field])
        choices = [(c, s, e) for kind, s, e, c in proposals if kind == field and c >= least]
        if candidate is None or candidate.implied or not choices:
            continue
        led_in = introduced(text, str(candidate.value))
        _, start, end = max(choices)
        own = {candidate.evidence, str(candidate.value)}
        free = free_end(field, start, end, text, [u for u in used if u not in own])
        if (
            free is None
            or ends_question(text, end)
            or free != free_end(field, start, end, text, [])
        ):
            # Only the tagger's span without another field's words replaces a value: cut by
            # them it is less than either ("40" of "get 40 partner-sourced opportunities" once
            # the type took "partner").
            continue
        replacement = span_value(field, text, start, free)
        if replacement is None or _shortens(str(candidate.value), str(replacement.value)):
            continue
        if _LABEL_NEXT.match(text, free):
            continue  # "..., and first day: 2037-12-13": its last words label the next value
        if reply_to and _starts_before(text, str(replacement.value), str(candidate.value)):
            continue  # in a reply, no words before the rules' value ("the idea is to get
            # inbound leads": the rules' "inbound leads", not the tagger's "get inbound leads")
        if reply_to and _apart(text, str(candidate.value), start, free):
            continue  # in a reply, other words altogether ("our crowd's locksmiths working
            # alone. oh and more inbound calls ..."): the next thing said, not a better cut
        remark = reply_to and _remark_after(str(candidate.value), str(replacement.value))
        if led_in and not remark:
            # "Audience (who we target): HR leaders in companies of 500 to 5000 staff": the
            # words after a label or lead-in are the user's value; but for a remark set off
            # after a reply's value ("we want more orders of the kit, simple as").
            continue
        if replacement.value != candidate.value:
            values[DRAFT[field]] = replacement
            used.append(replacement.evidence)


def _apart(text: str, value: str, start: int, end: int) -> bool:
    """The span `text[start:end]` shares no character with the rules' value in `text`."""
    at = text.find(value)
    return at >= 0 and (end <= at or start >= at + len(value))


def _starts_before(text: str, replacement: str, value: str) -> bool:
    """The replacement takes in words of `text` before the value."""
    at = text.find(value)
    return 0 <= text.find(replacement) < at


# A remark set off after the value: "[, simple as]", "[, realistically]", "[ (for now)]".
_SET_OFF = re.compile(r"\s*[,(—–]")


def _remark_after(value: str, replacement: str) -> bool:
    """The replacement is the value without a clause set off at its end."""
    return value.startswith(replacement) and bool(_SET_OFF.match(value, len(replacement)))


def _shortens(value: str, replacement: str) -> bool:
    """The tagger's span is the rules' value with words of the user's cut off, which it never
    replaces: inside a relative clause or a qualifier, the article ("a 12% rise in bookings"),
    the last noun, the head of a list of people ("bartenders and bar managers in X") or the noun
    a preposition belongs to ("[a bigger share] of bookings")."""
    return (
        _cuts_relative(value, replacement)
        or _ARTICLE.sub("", value, count=1) == replacement
        or _cuts_last_words(value, replacement)
        or _cuts_list_head(value, replacement)
        or _cuts_head_noun(value, replacement)
        or _cuts_exclusion(value, replacement)
    )


# Who is left out, after the people: "..., not the chains", "..., excluding Switzerland for now",
# "... but not agencies" narrow the audience; cut off, the campaign would reach them.
_EXCLUSION = re.compile(
    r"^[\s,;—–-]*(?:but\s+)?(?:not|excluding|except(?:\s+for)?|other\s+than|minus|no)\b",
    re.IGNORECASE,
)


def _cuts_exclusion(value: str, replacement: str) -> bool:
    return value.startswith(replacement) and bool(_EXCLUSION.match(value[len(replacement) :]))


_PREPOSITION_HEAD = re.compile(r"(?:of|for|from|with|in|on|at|by|over|to)\s", re.IGNORECASE)


def _cuts_head_noun(value: str, replacement: str) -> bool:
    """ "of direct bookings over agents" of "a bigger share of direct bookings over agents": the
    span starts at a preposition inside the value, without the noun it belongs to."""
    return (
        value.endswith(replacement)
        and value != replacement
        and bool(_PREPOSITION_HEAD.match(replacement))
        and not _PREPOSITION_HEAD.match(value)
    )


_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_COORDINATED = re.compile(r"\s(?:and|or|plus|&)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def _cuts_list_head(value: str, replacement: str) -> bool:
    """ "managers in Cape Town" of "bartenders and bar managers in Cape Town": the span starts
    after the "and" that joins the value's people (a word or two after it), not at its start."""
    if not value.endswith(replacement) or value == replacement:
        return False
    return bool(_COORDINATED.search(value[: -len(replacement)]))


_RELATIVE_WORD = re.compile(r"\b(?:who|whose|that|which)\b", re.IGNORECASE)
_QUALIFIER_WORDS = 2
# A word that can qualify people or a target ("churned"), unlike the lead-in words the rules
# left at a value's head: "[of] 400 virtual tickets sold", "[→] €15M in new agri loans", "[would
# be] 250 demo requests", "[like] a hundred leads".
_QUALIFIER = re.compile(
    r"\b(?!(?:of|with|would|be|being|is|was|are|were|will|like|um+|uh+|er+|erm|so|to|for|that"
    r"|which|just|about|around|roughly|basically)\b)[^\W\d_]{2,}",
    re.IGNORECASE,
)


_PREPOSITION_TAIL = re.compile(
    r"\s+(?:with|for|from|of|in|at|on|across|among|within|outside|near|around)\s+\S",
    re.IGNORECASE,
)


_TIME_WORD = re.compile(
    r"\b(?:q[1-4]|h[12]|20\d\d|week|month|quarter|year|spring|summer|autumn|fall|winter"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)


# One or two plain words the tagger left off a value's end ("sign-ups to the soil sensor
# [pilot]", "buyers of used electric [cars]"): the end of the user's noun, not another field
# (an -ing word goes on to what they do: "directors at housing associations [wanting] ...").
_LAST_WORDS = re.compile(
    r"\s+(?!(?:and|or|but|with|for|from|of|in|at|on|by|to|via|so|because|before|after|until"
    r"|this|next|please|pls|thanks|who|whose|that|which)\b)(?![\w'’-]+ing\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+)?[.!]?"
)
# Dictated punctuation the tagger rightly leaves off: "... new operators period".
_SPOKEN_MARK = re.compile(r"\b(?:period|full\s+stop|comma|colon|semicolon|dash|new\s+line)\b", re.I)


def _cuts_last_words(value: str, replacement: str) -> bool:
    if not value.startswith(replacement) or value == replacement:
        return False
    rest = value[len(replacement) :]
    # "the cooling-off [period]" is the noun (`loose_end` keeps it), not a dictated full stop.
    dictated = _SPOKEN_MARK.search(rest) is not None and loose_end(value) is not None
    plain = not (_TIME_WORD.search(rest) or dictated)
    return bool(_LAST_WORDS.fullmatch(rest)) and plain


def _cuts_relative(value: str, replacement: str) -> bool:
    """The replacement is the value cut inside its relative clause: "parents who registered" of
    "parents who registered for the open day but did not come" (not a run-on's cut: "..., goal
    40 demos", "associations wanting"), or without a word that qualifies the people: "customers
    from the last 12 months" of "churned customers from the last 12 months"."""
    if value.endswith(replacement) and value != replacement:
        head = value[: -len(replacement)]
        qualifies = _QUALIFIER.search(head) is not None
        return (
            qualifies
            and len(head.split()) <= _QUALIFIER_WORDS
            and not re.search(r"[,;:.!?()]", head)
        )
    tail = value[len(replacement) :]
    inside = value.startswith(replacement) and bool(_RELATIVE_WORD.search(replacement))
    if NEXT_CLAUSE_OPENS.match(tail):
        return False  # "developers who starred our repo [and what we really want is ...]"
    if value.startswith(replacement) and _PREPOSITION_TAIL.match(tail):
        # "demo requests [from law firms]", "HVAC contractors [with vans on the road]": the
        # words that say whose, of what or where; not a run-on of another clause, nor a time
        # the rules ran into ("... from the recording [in Q3 for plant]").
        return not re.search(r"[,;:.!?()]", tail) and not _TIME_WORD.search(tail)
    return inside and bool(tail.strip()) and not re.search(r"[,;:.!?()]", tail)


def _open_audience(values: dict[str, Candidate], text: str) -> tuple[Candidate, str, int] | None:
    """The audience read so far, its words and where they are in `text`, while no objective is:
    what the three checks below may split or move into the objective."""
    audience = values.get("target_audience")
    if audience is None or audience.implied or "objective" in values:
        return None
    value = str(audience.value)
    return audience, value, text.find(value)


def _unswallow(
    values: dict[str, Candidate],
    proposals: list[tuple[str, int, int, float]],
    text: str,
    least: float,
) -> None:
    """An audience the rules ran on into the target ("for bakery owners drive 900 trials") ends
    where the tagger's objective starts, when the tagger is sure of that objective, it counts
    something and it is the audience's tail: the objective is then those words."""
    read = _open_audience(values, text)
    if read is None:
        return
    audience, value, at = read
    for kind, start, end, confidence in sorted(proposals, key=lambda p: -p[3]):
        if kind != "objective" or confidence < least or at < 0:
            continue
        inside = at < start and end == at + len(value)
        kept = text[at:start]
        loose = loose_end(kept)
        kept = (kept[: loose.start()] if loose else kept).rstrip(" ,;:-—–")
        if inside and has_figure(text[start:end]) and len(kept.split()) >= 1:
            objective = span_value("objective", text, start, end)
            if objective is not None:
                values["target_audience"] = replace(audience, value=kept, evidence=kept)
                values["objective"] = objective
            return


_RESULT_TAIL = re.compile(
    r"\s+(?P<target>(?:drive|drives|generate|generates|bring|brings|win|wins|book|books|hit"
    r"|reach|deliver|delivers)\s+(?:us\s+|in\s+)?[+~$€£₹]?\d[\d,.]*\s*[kKmM%]?\s+\S.*)$",
    re.IGNORECASE,
)


def _result_tail(values: dict[str, Candidate], text: str) -> None:
    """Without the tagger's objective (the lexical tagger may give none): a verb of results and
    a count at the audience's tail are the target ("indie game developers drive 400 Discord
    sign-ups"), unless a relative clause says what the people do ("retailers that sell 1,000")."""
    read = _open_audience(values, text)
    if read is None:
        return
    audience, value, at = read
    tail = _RESULT_TAIL.search(value)
    if tail is None or at < 0 or RELATIVE_END.search(value[: tail.start()]):
        return
    objective = span_value("objective", text, at + tail.start("target"), at + len(value))
    kept = value[: tail.start()].rstrip(" ,;:-—–")
    if objective is not None and kept:
        values["target_audience"] = replace(audience, value=kept, evidence=kept)
        values["objective"] = objective


def _counted_audience(
    values: dict[str, Candidate], proposals: list[tuple[str, int, int, float]], text: str
) -> None:
    """An audience the rules read that counts a target ("6,000 new accounts", "800 sign-ups to
    the invoicing tool") is the objective when the tagger is sure (`MOVE`) those very words are:
    the audience is then left to the tagger's other words, or asked for."""
    read = _open_audience(values, text)
    if read is None:
        return
    _, value, at = read
    if at < 0 or not has_figure(value) or introduced(text, value):
        return
    for kind, start, end, confidence in proposals:
        if kind == "objective" and confidence >= MOVE and start <= at and at + len(value) <= end:
            objective = span_value("objective", text, start, end)
            if objective is not None:
                values["objective"] = objective
                del values["target_audience"]
            return


def _free_text(values: dict[str, Candidate]) -> set[str]:
    """The words of the audience and objective (which a lengthened value may hold)."""
    return {
        str(c.value) if kind else c.evidence
        for name, c in values.items()
        if name in ("target_audience", "objective")
        for kind in (True, False)
    }


def _brief(
    found: Extraction, proposals: list[tuple[str, int, int, float]], thresholds: dict[str, float]
) -> bool:
    """The message states campaign details (`_BRIEF` of them), read by the rules or, for a field
    the rules left empty, by the tagger sure of it ("Lunchtime talks for finance staff, drive
    uptake of e-invoicing": an audience the rules read, a type and an objective they did not)."""
    stated_count = found.details  # "Budget = $26K" is one detail, not a budget and a currency
    tagged = {
        DRAFT[field]
        for field, _, _, confidence in proposals
        if confidence >= thresholds[field] and DRAFT[field] not in found.values
    }
    # One detail of the rules' own and one guess of the tagger's make no brief: a change of one
    # field next to a remark ("almost: finance cut it to 7 thousand dollars"); unless the
    # tagger is all but certain of it ('the name — "X", and the point is fewer no-shows').
    certain = any(
        confidence >= _CERTAIN and DRAFT[field] not in found.values
        for field, _, _, confidence in proposals
    )
    return stated_count >= _BRIEF or (stated_count >= 1 and (len(tagged) >= _BRIEF or certain))


def _used(values: dict[str, Candidate], found: Extraction) -> list[str]:
    """The words the values came from. A free-text value may differ from its evidence
    (lengthened); the others' values are not the user's words (the type's kind "partner" is no
    part of "partner-sourced pipeline"). An implied value's words are not used up: "our top 50
    accounts" imply ABM and still say who the campaign is for ("buying committees at ...")."""
    used = [c.evidence for c in values.values() if not c.implied]
    used += [c.evidence for c in found.channels]
    return used + [str(c.value) for name, c in values.items() if name in _FREE_TEXT]


def _closing_objective(
    values: dict[str, Candidate], text: str, used: list[str], channels: list[str]
) -> None:
    """The objective a brief gives as an item of its list: one it says is the goal ("(40 new
    trade accounts is the target)", `said_goal`), the one that counts something (`bare_target`)
    or, once the people and the money or the date are read, the
    one item after them that no field took (`closing_target`)."""
    target = said_goal(text, used) or bare_target(text, used)
    dated_or_costed = "budget" in values or "launch_date" in values
    if target is None and "target_audience" in values and dated_or_costed:
        own = [u for u in used if u not in channels]
        target = closing_target(text, own, channels)
    if target is not None and (candidate := span_value("objective", text, *target)) is not None:
        values["objective"] = candidate


def fill(found: Extraction, text: str, pending: tuple[str, ...] = ()) -> Extraction:
    """`found` with its empty free-text fields and type filled from the tagger's spans: in a
    brief, any of them; in a reply, only the field the assistant asked for."""
    stated = found.details
    if reads_as_question(normal(text)) and stated < _BRIEF:
        # A question without its "?" ("how early should invites for an in-person event be sent");
        # one that brings details of its own is a brief put as a question ("Could a podcast ad
        # run for bakery owners drive 900 trials? Budget $14k, from 3 May").
        return found
    asked = pending[0] if pending else ""
    # Without the tagger (not trained yet, or no span) the rules' own list reading still runs.
    proposals = span_tagger.spans(text, asked) or []
    # No brief: a reply, a change or a bare answer, which others read, but for the field just
    # asked for ("What's the objective?" -> "Sign 12 new reseller partners"), which the
    # tagger learned from replies to that question.
    thresholds = sure()
    brief = _brief(found, proposals, thresholds)
    open_fields = DRAFT if brief else {f: d for f, d in DRAFT.items() if d == asked}
    values = dict(found.values)
    if brief:
        _unswallow(values, proposals, text, thresholds["objective"])
        _counted_audience(values, proposals, text)
    used = _used(values, found)
    if brief:
        _lengthen(values, proposals, text, [u for u in used if u not in _free_text(values)])
    if span_tagger.contextual.current() is not None and (brief or asked):
        _replace(values, proposals, text, used, "" if brief else asked)
        trim_name(values, proposals, text)
    channel_words = {c.evidence for c in found.channels}
    kind = found.values.get("type")
    money = [c.evidence for f, c in found.values.items() if f == "budget"]
    type_words = {kind.evidence, str(kind.value)} if kind is not None else set()
    for field, draft in open_fields.items():
        if draft in values:
            continue
        # A type may hold a channel's words: "email" of "an email nurture" names both. The
        # type's words may be what a bare answer's aim is about ("bookings for the autumn [open
        # days]"), or a brief's after a preposition ("more sign-ups for [the open evening]").
        taken = [u for u in used if u not in channel_words] if field == "type" else used
        if field in CUT_TAIL and type_words:
            taken = [u for u in taken if u not in type_words or (brief and not _aimed_at(text, u))]
        choices = [
            (confidence, start, free)
            for kind, at, end, confidence in proposals
            if kind == field
            and confidence >= thresholds[field]
            and (start := span_start(field, text, at, end, taken)) >= 0
            and (free := free_end(field, start, relative_end(field, text, at, end), text, taken))
            is not None
            and not ends_question(text, end, field, start)
        ]
        if not choices:
            continue
        _, start, end = max(choices)
        plain_head = _PLAIN_HEAD.fullmatch(text, 0, start) and not _FRAMES.search(text, 0, start)
        if not brief and field in CUT_TAIL and plain_head:
            start = 0  # a bare answer's plain words before the span are the answer's own
        if not brief and field == "audience":
            end = with_relative_clause(text, start, end, money)
        if not brief and field in CUT_TAIL:
            end = with_plain_tail(text, end, used)
        candidate = span_value(field, text, start, end)
        if candidate is not None and field == "audience" and stated >= _BRIEF:
            # Beside details the rules read, the tagger's audience must name people: "for our
            # kids' smartwatch", "£9,500 for venue and food" say what the campaign or money is
            # for. (With one detail of the rules', the tagger's guesses are what make it a brief:
            # "We're planning a supper club at our shop. Please file it as 'X'" still starts one.)
            candidate = candidate if names_people(str(candidate.value)) else None
        elif candidate is not None and field == "audience" and not brief and start > 0:
            # In a reply, a span after other words ("Q1 pipeline in [the DACH region]") is the
            # audience only when it names people: there, a place ends the aim's phrase.
            before = clean_start(text[:start]).strip()
            candidate = candidate if not before or names_people(str(candidate.value)) else None
        if candidate is not None:
            values[draft] = candidate
            used.append(candidate.evidence)
    if brief:
        _result_tail(values, text)
    guessed = values.get("objective")
    if brief and guessed is not None and "objective" not in found.values:
        # The tagger's objective inside the brief's closing item ("[takings up]" of "the bar
        # takings up on a normal weekend"): the item, as the rules' list reading gives it.
        del values["objective"]
        rest = [u for u in used if u not in {guessed.evidence, str(guessed.value)}]
        _closing_objective(values, text, rest, list(channel_words))
        widened = values.get("objective")
        if widened is None or str(guessed.value) not in str(widened.value):
            values["objective"] = guessed
    if brief and "objective" not in values:
        _closing_objective(values, text, used, list(channel_words))
    return found if values == found.values else replace(found, values=values)
