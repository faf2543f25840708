"""The span tagger's say: a free-text field (or the type) the rules left empty, from its span.

Only proposals, judged like every value: in a message the rules read some detail from (a
brief, not a lone reply), a field still empty gets the tagger's likeliest span for it when the
tagger is sure enough, the span holds no words another field already took, it does not end a
question, and the guardrails do not take it for a reply (a confirmation, question or command
is never a value). A name must look like a title (a capital or a figure, a few words); a type
must be one the vocabulary knows ("a booth at a trade show" is an event); an audience or an
objective loses the words that lead into it ("the goal is", "aimed at").
"""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent import span_tagger
from mcc.agent.acts import normal
from mcc.agent.acts.kinds import described_kind
from mcc.agent.clauses.refine import bare
from mcc.agent.extraction import Candidate, Extraction
from mcc.agent.extraction.channels import ends_with_channel
from mcc.agent.extraction.lead_ins import introduced
from mcc.agent.extraction.type_families import kind_by_head
from mcc.agent.extraction.vague import undecided_value
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.guardrails import reply_act
from mcc.agent.span_tagger.corpus import DRAFT
from mcc.agent.span_tagger.objective_cut import (
    after_wanting,
    before_said_of_it,
    counted_objective,
    deadline,
    has_figure,
    objective_end,
    with_figure,
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


# A yes/no question that asks whether a campaign can reach a target: its sentence opens with a
# modal ("can it get us", "could a webinar for bursars drive", "any chance a mailer brings").
_CAN_IT = re.compile(
    r"[\s\W]*(?:(?:so|and|but|also|ok|okay|hi|hey)\W+)?"
    r"(?:can|could|would|will|might|any\s+chance|how\s+about|do\s+you\s+(?:think|reckon)"
    r"|is\s+it\s+(?:possible|realistic|doable|feasible))\b",
    re.IGNORECASE,
)
# Or it asks whether the target itself is within reach: "is 800 eye tests doable?", "Is 100
# trial sign-ups realistic from a Product Hunt launch?".
_IS_BEFORE = re.compile(r"\b(?:is|are)\s+$", re.IGNORECASE)
_JUDGED = re.compile(
    r"\s+(?:doable|do-able|realistic|achievable|feasible|possible|attainable|reachable"
    r"|within\s+reach|a\s+realistic\s+(?:target|goal|number))\b",
    re.IGNORECASE,
)
_NAME_WORDS = 8
_QUOTES = '"“”«»'
_EDGE_QUOTES = set(_QUOTES + "'‘’")
# The rules' values that make a message a brief (a value the tagger then completes): a lone
# date is a change ("launch date should be May 17 — fix that first"), no audience after it.
_BRIEF = 2
_CERTAIN = 0.97
# A span's loose end once a date or an amount is cut off it ("for CHROs on", "budget maybe",
# "with a [budget of 8k]"), or dictated punctuation ("for couples over sixty period").
_LOOSE_END = re.compile(
    r"(?:\s+(?:on|for|at|in|by|from|to|with|and|starting|budget|maybe|about|around|period"
    r"|an?|the|our|its|their|is|are|was|were"
    # "for CISOs promoted [via email]": how it is promoted is the channels', not the people's.
    r"|promoted|advertised|marketed|promoting|advertising))+"
    r"[\s,.;:]*$",
    re.IGNORECASE,
)
# The writer's next clause begun at a span's end: "developers who starred our repo [and what we]
# really want is ...".
_NEXT_CLAUSE_WORDS = (
    r"\s+(?:and|but|so|then)(?:\s+(?:what|how|why|where|when|that|all))?\s+(?:we|i|they)"
)
_NEXT_CLAUSE = re.compile(_NEXT_CLAUSE_WORDS + r"(?:'\w+)?[\s,.;:]*$", re.IGNORECASE)
_NEXT_CLAUSE_OPENS = re.compile(_NEXT_CLAUSE_WORDS + r"\b", re.IGNORECASE)
# What separates the items of a one-line list: "name: X / type: Y | audience: Z".
_SEPARATORS = " /|\\•·"
# The words before the tagger's span in a bare answer to the field asked for ("mainly ski" of
# "mainly ski instructors between seasons", of which the tagger took "instructors between
# seasons"): a word or two, letters only. The lead-in or hedge among them is cut off after.
_PLAIN_HEAD = re.compile(r"[ \t]*(?:[A-Za-z][\w'’-]*[ \t]+){1,2}")
# The fields whose span may lose a tail that holds another field's words.
_CUT_TAIL = ("audience", "objective")
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
_CONTENT = re.compile(
    r"\b(?!(?:an?|the|for|of|to|in|on|at|by|with|and|or|our|its|their|this|that)\b)\w{2,}",
    re.IGNORECASE,
)
# Words about a field, not its value: "no idea [who the audience] should be yet".
_ABOUT_THE_FIELD = re.compile(
    r"(?:who|what|which|how|where|when|why|whom)\s+(?:the|our|its|their|this|that)\s+"
    r"(?:audience|objective|goal|target|name|budget|type|aim|kpi)\b",
    re.IGNORECASE,
)
# A greeting is no name ("Dear Marketing", "Hi team").
_GREETING = re.compile(r"^(?:dear|hi|hello|hey|good\s+(?:morning|afternoon))\b", re.IGNORECASE)


def _free(field: str, start: int, end: int, text: str, used: list[str]) -> int | None:
    """Where the span ends once words another field's value came from are cut off an
    audience's or objective's tail ("CHROs on [March 12]" -> "CHROs", "600 bookings, we have
    [$2,500]" -> "600 bookings"); None when such words are at its head or in the middle of an
    objective (an objective's amount: "raise [€1m]" is no budget-less "raise") or a quotation
    is in it (a quoted name is exact by the rules: "Deals for SMBs" holds no audience). Words
    are another field's only as whole words: the "0" of a "$0" budget is no part of "80%"."""
    if any(mark in text[start:end] for mark in _QUOTES):
        return None
    before = text[:start].rstrip()
    if before.endswith(("(", "[")) and ends_with_channel(before[:-1]):
        return None  # "Email (owned list)": the bracket says how that channel runs
    cut = end
    for words in used:
        at = text.find(words) if words else -1
        while at >= 0:
            whole = not _inside_word(text, at) and not _inside_word(text, at + len(words))
            target = field == "objective" and deadline(text, at)
            if whole and not target and at < end and start < at + len(words):
                if at <= start or field not in _CUT_TAIL:
                    return None
                cut = min(cut, at)
            at = text.find(words, at + 1)
    if cut < end and field == "objective":
        # The objective ends where its own clause does, before the words that lead into the
        # other field's ("..., we have [$2,500]"), and only as a measurable target.
        objective = objective_end(text, start, cut)
        if objective is None:
            return None
        cut = objective
    loose = _LOOSE_END.search(text, start, cut) or _NEXT_CLAUSE.search(text, start, cut)
    end = loose.start() if loose else cut
    while end > start and text[end - 1] in _SEPARATORS:
        end -= 1  # "grow pipeline by 2 million /" of "objective: ... / budget: ..."
    return end if end - start >= 2 else None


def _start(field: str, text: str, start: int, end: int, used: list[str]) -> int:
    """Where the span starts: an objective's with the figure just before it (unless another
    field's, e.g. the budget, took that figure)."""
    if field != "objective":
        return start
    counted = with_figure(text, start)
    return counted if _free(field, counted, end, text, used) is not None else start


# An audience the tagger stopped at its relative pronoun ("ENT accounts in EMEA [that]"): the
# people are those the relative clause says, up to the clause's end.
_RELATIVE_END = re.compile(r"\s(?:that|who|which|whose)$", re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r"[^—–,.;:!?()\n]{3,80}?(?=\s*(?:[—–,.;:!?()\n]|\s-\s|$))")


def _relative(field: str, text: str, start: int, end: int) -> int:
    """Where an audience ending at a relative pronoun ends: with its relative clause."""
    if field != "audience" or not _RELATIVE_END.search(text, start, end):
        return end
    clause = _RELATIVE_CLAUSE.match(text, end)
    return clause.end() if clause else end


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _asked(text: str, end: int, field: str = "", start: int = 0) -> bool:
    """The span ends a question ("can it be for CFOs?"): never a value. But an objective in a
    brief may be put as whether the campaign can reach it ("can it get us 200 signups?", "Can we
    do a summit for CX leaders to generate S$500k pipeline?"): a yes/no question opening with a
    modal asks for the campaign, and its target is the goal (a wh-question never is), as is a
    target the question asks is within reach."""
    rest = text[end:]
    stop = min((i for i in (rest.find(c) for c in ".!\n,;") if i >= 0), default=len(rest))
    if "?" not in rest[: stop + 1]:
        return False
    if field != "objective":
        return True
    if _IS_BEFORE.search(text, max(0, start - 8), start) and _JUDGED.match(text, end):
        return False  # "is 800 eye tests doable?": whether the target can be reached
    sentence = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    clause = max(sentence - 1, *(text.rfind(c, 0, start) for c in ",;:—–")) + 1
    return not any(_CAN_IT.match(text, at) for at in {sentence, clause})


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span up to a bracket it opens and does not close: "CISOs in financial services
    (retention of at-risk ENT accounts" runs an audience into the aside that follows it, the
    objective's, whatever the tagger's boundary."""
    depth, opened = 0, end
    for at in range(start, end):
        if text[at] in "([":
            opened = at if depth == 0 else opened
            depth += 1
        elif text[at] in ")]" and depth:
            depth -= 1
    return (start, opened) if depth and opened > start else (start, end)


# The words a span may have lost at its head that say the value is undecided ("[not] sure yet").
_HEAD_WORDS = re.compile(r"(?:[\w'’]+[ \t]+){1,2}$")


def _undecided(text: str, start: int, end: int) -> bool:
    """The span says its value is not decided, alone or with the word or two before it on its
    line ("Audience: not sure yet, TBD", of which the tagger may take "sure yet")."""
    head = _HEAD_WORDS.search(text, max(0, start - 30), start)
    opening = head.start() if head else start
    return undecided_value(text[start:end]) or undecided_value(text[opening:end])


def _value(field: str, text: str, start: int, end: int) -> Candidate | None:
    """The field's value from the span. The act classifier judges it even for the field just
    asked for: a span is the tagger's guess, not the user's answer ("fix that first" is no
    audience). A span that starts or ends inside a word is none ("operations leads at 3" of
    "3PLs": the tokens split a figure from its letters)."""
    if _inside_word(text, start) or _inside_word(text, end):
        return None
    draft = DRAFT[field]
    if field == "type":
        kinds = types_in(text[start:end])
        if not kinds:
            # A kind the vocabulary does not list, known by its last word ("a tapas crawl").
            head = kind_by_head(text[start:end])
            if head is not None:
                return Candidate(draft, head.value, text[start:end].strip())
            # Or by what the words and the rest of their phrase mean ("a joint offer with
            # our biggest reseller").
            described = described_kind(text, start, end)
            return None if described is None else Candidate(draft, described[0].value, described[1])
        match, kind = kinds[0]
        return Candidate(draft, kind.value, match.phrase)
    if field == "name":
        words = text[start:end]
        labels = text[end : end + 2].strip().startswith(":")  # "Subject: ..." labels what follows
        titled = any(c.isupper() or c.isdigit() for c in words)
        if len(words.split()) > _NAME_WORDS or not titled or labels or _GREETING.match(words):
            return None
    else:
        start, end = bare(text, *_balanced(text, start, end))
        if field == "objective":
            start = after_wanting(text, start, end)
            end = before_said_of_it(text, start, end)
    # A clause's comma is no part of the value ("members outside the UK who can't travel[,]").
    words = text[start:end].strip().rstrip(",;:").rstrip()
    if words[-1:] in _EDGE_QUOTES or words[:1] in _EDGE_QUOTES:
        return None  # cut at a quotation: "people seeing '" of "people seeing 'Lantern Lab'"
    if _ABOUT_THE_FIELD.match(words) or _undecided(text, start, end):
        return None
    learned = not counted_objective(draft, words)
    if not _CONTENT.search(words) or reply_act(words, (text,), learned=learned) is not None:
        return None
    return Candidate(draft, words, words)


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
        if candidate is None or candidate.implied or any(m in text for m in _QUOTES):
            continue
        value = str(candidate.value)
        for kind, start, end, confidence in proposals:
            words = text[start:end]
            more = words[len(value) :]
            if kind == field and confidence >= _LENGTHEN and words.startswith(value) and more:
                plain = _PLAIN.fullmatch(more) and not _NOT_MORE.search(more)
                free = _free(field, start + len(value), end, text, used) == end
                if plain and free and not types_in(more) and not _LOOSE_END.search(words):
                    values[DRAFT[field]] = replace(candidate, value=words, evidence=words)
                break


def _replace(
    values: dict[str, Candidate],
    proposals: list[tuple[str, int, int, float]],
    text: str,
    used: list[str],
) -> None:
    """A value the rules read becomes the contextual tagger's span for the field when the
    tagger is surest of other words (`REPLACE`), through the same checks as a value it fills."""
    for field, least in REPLACE.items():
        candidate = values.get(DRAFT[field])
        choices = [(c, s, e) for kind, s, e, c in proposals if kind == field and c >= least]
        if candidate is None or candidate.implied or not choices:
            continue
        if introduced(text, str(candidate.value)):
            continue  # "Audience (who we target): HR leaders in companies of 500 to 5000 staff"
        _, start, end = max(choices)
        own = {candidate.evidence, str(candidate.value)}
        free = _free(field, start, end, text, [u for u in used if u not in own])
        if free is None or _asked(text, end) or free != _free(field, start, end, text, []):
            # Only the tagger's span without another field's words replaces a value: cut by
            # them it is less than either ("40" of "get 40 partner-sourced opportunities" once
            # the type took "partner").
            continue
        replacement = _value(field, text, start, free)
        if replacement is None or _cuts_relative(str(candidate.value), str(replacement.value)):
            continue
        if replacement.value != candidate.value:
            values[DRAFT[field]] = replacement
            used.append(replacement.evidence)


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
    if _NEXT_CLAUSE_OPENS.match(tail):
        return False  # "developers who starred our repo [and what we really want is ...]"
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
        loose = _LOOSE_END.search(kept)
        kept = (kept[: loose.start()] if loose else kept).rstrip(" ,;:-—–")
        if inside and has_figure(text[start:end]) and len(kept.split()) >= 1:
            objective = _value("objective", text, start, end)
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
    if tail is None or at < 0 or _RELATIVE_END.search(value[: tail.start()]):
        return
    objective = _value("objective", text, at + tail.start("target"), at + len(value))
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
            objective = _value("objective", text, start, end)
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
    if target is not None and (candidate := _value("objective", text, *target)) is not None:
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
        if span_tagger.contextual.current() is not None:
            _replace(values, proposals, text, used)
    channel_words = {c.evidence for c in found.channels}
    for field, draft in open_fields.items():
        if draft in values:
            continue
        # A type may hold a channel's words: "email" of "an email nurture" names both.
        taken = [u for u in used if u not in channel_words] if field == "type" else used
        choices = [
            (confidence, start, free)
            for kind, at, end, confidence in proposals
            if kind == field
            and confidence >= thresholds[field]
            and (start := _start(field, text, at, end, taken)) >= 0
            and (free := _free(field, start, _relative(field, text, at, end), text, taken))
            is not None
            and not _asked(text, end, field, start)
        ]
        if not choices:
            continue
        _, start, end = max(choices)
        if not brief and field in _CUT_TAIL and _PLAIN_HEAD.fullmatch(text, 0, start):
            start = 0  # a bare answer's plain words before the span are the answer's own
        candidate = _value(field, text, start, end)
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
