"""The rules both engines pass through, as code rather than prompt text.

- A value enters a draft only with evidence: words that appear in the user's own messages, from
  which the value follows (`check_grounded`). A model that paraphrases, embellishes or invents is
  refused with the reason, and nothing changes.
- A campaign is created only when the user's message is an explicit yes, to a preview shown in
  an earlier turn, of exactly the draft and plan that would be created (`confirmation_gate`). A
  change after the preview needs a new preview and a new yes; after a cancel, or once created,
  a yes confirms nothing.
- Requests to drop the rules or to create in bulk are recognised and refused (`hostile_reason`,
  in `mcc.agent.hostile`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from mcc.agent.acts import REPLIES, Act, classify
from mcc.agent.acts.kinds import kind_by_meaning
from mcc.agent.addressing import is_command
from mcc.agent.asides import GO_AHEAD, conceded, without_courtesy
from mcc.agent.extraction import extract, find_dates, unescaped
from mcc.agent.extraction.campaign_type import unlisted_kind
from mcc.agent.extraction.channels import named_channels
from mcc.agent.extraction.flagship import find_signals
from mcc.agent.extraction.formats import online_format
from mcc.agent.extraction.shifts import date_shift as date_shift
from mcc.agent.extraction.type_families import kind_by_head
from mcc.agent.extraction.vague import undecided_value
from mcc.agent.extraction.vocabulary import (
    ACCOUNTS,
    SOCIAL_POSTS,
    types_in,
)
from mcc.agent.extraction.workdays import named_dates
from mcc.agent.hostile import hostile_reason as hostile_reason
from mcc.agent.hostile import split_instructions as split_instructions
from mcc.agent.instructions import learned_instruction
from mcc.agent.state import DRAFT_FIELDS, DialogueState, Stage
from mcc.agent.weak_cancels import weak_cancel
from mcc.agent.yes_forms import discards, foreign_yes, reads_as_question, without_no_objection
from mcc.campaigns.schemas import CampaignType, parse_campaign_type
from mcc.validation import read_date

UPDATABLE = frozenset(DRAFT_FIELDS)
# "k create it", "kk go": the texting ok. "perfect" answering "Shall I create it?" approves what
# was shown (weak: "perfect, thanks" acknowledges rather than approves).
_YES_WORDS = frozenset({
    "yes", "yep", "yeah", "yup", "ya", "y", "k", "kk", "sure", "ok", "okay", "confirm", "confirmed",
    "correct", "approve", "approved", "proceed", "lgtm", "create", "absolutely", "definitely",
    "perfect",
})  # fmt: skip
_YES_PHRASES = re.compile(
    r"\b(?:go ahead|do it|sounds good|looks good|that'?s right|fire (?:away|ahead))\b"
)
_STRONG_PHRASES = re.compile(r"\b(?:go ahead|do it)\b")
_WEAK_YES = frozenset({"ok", "okay", "sure", "correct", "k", "kk", "perfect"})
# Idioms that approve what was shown ("spot on", "dead right"): a "spot on. yes." is a plain yes.
_APPROVING = re.compile(r"\b(?:spot|bang|dead)[\s-]on\b|\bdead\s+right\b|\bexactly\s+right\b")
# What makes a would-be yes something else: a hedge, a condition, a negation, a delay, a change.
_VETO = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|guess|think|thinking|not|no|nope|nah|never|\w+n't"
    r"|don'?t|wait|hold|hang|but|except|unless|if|instead|change|rename|swap|remove|drop|add"
    r"|first|later|tomorrow|before|after|once|when|until|hmm+|um+|erm+|uh+|should|would"
    r"|could|might|let\s+me)\b|\bsure\s+(?:about|if)\b"
    # A yes for later is not a yes now: "yes in a bit", "ok, tonight", "sure, next week".
    r"|\b(?:in\s+a\s+(?:bit|sec|second|minute|moment|while|few)|in\s+(?:an?|\d+|two|a\s+few)\s+"
    r"(?:hours?|days?|weeks?|mins?|minutes?)|shortly|soon|tonight|eod|eow|next\s+(?:week|month|time)"
    r"|this\s+(?:afternoon|evening)|(?:on|by)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
)
# With thanks, a yes also needs a word that creates ("create", "go ahead", "let's go"...).
_STRONG_YES = re.compile(
    r"\b(?:yes|yep|yeah|confirm(?:ed)?|approved?|proceed|go\s+ahead|do\s+it|create|ship|book"
    rf"|launch|set\s+it\s+up|make\s+it\s+happen)\b|{GO_AHEAD}"
    # A bare "go" closing the message after a clause of its own ("looks good to me, go").
    r"|(?:^|[,;:.!—–-]\s*)go[\s.!]*$"
)
YES_CONFIDENCE = 0.6
# Words that make a message small talk when they are all it says.
_SMALL_TALK_WORDS = frozenset(
    """thanks thank you thx ty cheers great cool awesome nice perfect lovely brilliant sounds
    good looks hi hello hey morning afternoon evening there lol haha ok okay wow amazing super
    mate much appreciated appreciate it all team folks so very really""".split()  # noqa: SIM905
)
# The replies a value never is (a yes, a no, a question, a command to drop it), refused when the
# classifier leans to them. Small talk, a status question, an "I'm not sure" or a hold is refused
# only when the classifier is sure: leaning to them, it took real values for replies (120 of the
# 10,812 audiences, objectives and names of the written corpora at 0.6: "night-shift nurses"
# small talk, "young mums" unsure, "webinar no-shows" a status question; 38 in all at 0.8).
_NEVER_VALUES = frozenset({Act.CONFIRM, Act.DECLINE, Act.QUESTION, Act.CANCEL})
_SURE_OTHER_REPLY = 0.8
_WHY_NOT = re.compile(r"\bwhy\s+not\b(?!\s*\w)")  # "why not" is a yes, not a veto
_THANKS_WORDS = frozenset({"thanks", "thank", "thx"})
_FILLER = frozenset(
    [
        "please",
        # "fire away" / "fire ahead": the idiom's words (the phrase itself is in _YES_PHRASES).
        "fire",
        "away",
        "create",
        "it",
        "this",
        "the",
        "campaign",
        "in",
        "workfront",
        "go",
        "ahead",
        "do",
        "thanks",
        "thank",
        "you",
        "looks",
        "good",
        "great",
        "perfect",
        "that",
        "thats",
        "that's",
        "is",
        "correct",
        "right",
        "fine",
        "now",
        "project",
        "and",
        "all",
        "set",
        "sounds",
        "a",
        "as",
        "shown",
        "one",
        # The formal yes: "That is correct. Kindly proceed with the creation of the campaign.",
        # "Everything is accurate and in order; please go ahead with the setup."
        "with",
        "of",
        "creation",
        "creating",
        "setup",
        "accurate",
        "kindly",
        "everything",
        "details",
        "order",
        "above",
        "are",
    ]
)
_CANCEL = re.compile(
    r"^(?:please\s+|ok(?:ay)?,?\s+|(?:no|nah|nope|actually),?\s+)?(?:cancel|abort|never\s?mind|forget\s+(?:it|that|about\s+it)"
    r"|start\s+over|scrap\s+(?:it|that|this)|discard|drop\s+(?:it|this|the\s+draft)"
    r"|(?:bin|kill|ditch|trash|shelve)\s+(?:it|that|this|the\s+draft)"
    r"|let'?s\s+not\s+(?:do|run|bother\s+with|go\s+ahead\s+with)\s+(?:it|this|that)"
    r"|we'?re\s+not\s+(?:doing|running)\s+(?:it|this|that)"
    r"|don'?t\s+create\s+(?:it|this|that|the\s+campaign)(?!\s+(?:just\s+)?(?:yet|until|till)))\b"
    r"|\bcancel\s+(?:it|this|that|all\s+of\s+it|the\s+(?:whole\s+|entire\s+)?(?:campaign|draft"
    r"|request|thing|lot))\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"^(?:no|nope|nah|not\s+yet|wait|hold\s+on|hang\s+on|not\s+now)\b", re.IGNORECASE
)
# A pause or an aside about asking someone else ("one sec, checking with my lead", "brb — need
# to run it past finance", "lemme confirm w/ my director"): the user holds the conversation. It
# is never a value for a field, and never a yes, whatever word of approval it holds ("confirm").
_PAUSE = (
    r"^(?:(?:just\s+|give\s+me\s+|gimme\s+)?(?:one|a|1)\s+(?:sec|second|moment|min|minute|tick|mo)"
    r"|(?:just\s+a|a)\s+(?:sec|second|moment|min|minute)|brb|be\s+right\s+back|hold\s+(?:up|tight)"
    r"|hang\s+(?:tight|fire)|bear\s+with\s+me|sec|secs)\b"
)
_PEOPLE = (
    r"(?:lead|leads|boss|manager|mgr|director|team|teams|vp|cmo|cfo|ceo|coo|head|heads|finance"
    r"|legal|colleagues?|co-?workers?|supervisor|approvers?|stakeholders?|procurement|partner"
    r"|client|agency|higher[\s-]ups|management|exec(?:utive)?s?|superior|line\s+manager|owner"
    r"|founder|chief|sales|board|department|dept|people)"
)
_CONSULT = (
    r"\b(?:check(?:ing)?|confirm(?:ing)?|verify(?:ing)?|clear(?:ing)?|doubl(?:e|ing)[\s-]check(?:ing)?"
    r"|ask(?:ing)?|talk(?:ing)?|speak(?:ing)?|sync(?:ing)?|loop(?:ing)?\s+in|ping(?:ing)?"
    r"|run(?:ning)?\s+(?:it|this|that|things)|get(?:ting)?\s+(?:it|this|that)\s+(?:signed\s+off|"
    r"approved|ok'?d|okayed))"
    r"\s+(?:(?:in|w/|with|by|past|to|over\s+with)\s+)?(?:my|our|the|a|his|her|their)?\s*"
    r"(?:\w+\s+)?" + _PEOPLE + r"\b"
)
_AWAY = (
    r"\b(?:(?:i'?ll|will)\s+)?(?:be\s+)?back\s+(?:in\s+(?:\d+|a\s+(?:bit|sec|second|few|min|minute"
    r"|moment|while|jiffy))|shortly|soon|later)\b|\bafk\b"
)
_HOLD = re.compile(rf"{_PAUSE}|{_CONSULT}|{_AWAY}|\blemme\b", re.IGNORECASE)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _lexical_yes(text: str, words: list[str]) -> bool:
    """The yes words and fillers of a plain "yes, create it" (exact, no model)."""
    has_yes = any(word in _YES_WORDS for word in words) or bool(_YES_PHRASES.search(text))
    if not (has_yes and all(word in _YES_WORDS or word in _FILLER for word in words)):
        return False
    # "ok thanks" acknowledges more often than it approves: with thanks, only a strong yes counts.
    if _THANKS_WORDS.intersection(words):
        strong = {word for word in words if word in _YES_WORDS} - _WEAK_YES
        return bool(strong) or bool(_STRONG_PHRASES.search(text))
    return True


_HUNDRED_PERCENT = re.compile(r"^100\s?%(?=[\s,.!]|$)")


def is_explicit_yes(message: str) -> bool:
    """A yes and nothing else: no question, no condition, no change, no doubt.

    Exact vetoes first (a question mark, a number, a hedge, a condition, a negation); then
    either the plain yes words, or the dialogue-act classifier's confident "confirm" for the
    slang it generalises to ("ship it", "fine by me, create it", "lgtm 👍")."""
    # "100%, create it" is slang for "absolutely", not a figure (figures veto a yes below).
    plain = without_no_objection(_HUNDRED_PERCENT.sub("absolutely", _normal(message)))
    text, courteous = without_courtesy(conceded(plain))
    if courteous and not _STRONG_YES.search(text):
        return False  # "ok, thanks": with thanks or an apology, only a strong yes creates
    vetoed = _VETO.search(_WHY_NOT.sub(" ", text)) or _HOLD.search(text) or discards(text)
    if "?" in text or not text or re.search(r"\d", text) or vetoed or reads_as_question(text):
        return False
    words = re.findall(r"[a-z']+", _APPROVING.sub("right", text))
    if len(words) > 15:
        return False
    if (words and _lexical_yes(text, words)) or foreign_yes(text):
        return True
    if _THANKS_WORDS.intersection(words) and not _STRONG_YES.search(text):
        return False
    # The classifier reads the message as typed ("IT" is a department) or without a concession.
    guess = classify(message if text == plain else text)
    return guess.act is Act.CONFIRM and guess.confidence >= YES_CONFIDENCE


# What may open a cancel without changing it: "stop. cancel.", "ugh, forget it", "on second
# thought, scrap it". Each short sentence is read on its own, so "stop. cancel." is a cancel.
_CANCEL_LEAD = re.compile(
    r"^(?:(?:stop|wait|hmm+|ugh+|oh|argh+|ah|hold\s+on|hang\s+on|on\s+second\s+thoughts?"
    r"|you\s+know\s+what|scratch\s+that|sorry|right|so)\b[\s,.!—–-]*)+"
)
_SENTENCE_END = re.compile(r"(?<=[.!;])\s+")
# A cancel sentence says little else: not "cancel anytime offer for churned users" (an objective).
_AFTER_CANCEL = 3


def is_cancel(message: str) -> bool:
    text = _normal(message)
    if _CANCEL.search(text) or discards(text, alone=True):
        return True
    for sentence in _SENTENCE_END.split(text):
        bare = _CANCEL_LEAD.sub("", sentence)
        match = _CANCEL.match(bare)
        if match and len(re.findall(r"\w+", bare[match.end() :])) <= _AFTER_CANCEL:
            return True
    return False


def is_negative(message: str) -> bool:
    return bool(_NEGATIVE.search(_normal(message)))


def is_hold(message: str) -> bool:
    """A pause, or an aside about checking with someone, rather than an answer."""
    return bool(_HOLD.search(_normal(message)))


def _in_instruction(evidence: str, messages: Sequence[str]) -> bool:
    """The evidence is part of an instruction pasted into a message, not a campaign detail."""
    wanted = _normal(evidence)
    return any(  # "paid search and email ... Bot: email everyone": the kept words still count
        wanted in _normal(" ".join(dropped)) and wanted not in _normal(kept)
        for message in messages
        if hostile_reason(message) or learned_instruction(message)
        for kept, dropped in [split_instructions(message)]
    )


@dataclass(frozen=True)
class FieldUpdate:
    """A proposed draft value and the user's words it comes from."""

    field: str
    value: str | int
    evidence: str


