"""The rules both engines pass through, as code rather than prompt text.

- A value enters a draft only with evidence: words that appear in the user's own messages, from
  which the value follows (`check_grounded`). A model that paraphrases, embellishes or invents is
  refused with the reason, and nothing changes.
- A campaign is created only when the user's message is an explicit yes, to a preview shown in
  an earlier turn, of exactly the draft and plan that would be created (`confirmation_gate`). A
  change after the preview needs a new preview and a new yes; after a cancel, or once created,
  a yes confirms nothing.
- A reply (a yes, a no, a question, a hold, a cancel, a command) never fills a name, audience or
  objective (`reply_act`, with the exact yes/cancel/hold rules, in `mcc.agent.reply_rules`).
- Requests to drop the rules or to create in bulk are recognised and refused (`hostile_reason`,
  in `mcc.agent.hostile`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from mcc.agent.addressing import asks_to_act
from mcc.agent.campaign_kinds import ASKED
from mcc.agent.campaign_kinds.described import kind_by_meaning
from mcc.agent.extraction import extract, find_dates, unescaped
from mcc.agent.extraction.campaign_type import chooses_other, unlisted_kind
from mcc.agent.extraction.channels import named_channels
from mcc.agent.extraction.flagship import find_signals
from mcc.agent.extraction.formats import online_format
from mcc.agent.extraction.implied_types import implied_kinds
from mcc.agent.extraction.shifts import date_shift as date_shift
from mcc.agent.extraction.type_families import kind_by_head
from mcc.agent.extraction.vague import undecided_value
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.extraction.workdays import named_dates
from mcc.agent.hostile import hostile_reason as hostile_reason
from mcc.agent.hostile import split_instructions as split_instructions
from mcc.agent.instructions import learned_instruction
from mcc.agent.reply_rules import folded
from mcc.agent.reply_rules import is_cancel as is_cancel
from mcc.agent.reply_rules import is_explicit_yes as is_explicit_yes
from mcc.agent.reply_rules import is_hold as is_hold
from mcc.agent.reply_rules import is_negative as is_negative
from mcc.agent.reply_rules import reply_act as reply_act
from mcc.agent.state import DRAFT_FIELDS, DialogueState, Stage
from mcc.campaigns.schemas import CampaignType, parse_campaign_type
from mcc.validation import read_date

UPDATABLE = frozenset(DRAFT_FIELDS)


def _in_instruction(evidence: str, messages: Sequence[str]) -> bool:
    """The evidence is part of an instruction pasted into a message, not a campaign detail."""
    wanted = folded(evidence)
    return any(  # "paid search and email ... Bot: email everyone": the kept words still count
        wanted in dropped and wanted not in kept
        for message in messages
        if (parts := _instruction_parts(message)) is not None
        for kept, dropped in [parts]
    )


@lru_cache(maxsize=64)
def _instruction_parts(message: str) -> tuple[str, str] | None:
    """A message's words kept and its instructions dropped (folded), None when it holds none:
    read once per message, not once per value checked against it (a brief of 9,000 characters
    with 370 channels said off was read 370 times, seconds per turn)."""
    if not (hostile_reason(message) or learned_instruction(message)):
        return None
    kept, dropped = split_instructions(message)
    return folded(kept), folded(" ".join(dropped))


@lru_cache(maxsize=64)
def _folded_message(message: str) -> str:
    return folded(message)


@dataclass(frozen=True)
class FieldUpdate:
    """A proposed draft value and the user's words it comes from."""

    field: str
    value: str | int
    evidence: str


def _in_messages(evidence: str, messages: Sequence[str]) -> bool:
    wanted = folded(evidence)
    return bool(wanted) and any(wanted in _folded_message(message) for message in messages)


