"""How the offline engine reads a message as a move in the conversation.

One `Reading` per turn: the dialogue act (the learned classifier in `mcc.agent.acts`, with the
exact rules of `mcc.agent.guardrails` on top), the campaign details found (the extraction API),
instructions pasted inside otherwise valid details (dropped, and named in the reply), whether the
user starts another campaign, and channel swaps ("swap linkedin for x") that need the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from mcc.agent import intents, prefetch
from mcc.agent.acts import REPLIES, Act, Context, Guess, classify, normal
from mcc.agent.answers import (
    ANSWER_WORDS,
    acknowledged_answer,
    answered_fields,
    without_title_words,
)
from mcc.agent.clauses.refine import apart, refine
from mcc.agent.extraction import Candidate, Extraction, extract
from mcc.agent.extraction.audience_lists import with_its_last_word, with_whole_lists
from mcc.agent.extraction.closings import without_check
from mcc.agent.extraction.described_type import with_described_type
from mcc.agent.extraction.dictation import with_spoken_marks
from mcc.agent.extraction.field_fixes import with_field_fix
from mcc.agent.extraction.fields import reads_as
from mcc.agent.extraction.leading_marks import (
    HEDGE,
    clean_start,
    without_leading_marks,
    without_reply_opening,
)
from mcc.agent.extraction.names import is_title
from mcc.agent.extraction.not_people import ONLY_THE_LIST, REQUESTER
from mcc.agent.extraction.objective_tail import with_target_tail, without_channel_tail
from mcc.agent.extraction.runs import readable
from mcc.agent.extraction.shifts import date_shift
from mcc.agent.extraction.vague import undecided_value
from mcc.agent.extraction.vocabulary import CHANNEL_PHRASES, channel_of, channels_in
from mcc.agent.guardrails import (
    FREE_TEXT,
    FieldUpdate,
    hostile_reason,
    is_cancel,
    is_explicit_yes,
    is_hold,
    is_negative,
    labelled,
    names_nothing,
    reply_act,
    split_instructions,
)
from mcc.agent.instructions import learned_instruction
from mcc.agent.span_tagger.fill import fill
from mcc.agent.span_tagger.objective_cut import counted_objective
from mcc.agent.weak_cancels import weak_cancel
from mcc.agent.yes_forms import reads_as_question

# A reply act is trusted without an exact rule only above this probability.
CONFIDENT = 0.6
# Fields that make a message a brief rather than a question or a remark.
BRIEF_FIELDS = 3
# Words that say "another campaign", as opposed to more details for the current one.
_FRESH = re.compile(
    r"\b(?:another\s+(?:one|(?:\w+\s+)?(?:campaign|email|webinar|event|launch|programme|program))"
    r"|a\s+second\s+(?:one|campaign)|second\s+(?:one|campaign)"
    r"|one\s+more|next\s+(?:up|one|campaign)|next\s*:|new\s+(?:one|campaign)\s*[:,—–-]"
    r"|(?:a\s+)?separate\s+(?:\w+\s+)?(?:one|campaign|webinar|event)"
    # "let's also run a webinar" is another campaign; "let's also run it on paid social" is this
    # one with another channel.
    r"|let'?s\s+also\s+(?:do|run|plan|set\s+up)"
    r"(?!\s+(?:it|this|that|them|the\s+same|on|in|via|through|across|over)\b)"
    r"|(?:fresh|brand[-\s]new)\s+(?:campaign|one)"
    # "And then this, for ...", "Then there's Juniper — ...", "there's also a webinar".
    r"|(?:^|(?<=[.!;]\s))(?:and\s+)?(?:then|also)\s+(?:this|there['’]?s)|there['’]?s\s+also"
    # A switch to another idea: "different idea: ...", "something else first", "Instead: ..."
    r"|(?:a\s+)?different\s+(?:idea|one|campaign|plan)|something\s+else"
    r"|(?:^|(?<=[.!;]\s))instead\s*[:,—–-])(?!\w)",
    re.IGNORECASE,
)
_SWAP = re.compile(
    r"\b(?:swap|switch|replace|exchange|change)\s+(?P<old>[\w\s-]{1,30}?)\s+(?:for|with|to)\s+"
    r"(?P<new>[\w\s-]{1,30}?)\s*(?:[.,;!]|$)"
    r"|\b(?:use\s+)?(?P<new2>[\w\s-]{1,30}?)\s+instead\s+of\s+(?P<old2>[\w\s-]{1,30}?)\s*(?:[.,;!]|$)",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_CANONICAL = frozenset(CHANNEL_PHRASES.values())
# What a message starting with "no"/"wait" still is when the classifier says so ("no idea").
_NOT_A_HOLD = frozenset({Act.HOLD, Act.DECLINE, Act.UNSURE, Act.QUESTION, Act.CHANGE})
# What a pause or an aside ("one sec, checking with my lead") may still be: a question about it.
_NOT_A_PAUSE = frozenset({Act.DECLINE, Act.UNSURE, Act.QUESTION, Act.CHANGE})


@dataclass(frozen=True)
class Reading:
    text: str  # the message read (without pasted instructions)
    act: Act
    confidence: float
    found: Extraction
    ignored: tuple[str, ...]  # pasted instructions dropped from the message
    hostile: str | None  # the refusal reason when the message is only a hostile request
    fresh: bool  # the user starts another campaign
    swap_out: tuple[FieldUpdate, ...]  # channels a swap removes
    swap_in: tuple[FieldUpdate, ...]  # channels a swap adds
    shift: int | None = None  # days a "push the launch by a week" moves the launch date
    asked: tuple[str, ...] = ()  # the fields it answers, the one its words answer first

    def plans_campaign(self) -> bool:
        """The user wants to plan a campaign ("we're doing a roadshow"), not to ask about one."""
        return (
            self.act is Act.NEW_CAMPAIGN
            and self.confidence >= CONFIDENT
            and not self.text.rstrip().endswith("?")
        )

    def is_brief(self) -> bool:
        """The message states a campaign's details (three fields or more): a brief to plan, even
        when a quoted line of a forwarded email ends with a question mark."""
        return len(self.found.values) + bool(self.found.channels) >= BRIEF_FIELDS

    def is_reply(self) -> bool:
        """A confident reply about the conversation (a yes, a hold, a question...)."""
        return self.act in REPLIES and self.confidence >= CONFIDENT


@lru_cache(maxsize=512)
def guess(text: str, context: Context | None = None) -> Guess:
    """The classifier's act for `text` as a reply in `context` (cached: the same text in the
    same context always gets the same act)."""
    return classify(text, context)


def _channel(words: str) -> tuple[str, str] | None:
    """The channel `words` name, with the words themselves as evidence."""
    words = words.strip()
    named = channels_in(words)
    if named:
        match, name = named[0]
        return name, match.phrase if match.phrase in words else words
    if channel_of(words) or words.lower() in _CANONICAL:
        return channel_of(words) or words.lower(), words
    return None


def swaps(message: str) -> tuple[tuple[FieldUpdate, ...], tuple[FieldUpdate, ...]]:
    """("swap linkedin for x") the channel removed and the channel added, when both are channels."""
    out: list[FieldUpdate] = []
    into: list[FieldUpdate] = []
    for match in _SWAP.finditer(message):
        old = _channel(match.group("old") or match.group("old2") or "")
        new = _channel(match.group("new") or match.group("new2") or "")
        if old and new and old[0] != new[0]:
            out.append(FieldUpdate("channels", old[0], old[1]))
            into.append(FieldUpdate("channels", new[0], new[1]))
    return tuple(out), tuple(into)


# The words of an order that moves the launch date.
_ORDER = re.compile(
    r"\b(?:launch|push|move|pull|bring|delay|postpone|shift|back|forward|later|earlier"
    r"|(?:a|one|two|\d+)\s+(?:days?|weeks?|months?))\b",
    re.IGNORECASE,
)


def read(
    message: str,
    *,
    today: date,
    pending: tuple[str, ...],
    flagship_keywords: tuple[str, ...],
    context: Context | None = None,
    open_fields: tuple[str, ...] = (),
) -> Reading:
    """`message` read as a move in the conversation; `context` is what the assistant just asked
    (a preview's "Shall I create it?", a missing field, or nothing after a creation), `pending`
    the fields it asked for and `open_fields` the free-text fields the draft still lacks (a
    bare answer may be one of them rather than the one asked: `answered_fields`)."""
    # A quoted reply's markers ("> budget £9k") are no part of what it says.
    text = without_check(_QUOTE_MARKS.sub("", with_spoken_marks(readable(message))).strip())
    if pending and "\n" not in text and len(text.split()) <= ANSWER_WORDS:
        # "that'd be cellar door managers in the Yarra Valley", "yeah harbour pilots": the
        # reply's opening is no part of the answer, which every reader then reads whole.
        text = without_reply_opening(text) or text
    pending = answered_fields(text, pending, open_fields)
    hostile = hostile_reason(text)
    ignored: tuple[str, ...] = ()
    # A sentence only the learned detector reads as an instruction is dropped the same way.
    learned = not hostile and learned_instruction(text)
    if learned and all(is_cancel(part) for part in split_instructions(text)[1]):
        # "actually forget that one. Different campaign: ..." drops the draft, a move of the
        # conversation the exact rules read: no instruction to the system, none to report.
        learned = False
    if hostile or learned:
        kept, ignored = split_instructions(text)
        found = extract(kept, today=today, pending=pending, flagship_keywords=flagship_keywords)
        # Details worth keeping: at least two of them, so a lone hostile request stays refused.
        if len(found.values) + len(found.channels) >= 2:
            text, hostile = kept, None
        else:
            ignored = ()
            if learned:  # nothing hostile to refuse: the message is read whole
                found = extract(
                    text, today=today, pending=pending, flagship_keywords=flagship_keywords
                )
    else:
        prefetch.start(text)  # the MiniLM runs below, begun on the second core
        found = extract(text, today=today, pending=pending, flagship_keywords=flagship_keywords)
    # The learned clause tagger's say on the free-text fields, then the span tagger's on those
    # still empty (none while they are still training); an explicit "wrong audience, it's X"
    # then has the last word. A value that is a reply, not a value, is dropped before the span
    # tagger looks ("ENT accounts in EMEA ... — that is who this is for": not "that is who this
    # is for", but the words it points back to), and again after.
    found = fill(_meant(refine(found, text, pending), text, pending[:1]), text, pending)
    found = apart(found, text, pending)
    found = without_leading_marks(_meant(with_field_fix(found, text), text, pending[:1]))
    found = with_its_last_word(with_whole_lists(found, text), text)
    found = with_target_tail(without_channel_tail(found, text), text)
    found = with_described_type(found, text, pending)
    found = without_title_words(found, text, pending)
    act = _act(text, found, context, answering=bool(pending), naming=pending[:1] == ("name",))
    swap_out, swap_in = swaps(text)
    fresh = bool(_FRESH.search(text))
    shift = date_shift(text) if "launch_date" not in found.values else None
    if shift is not None:
        # "actually move the launch out by a week" is an order, in no free-text field (the
        # clause tagger may take a verb of moving for an aim's).
        # A value made of the order's own words ("launch out by a week" of "actually move the
        # launch out by a week") is that order, not a field; other values stay ("..., and the
        # audience is nurses in Leeds").
        orderless = {
            f: c
            for f, c in found.values.items()
            if f not in FREE_TEXT or not _ORDER.search(str(c.value))
        }
        found = found if orderless == found.values else replace(found, values=orderless)
    return Reading(
        text,
        act.act,
        act.confidence,
        found,
        ignored,
        hostile,
        fresh,
        swap_out,
        swap_in,
        shift,
        pending,
    )


def _meant(found: Extraction, text: str, asked: tuple[str, ...] = ()) -> Extraction:
    """The extraction without free-text values that are replies, not values ("rename it before
    you do" is no name "before you do"): the guardrails would refuse them anyway, and without
    them the message is read for what it is (here, a change with no new value yet). The field
    just `asked` for is judged as the guardrails judge it (`check_grounded`): by the exact
    reply rules only."""
    kept = {
        name: _without_disowned(candidate)
        for name, candidate in found.values.items()
        if name not in FREE_TEXT
        or _meant_value(name, str(candidate.value), candidate.evidence, text, name in asked)
    }
    return found if kept == found.values else replace(found, values=kept)


# What a writer disowns after the value: "first orders from new buyers, not what I wrote",
# "CFOs, not CEOs" (the README's convention: a "not X" tail is no part of it).
_DISOWNED = re.compile(r"\s*[,;—–-]\s*(?:and\s+|but\s+)?not\s+[^,;.!?]{1,40}$", re.IGNORECASE)


def _without_disowned(candidate: Candidate) -> Candidate:
    if candidate.field not in {"target_audience", "objective"}:
        return candidate
    value = str(candidate.value)
    tail = _DISOWNED.search(value)
    return replace(candidate, value=value[: tail.start()]) if tail and tail.start() else candidate


# A value that opens with another field's label and its mark is that field's line.
_OTHER_LABEL = re.compile(
    r"(?:channels?|budget|spend|launch(?:\s+date)?|go[-\s]?live|start\s+date|type|format|name)"
    r"\s*[:=]",
    re.IGNORECASE,
)


_NAME_CUE_BEFORE = re.compile(
    r"\b(?:named|called|titled|dubbed|(?:the|its)\s+name(?:\s+is)?|call\s+it|name\s+it)"
    r"[ \t]*[:\-–—]?[ \t]*[\"“'‘]?$",
    re.IGNORECASE,
)


def _meant_value(field: str, value: str, evidence: str, text: str, answers: bool) -> bool:
    if names_nothing(value):
        return False
    if field == "target_audience" and (
        REQUESTER.fullmatch(value) or ONLY_THE_LIST.fullmatch(value)
    ):
        return False  # "for our team", "list": who asked, or where it is sent
    if field != "name" and _OTHER_LABEL.match(value):
        return False  # "Channels: just our customer" (email list): the channels' line
    at = text.find(evidence)
    before = text[max(0, at - 60) : at] if at >= 0 else ""
    if field != "name" and undecided_value(value, before):
        return False  # "objective: we'll work it out later" leaves the objective open
    counted = counted_objective(field, value)
    bare = normal(evidence) == normal(value) and not answers and not counted
    bare = bare and not labelled(evidence, (text,))
    # "the product launch named Wildflower": the word the name is given with says it is one.
    bare = bare and not (field == "name" and _NAME_CUE_BEFORE.search(before))
    return reply_act(value, (text,), learned=bare) is None


def _act(
    text: str,
    found: Extraction,
    context: Context | None,
    *,
    answering: bool,
    naming: bool = False,
) -> Guess:
    """The exact rules first (they decide creation and cancellation), then the classifier;
    `answering` when a field was just asked for, `naming` when that field is the name."""
    if not text:
        return Guess(Act.SMALLTALK, 1.0)
    if found.empty and is_explicit_yes(text):
        return Guess(Act.CONFIRM, 1.0)
    if is_cancel(text):
        return Guess(Act.CANCEL, 1.0)
    if found.empty and reads_as_question(normal(text)):  # "can a Director approve it", no "?"
        return Guess(Act.QUESTION, 1.0)
    learned = guess(text, context)
    if found.empty and is_negative(text) and learned.act not in _NOT_A_HOLD:
        return Guess(Act.HOLD, 1.0)
    if found.empty and is_hold(text) and learned.act not in _NOT_A_PAUSE:
        return Guess(Act.HOLD, 1.0)
    if learned.act is Act.CANCEL and (not found.empty or learned.confidence < CONFIDENT):
        # Dropping a draft takes a clear cancel: the exact rule above, or the classifier sure of
        # it with no detail in the message. A message that brings a value ("can we call it
        # 'X'?") is a change; a vague one keeps the draft and asks.
        return Guess(Act.HOLD if found.empty else Act.CHANGE, learned.confidence)
    if learned.act is Act.CANCEL and answering and weak_cancel(text, learned):
        # "What's the objective?" "clear the spare stock": the answer, not a cancel.
        return Guess(Act.DETAILS, learned.confidence)
    if learned.act is Act.STATUS and answering and not _asks_status(text):
        # "Who is it for?" "webinar no-shows": people named by an event, no status question
        # (none names a campaign to look up, nor says "status"): the answer, not a reply.
        return Guess(Act.DETAILS, learned.confidence)
    if learned.act is Act.HOLD and answering and not found.empty and not is_hold(text):
        # "Who is it for?" "mainly runners coming back from injury": a hedged answer that
        # brings the value, not a pause (the exact hold rule above found none).
        return Guess(Act.DETAILS, learned.confidence)
    if learned.act in _NOT_SURE and naming and _title_answer(text):
        # "What should it be called?" "Blank Canvas", "Open Door": a title the user typed, not
        # doubt, whatever its words resemble to the classifier ("blank", "open").
        return Guess(Act.DETAILS, learned.confidence)
    if learned.act in _NOT_SURE and answering and _hedged_value(text):
        # "What's the goal?" "I think bigger crowds than last time": how sure, then the value.
        return Guess(Act.DETAILS, learned.confidence)
    if learned.act is Act.CONFIRM and answering and acknowledged_answer(text) is not None:
        return Guess(Act.DETAILS, learned.confidence)  # "sure — CFOs in Ohio" answers
    if learned.act is Act.CONFIRM:
        # Only the exact rule makes a yes: a "confirm" it refused is a hesitant reply ("I guess
        # it looks ok?") or a change ("yes, but 45k"), never a creation.
        return Guess(Act.HOLD if found.empty else Act.CHANGE, learned.confidence)
    return learned


_NOT_SURE = frozenset({Act.UNSURE, Act.SMALLTALK, Act.HOLD})
_SAYS_MORE = re.compile(
    r"\b(?:would|will|should|could|can|know|knows|is|are|was|were|have|has)\b", re.IGNORECASE
)


def _title_answer(text: str) -> bool:
    """`text` is a title (`is_title`) that no exact reply rule reads as a reply ("Not Sure
    Yet" is doubt however it is typed)."""
    title = text.strip().rstrip(".!")
    return (
        is_title(title)
        and not intents.is_unsure(title)
        and reply_act(title, (text,), learned=False) is None
    )


def _hedged_value(text: str) -> bool:
    """`text` is a hedge, then words the rules read as a field's value and no doubt."""
    hedge = HEDGE.match(text.strip())
    rest = text.strip()[hedge.end() :] if hedge else ""
    if not rest or intents.is_unsure(rest) or _SAYS_MORE.search(rest):
        return False  # "I think the sales team would know that better": no value
    return reads_as(clean_start(rest)) is not None


def _asks_status(text: str) -> bool:
    """`text` has a status or list question's form ("status of X", "how's X going", "status?",
    "list campaigns")."""
    return (
        intents.status_reference(text) is not None
        or intents.is_bare_status(text)
        or intents.is_list(text)
    )