def _in_messages(evidence: str, messages: Sequence[str]) -> bool:
    wanted = _normal(evidence)
    return bool(wanted) and any(wanted in _normal(message) for message in messages)


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
        ok = bool(text) and _normal(text) in _normal(evidence)
        return None if ok else "use the user's own words, not a paraphrase"
    if update.field == "type":
        try:
            kind = parse_campaign_type(text)
        except ValueError as error:
            return str(error)
        kinds = {k for _, k in types_in(evidence)}
        if ACCOUNTS.search(evidence):
            kinds.add(CampaignType.ABM)  # "25 named enterprise accounts" is account-based
        if SOCIAL_POSTS.search(evidence):
            kinds.add(CampaignType.SOCIAL)  # "LinkedIn and Instagram posts" are social
        if online_format(evidence):
            kinds.add(CampaignType.WEBINAR)  # "a live-streamed panel" is a webinar
        if not kinds and (head := kind_by_head(evidence)) is not None:
            kinds.add(head)  # "a tapas crawl": an event, by its last word
        if not kinds and (meant := kind_by_meaning(evidence)) is not None:
            kinds.add(meant)  # "a cocktail reception for clients": an event, by its meaning
        if not kinds and unlisted_kind(evidence):
            kinds.add(CampaignType.OTHER)  # "a direct mail drop": a kind no type names
        return None if kind in kinds else "the user did not say so"
    if update.field == "channels":
        named = named_channels(evidence)
        ok = text.lower() in named or _normal(text) in _normal(evidence)
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