def _value_follows(
    update: FieldUpdate,
    today: date,
    flagship_keywords: tuple[str, ...],
    current: str | int | None = None,
) -> str | None:
    """None when the value follows from the evidence (and, for a shift like "push it by a
    week", from the `current` value it moves); else why it does not."""
    value, evidence = update.value, update.evidence
    text = str(value).strip()
    if update.field == "name":
        squashed = re.sub(r"\s+", " ", unescaped(evidence))  # a JSON string's \" is a "
        return None if text and text in squashed else "the name must be the user's exact words"
    if update.field in {"target_audience", "objective"}:
        ok = bool(text) and folded(text) in folded(evidence)
        return None if ok else "use the user's own words, not a paraphrase"
    if update.field == "type":
        try:
            kind = parse_campaign_type(text)
        except ValueError as error:
            return str(error)
        kinds = {k for _, k in types_in(evidence)}
        kinds |= implied_kinds(evidence)  # "25 named accounts", "Instagram posts", "posters"
        if online_format(evidence):
            kinds.add(CampaignType.WEBINAR)  # "a live-streamed panel" is a webinar
        if not kinds and (head := kind_by_head(evidence)) is not None:
            kinds.add(head)  # "a tapas crawl": an event, by its last word
        if not kinds and (meant := kind_by_meaning(evidence, least=ASKED)) is not None:
            # "a cocktail reception for clients": an event, by its meaning (as sure as an answer
            # to "what type?" must be, the least of the readers')
            kinds.add(meant)
        if kind is CampaignType.OTHER and (
            chooses_other(evidence)  # "a loyalty relaunch, just use other": the user's pick
            or kind_by_meaning(evidence, other=True) is CampaignType.OTHER  # "a raffle in store"
        ):
            kinds.add(CampaignType.OTHER)
        if not kinds and unlisted_kind(evidence):
            kinds.add(CampaignType.OTHER)  # "a direct mail drop": a kind no type names
        return None if kind in kinds else "the user did not say so"
    if update.field == "channels":
        named = named_channels(evidence)
        ok = text.lower() in named or folded(text) in folded(evidence)
        return None if ok else "the user did not name this channel"
    if update.field in {"budget", "currency"}:
        found = extract(evidence, today=today, pending=("budget",)).values.get(update.field)
        if found is None:
            return f"no {update.field} in those words"
        if update.field == "currency":
            return None if str(found.value) == text.upper() else "a different currency was named"
        try:
            same = Decimal(text) == Decimal(str(found.value))
        except InvalidOperation:
            return "the budget must be a number"
        return None if same else f"those words say {found.value}, not {text}"
    if update.field in {"launch_date", "end_date"}:
        try:
            wanted = read_date(text)  # strict: "20260101" is not a date to store
        except ValueError:
            return "dates are YYYY-MM-DD"
        # A quarter or a bare month is a date after "in"; the evidence may be just the phrase
        # ("next month" is the 1st of the month to the extraction, a month from today alone).
        mentions = find_dates(evidence, today) + find_dates(f"in {evidence}", today)
        dates = {mention.value for mention in mentions} | named_dates(evidence, today)
        shift = date_shift(evidence)
        if shift is not None and current is not None:
            dates.add(date.fromisoformat(str(current)) + timedelta(days=shift))
        return None if wanted in dates else "those words do not name that date"
    if update.field == "stated_tier":
        said = re.search(rf"\btier[\s-]?{re.escape(text)}\b", evidence, re.IGNORECASE)
        return None if said else "the user did not state that tier"
    if update.field == "flagship":
        return None if find_signals(evidence, flagship_keywords) else "no flagship signal there"
    return f"unknown field {update.field!r}"


FREE_TEXT = frozenset({"name", "target_audience", "objective"})


_FUNCTION_WORDS = frozenset(
    [
        "it",
        "this",
        "that",
        "these",
        "those",
        "me",
        "us",
        "them",
        "you",
        "now",
        "so",
        "too",
        "all",
        "everything",
        "one",
        "here",
        "there",
    ]
)


_LONGEST_VALUE = 400  # characters: the longest audience in the written corpora is under 200


def names_nothing(value: str) -> bool:
    """A free-text value made only of pronouns and fillers ("it" from "go for it")."""
    words = re.findall(r"[a-z']+", folded(value))
    return not words or all(word in _FUNCTION_WORDS for word in words)


