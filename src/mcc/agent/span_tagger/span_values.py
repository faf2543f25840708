"""From a span the tagger proposes to a field's value: where the span really starts and ends
(cut before another field's words, a loose tail or the next clause; with its relative clause;
up to a bracket it leaves open), whether it ends a question, and the checks a value must pass
(a title for a name, a known kind for a type, no reply, no undecided words, a word of its own).
`mcc.agent.span_tagger.fill` decides which spans fill which fields.
"""

from __future__ import annotations

import re

from mcc.agent.campaign_kinds import ASKED
from mcc.agent.campaign_kinds.described import described_kind
from mcc.agent.clauses.refine import bare
from mcc.agent.extraction import Candidate
from mcc.agent.extraction.channels import ends_with_channel
from mcc.agent.extraction.names import is_title, without_trailing_mark
from mcc.agent.extraction.not_people import ONLY_THE_LIST
from mcc.agent.extraction.spans import only_label_words
from mcc.agent.extraction.type_families import kind_by_head
from mcc.agent.extraction.vague import undecided_value
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.guardrails import reply_act
from mcc.agent.span_tagger.corpus import DRAFT
from mcc.agent.span_tagger.objective_cut import (
    after_wanting,
    before_said_of_it,
    counted_objective,
    counted_on,
    deadline,
    objective_end,
    with_figure,
)

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

QUOTES = '"“”«»'

_EDGE_QUOTES = set(QUOTES + "'‘’")

# A span's loose end once a date or an amount is cut off it ("for CHROs on", "budget maybe",
# "with a [budget of 8k]"), or dictated punctuation ("for couples over sixty period"): read it
# with `loose_end`, which keeps a "period" the writer meant as a noun.
_LOOSE_END = re.compile(
    r"(?:\s+(?:on|for|at|in|by|from|to|with|and|plus|or|starting|budget|maybe|about|around|period"
    r"|an?|the|our|its|their|is|are|was|were"
    # "for CISOs promoted [via email]": how it is promoted is the channels', not the people's.
    r"|promoted|advertised|marketed|promoting|advertising))+"
    r"[\s,.;:]*$",
    re.IGNORECASE,
)

# "during the cooling-off period", "our busiest trading period": the noun, after a determiner
# and at most two words, not a voice note's dictated full stop.
_NOUN_PERIOD = re.compile(
    r"\b(?:the|a|an|this|that|our|their|its|each|every|any|same|whole)\s+(?:[\w'’-]+\s+){0,2}"
    r"period[\s,.;:]*$",
    re.IGNORECASE,
)