_QUOTED = re.compile(r"\s*([\"'“‘«]).+([\"'”’»])\s*")
_TITLE_WORD = re.compile(r"^[A-Z0-9]")
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
    words = re.findall(r"[a-z']+", _normal(value))
    return not words or all(word in _FUNCTION_WORDS for word in words)


def reply_act(text: str, messages: Sequence[str] = (), *, learned: bool = True) -> Act | None:
    """The dialogue act `text` is when it is a reply rather than a value, else None.

    A confirmation, refusal, question, hold, cancel or command is never a name, audience or
    objective, whichever engine proposes it. A value the user quoted (in `text` or in one of
    `messages`), or a title typed in Title Case ("Double Yes"), is what the user meant as a
    value and stays one. `learned=False` keeps to the exact rules: for a value the user
    introduced with its field ("audience: IT buyers"), which they plainly meant for it."""
    stripped = text.strip()
    if not stripped or _QUOTED.fullmatch(stripped) or _quoted_in(stripped, messages):
        return None
    if stripped.endswith("?") or _asked_in(stripped, messages):
        return Act.QUESTION
    if hostile_reason(stripped):
        return Act.CANCEL  # a command to the assistant
    if _title_case(stripped.split()) and (not learned or _labelled_in(stripped, messages)):
        # "Name: No Bypass 4", "called Stop Waiting Summit": a title after its label is a title,
        # whatever word of a reply it starts with.
        return None
    if is_command(stripped):
        return Act.CONFIRM  # "just make the campaign": asks to create, names nothing
    normal = _normal(stripped)
    words = re.findall(r"[a-z']+", normal)
    if words and not _VETO.search(normal) and _lexical_yes(normal, words):
        return Act.CONFIRM
    if is_cancel(stripped):
        return Act.CANCEL
    if is_negative(stripped):
        return Act.DECLINE
    if is_hold(stripped):
        return Act.HOLD
    if words and set(words) <= _SMALL_TALK_WORDS:
        return Act.SMALLTALK  # "thanks, sounds great", "hi there", "lol ok": nothing named
    if not learned or _title_case(stripped.split()):
        return None
    guess = classify(stripped)  # and "clear the spare stock" is a value, not a weak cancel
    least = YES_CONFIDENCE if guess.act in _NEVER_VALUES else _SURE_OTHER_REPLY
    sure = guess.confidence >= least and not weak_cancel(stripped, guess)
    if guess.act is Act.QUESTION and not reads_as_question(normal):
        # No "?" and no question word: "vineyard owners who export to Asia" is people, whatever
        # the classifier's sentence embedding resembles.
        return None
    return guess.act if guess.act in REPLIES and sure else None