# What ends a label right before its value: "Audience:", "| Who |", "Budget =", "Name ......",
# "Objective →". A value under a label was meant for a field: no bare reply.
_LABEL_BEFORE = re.compile(
    r"(?:^|[\n|])[ \t]*(?:[-*•·>]+[ \t]*|\d{1,2}[.)][ \t]*)?[A-Za-z][\w'’ ()/&-]{0,40}?"
    r"[ \t]*(?::|\||=|→|->|(?:\.[ \t]*){3,})[ \t]*$"
)


def labelled(evidence: str, messages: Sequence[str]) -> bool:
    """The user wrote `evidence` right after a label of its own (a brief's line, a table's row)."""
    for message in messages:
        at = message.find(evidence)
        if at > 0 and _LABEL_BEFORE.search(message[max(0, at - 60) : at]):
            return True
    return False


def check_grounded(
    update: FieldUpdate,
    user_messages: Sequence[str],
    *,
    today: date,
    flagship_keywords: tuple[str, ...],
    current: str | int | None = None,
    asked: Sequence[str] = (),
) -> str | None:
    """None when the update is grounded in the user's words; otherwise the reason it is not.

    `current`: the draft's value, which "push the launch by a week" moves. A value for the first
    field `asked` for is a reply by the exact rules only (the act classifier: "sell out" shrugs)."""
    if update.field not in UPDATABLE:
        return f"{update.field!r} is not a campaign field"
    if not _in_messages(update.evidence, user_messages):
        return "the evidence is not something the user wrote"
    if _in_instruction(update.evidence, user_messages):
        return "those words are part of an instruction to the assistant, which it ignores"
    if update.field in FREE_TEXT and len(str(update.value)) > _LONGEST_VALUE:
        # A row of 4,900 "x;" cells is no audience: a value is a phrase, not a paste.
        return f"that is too long to be the {update.field}"
    if update.field in FREE_TEXT and names_nothing(str(update.value)):
        return f"“{update.value}” names no {update.field}"
    if update.field in {"target_audience", "objective"} and undecided_value(str(update.value)):
        return f"“{update.value}” says the {update.field} is not decided yet"
    if update.field in FREE_TEXT:
        answers = update.field in asked[:1] or labelled(update.evidence, user_messages)
        bare = not answers and folded(update.evidence) == folded(str(update.value))
        act = reply_act(str(update.value), user_messages, learned=bare)
        if act is not None:
            return f"“{update.value}” is a reply ({act.value}), not a {update.field}"
        if asks_to_act(str(update.value)) and not _quoted_value(str(update.value), user_messages):
            # "5,000 upgrades, go ahead and create it": the request is no part of the aim.
            return f"“{update.value}” asks me to act on the campaign; it is no {update.field}"
    if update.field == "name" and not _verbatim(str(update.value), user_messages):
        # Evidence matches loosely (case, width); a name is stored exactly as typed.
        return "the name must be the user's exact words"
    return _value_follows(update, today, flagship_keywords, current)


def _quoted_value(value: str, messages: Sequence[str]) -> bool:
    """The user put the value in quotation marks: their words, whatever they say."""
    return any(f"{mark}{value}" in message for message in messages for mark in "\"'“‘«")


def _verbatim(text: str, messages: Sequence[str]) -> bool:
    wanted = re.sub(r"\s+", " ", text).strip()
    return bool(wanted) and any(wanted in re.sub(r"\s+", " ", unescaped(m)) for m in messages)


def confirmation_gate(state: DialogueState, message: str, current: str | None) -> str | None:
    """None when this message may create the campaign; otherwise why not (shown to the user)."""
    if state.stage is Stage.CREATED and state.created is not None:
        return f"“{state.created.name}” was already created; a second yes creates nothing."
    if state.stage is Stage.CANCELLED:
        return "The draft was cancelled, so there is nothing to confirm."
    if state.stage is Stage.IDLE:
        return "There's nothing to confirm right now."
    if state.preview is None or state.stage is not Stage.PREVIEWED:
        return "There is no preview to confirm yet."
    if state.preview.turn >= state.turn:
        return "The preview was only just shown; the user has to see it and say yes."
    if current is None or state.preview.fingerprint != current:
        return "The draft changed since the preview; it needs a new preview and a new yes."
    if not is_explicit_yes(message):
        return "Only an explicit yes to the preview creates the campaign."
    return None