def loose_end(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The loose words that end `text[start:end]`, if any (`_LOOSE_END`)."""
    end = len(text) if end is None else end
    loose = _LOOSE_END.search(text, start, end)
    if loose is None or not loose.group().rstrip(" \t\n,.;:").lower().endswith("period"):
        return loose
    if _NOUN_PERIOD.search(text, start, end) is None:
        return loose
    # The noun stays; what came before it may still be loose ("... the trial period" has none).
    return None


# A preposition ending the clause, not left by a cut: a phrasal verb's ("log back in").
_PARTICLE = re.compile(r"\s+(?:on|for|at|in|by|from|to|with)", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[.,;!?)\n]|$)")

# The writer's next clause begun at a span's end: "developers who starred our repo [and what we]
# really want is ...".
_NEXT_CLAUSE_WORDS = (
    r"\s+(?:and|but|so|then)(?:\s+(?:what|how|why|where|when|that|all))?\s+(?:we|i|they)"
)

_NEXT_CLAUSE = re.compile(_NEXT_CLAUSE_WORDS + r"(?:'\w+)?[\s,.;:]*$", re.IGNORECASE)

# The "I" of "I think" / "I guess" left at a span's end, the verb after it.
_HEDGE_OPENS = re.compile(r"\s+(?-i:I)$")
_HEDGE_VERB = re.compile(r"\s+(?:think|guess|suppose|reckon|believe|imagine)\b", re.IGNORECASE)

NEXT_CLAUSE_OPENS = re.compile(_NEXT_CLAUSE_WORDS + r"\b", re.IGNORECASE)

# What separates the items of a one-line list: "name: X / type: Y | audience: Z".
_SEPARATORS = " /|\\•·"
# A "+" or "&" after a space that joined the next item ("50+" keeps its own).
_JOINING_MARK = re.compile(r"\s+[+&]$")

# The fields whose span may lose a tail that holds another field's words.
CUT_TAIL = ("audience", "objective")

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


def free_end(field: str, start: int, end: int, text: str, used: list[str]) -> int | None:
    """Where the span ends once words another field's value came from are cut off an
    audience's or objective's tail ("CHROs on [March 12]" -> "CHROs", "600 bookings, we have
    [$2,500]" -> "600 bookings"); None when such words are at its head or in the middle of an
    objective (an objective's amount: "raise [€1m]" is no budget-less "raise") or a quotation
    is in it (a quoted name is exact by the rules: "Deals for SMBs" holds no audience). Words
    are another field's only as whole words: the "0" of a "$0" budget is no part of "80%"."""
    if any(mark in text[start:end] for mark in QUOTES):
        return None
    before = text[:start].rstrip()
    if before.endswith(("(", "[")) and ends_with_channel(before[:-1]):
        return None  # "Email (owned list)": the bracket says how that channel runs
    cut = end
    for words in used:
        at = text.find(words) if words else -1
        while at >= 0:
            whole = not _inside_word(text, at) and not _inside_word(text, at + len(words))
            target = field == "objective" and (
                deadline(text, at)
                or (counted_on(text, at) and ends_with_channel(text[: at + len(words)]))
            )
            if whole and not target and at < end and start < at + len(words):
                if at <= start or field not in CUT_TAIL:
                    return None
                cut = min(cut, at)
            at = text.find(words, at + 1)
    if cut < end:
        # "gym owners / go live [next week]": items of a one-line list, the value is its own.
        listed = max(text.rfind(mark, start, cut) for mark in (" / ", " | "))
        cut = listed if listed > start else cut
    if cut < end and field == "objective":
        # The objective ends where its own clause does, before the words that lead into the
        # other field's ("..., we have [$2,500]"), and only as a measurable target.
        objective = objective_end(text, start, cut)
        if objective is None:
            return None
        cut = objective
    loose = loose_end(text, start, cut) or _NEXT_CLAUSE.search(text, start, cut)
    particle = loose and _PARTICLE.fullmatch(loose.group())
    if particle and cut == end and _CLAUSE_ENDS.match(text, end):
        loose = None  # "logging back [in].", "the jobs we quote [for], ...": the verb's own word
    end = loose.start() if loose else cut
    hedge = _HEDGE_OPENS.search(text, start, end)
    if hedge is not None and _HEDGE_VERB.match(text, hedge.end()):
        end = hedge.start()  # "... did not buy [I] think": the writer's hedge, not the people
    while end > start and (
        text[end - 1] in _SEPARATORS or (text[end - 1] in "+&" and text[end - 2 : end - 1] == " ")
    ):
        # "grow pipeline by 2 million /" of "objective: ... / budget: ...", "... release +" of
        # "objective ... + budget ...": the mark between items ("50+" keeps its own).
        end -= 1
    return end if end - start >= 2 else None


# A bare answer's last words after the tagger's span, to the end of the message: a word or three,
# letters only ("more ferry reservations [made online]", "500 pre-orders before [December]", "15%
# of them logging back [in]"), before a hedge at most ("... [December] I think").
_PLAIN_TAIL = re.compile(
    r"(?:[ \t]+[A-Za-z][\w'’-]*){1,3}?"
    r"(?=[ \t]*[.!]?[ \t]*$|[ \t]+(?-i:I)[ \t]+(?:think|guess|reckon|suppose)\b)"
)
# Words that start another clause or are the writer's remark, not more of the value.
_NOT_THE_VALUE = re.compile(
    r"\b(?:and|but|so|or|because|since|if|then|which|who|that|maybe|probably|perhaps|mostly"
    r"|basically|really|honestly|please|pls|thanks|thx|cheers|lol|tbh|ok|okay|i|we|you|they|it"
    r"|is|are|was|were|be|will|would|for\s+now|right|yet|too|again|etc)\b",
    re.IGNORECASE,
)


# A span that ends on a clause's mark: what follows is another clause.
_CLOSED = re.compile(r"[,;:.!?—–)][ \t]*$")


def with_plain_tail(text: str, end: int, used: list[str]) -> int:
    """Where a bare answer's span ends with the plain words that end the message (the tagger
    stops before a date or a channel word it learned belongs to another field; in a reply to the
    field asked for, they are the answer's own): none that another value was read from."""
    tail = _PLAIN_TAIL.match(text, end)
    if tail is None or _NOT_THE_VALUE.search(tail.group()) or _CLOSED.search(text, 0, end):
        return end
    if any(words and words in tail.group() for words in used):
        return end
    return tail.end()


def span_start(field: str, text: str, start: int, end: int, used: list[str]) -> int:
    """Where the span starts: an objective's with the figure just before it (unless another
    field's, e.g. the budget, took that figure)."""
    if field != "objective":
        return start
    counted = with_figure(text, start)
    return counted if free_end(field, counted, end, text, used) is not None else start


# An audience the tagger stopped at its relative pronoun ("ENT accounts in EMEA [that]"): the
# people are those the relative clause says, up to the clause's end.
RELATIVE_END = re.compile(r"\s(?:that|who|which|whose)$", re.IGNORECASE)

_RELATIVE_CLAUSE = re.compile(r"[^—–,.;:!?()\n]{3,80}?(?=\s*(?:[—–,.;:!?()\n]|\s-\s|$))")


def relative_end(field: str, text: str, start: int, end: int) -> int:
    """Where an audience ending at a relative pronoun ends: with its relative clause."""
    if field != "audience" or not RELATIVE_END.search(text, start, end):
        return end
    clause = _RELATIVE_CLAUSE.match(text, end)
    return clause.end() if clause else end


_RELATIVE_WORD = re.compile(r"\s(?:who|that|whose|which)\s", re.IGNORECASE)


def with_relative_clause(text: str, start: int, end: int, money: list[str]) -> int:
    """Where a bare answer's audience ends when the tagger stopped inside its relative clause
    ("those who attended [the webinar live]", "accounts that expired [in March]"): at the
    clause's end, unless an amount said there is the budget's."""
    if not _RELATIVE_WORD.search(text, start, end) or _CLOSED.search(text, start, end):
        return end
    clause = _RELATIVE_CLAUSE.match(text, end)
    if clause is None or any(words and words in clause.group() for words in money):
        return end
    rest = clause.group()
    if (
        not _PLAIN_RUN.fullmatch(rest)
        or len(rest.split()) > _RELATIVE_REST
        or _NOT_THE_VALUE.search(rest)
    ):
        return end  # "teenagers who skate [🛹 that's the crowd]": a remark, not their clause
    return clause.end()


_PLAIN_RUN = re.compile(r"[\s\w'’-]+")
_RELATIVE_REST = 7


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _inside_figure(text: str, at: int) -> bool:
    """`at` splits a figure from its sign: "% rise in footfall" of "a 30% rise in footfall"."""
    return 0 < at < len(text) and text[at - 1].isdigit() and text[at] in "%$€£¥₹kKmM"


def ends_question(text: str, end: int, field: str = "", start: int = 0) -> bool:
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


def span_value(field: str, text: str, start: int, end: int) -> Candidate | None:
    """The field's value from the span. The act classifier judges it even for the field just
    asked for: a span is the tagger's guess, not the user's answer ("fix that first" is no
    audience). A span that starts or ends inside a word is none ("operations leads at 3" of
    "3PLs": the tokens split a figure from its letters)."""
    if _inside_word(text, start) or _inside_word(text, end) or _inside_figure(text, start):
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
            described = described_kind(text, start, end, least=ASKED)
            if described is not None and is_title(described[1]):
                return None  # a title's words ("Meet the Makers") name the campaign
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
    words = _JOINING_MARK.sub("", words)  # "... bookings +" of "... bookings + budget 9k"
    if field == "name":
        words = without_trailing_mark(words)
    if words[-1:] in _EDGE_QUOTES or words[:1] in _EDGE_QUOTES:
        return None  # cut at a quotation: "people seeing '" of "people seeing 'Lantern Lab'"
    if _ABOUT_THE_FIELD.match(words) or _undecided(text, start, end) or only_label_words(words):
        return None
    learned = not counted_objective(draft, words)
    if not _CONTENT.search(words) or reply_act(words, (text,), learned=learned) is not None:
        return None
    if field == "audience" and ONLY_THE_LIST.fullmatch(words):
        return None  # "email to our list plus LinkedIn": where it is sent, not who they are
    return Candidate(draft, words, words)