def _asked_in(value: str, messages: Sequence[str]) -> bool:
    """`value` is a question the user asked, its "?" left behind in the message: "When must
    Finance hear about it" out of "... the supplier hasn't billed us yet. When must Finance hear
    about it?" is no audience."""
    if not reads_as_question(_normal(value)):
        return False
    asked = re.compile(re.escape(value) + r"\s*\?")
    return any(asked.search(message) for message in messages)


# Small words a title keeps in lower case ("Back to Work", "Return of the Data").
_TITLE_SMALL = frozenset(
    "a an and at by for from in of on or the to with vs & - – —".split()  # noqa: SIM905
)


def _title_case(tokens: list[str]) -> bool:
    """Typed as a title: two words or more in capitals, the rest a title's small words (an
    emoji or a symbol, "Winter Warm-Up ❄️", is neither and is passed over)."""
    tokens = [token for token in tokens if any(char.isalnum() for char in token)]
    if not tokens:
        return False
    titled = [token for token in tokens if _TITLE_WORD.match(token)]
    return (
        len(titled) >= 2
        and bool(_TITLE_WORD.match(tokens[0]))
        and all(_TITLE_WORD.match(token) or token in _TITLE_SMALL for token in tokens)
    )


_NAME_LEAD = r"\b(?:name|title|called|named|titled|call\s+it|name\s+it)\s*(?:is|:|=|-|–|—|\|)?\s*"


def _labelled_in(value: str, messages: Sequence[str]) -> bool:
    """`value` follows a name's label or verb in one of `messages` ("Name: No Bypass 4")."""
    wanted = re.escape(re.sub(r"\s+", " ", value))
    pattern = re.compile(rf"{_NAME_LEAD}{wanted}", re.IGNORECASE)
    return any(pattern.search(re.sub(r"\s+", " ", message)) for message in messages)


def _quoted_in(value: str, messages: Sequence[str]) -> bool:
    wanted = re.escape(re.sub(r"\s+", " ", value))
    pattern = re.compile(rf"[\"'“‘«]\s*{wanted}\s*[\"'”’»]")
    return any(pattern.search(re.sub(r"\s+", " ", message)) for message in messages)


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
        bare = not answers and _normal(update.evidence) == _normal(str(update.value))
        act = reply_act(str(update.value), user_messages, learned=bare)
        if act is not None:
            return f"“{update.value}” is a reply ({act.value}), not a {update.field}"
    if update.field == "name" and not _verbatim(str(update.value), user_messages):
        # Evidence matches loosely (case, width); a name is stored exactly as typed.
        return "the name must be the user's exact words"
    return _value_follows(update, today, flagship_keywords, current)


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
