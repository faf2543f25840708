"""Which messages are replies rather than values: the exact rules for a yes, a cancel, a no
and a hold, and `reply_act`, which keeps a reply out of a draft's free-text fields.

The guardrails (`mcc.agent.guardrails`) pass every engine through these: a campaign is created
only on `is_explicit_yes`, and a name, audience or objective is never a reply (`reply_act`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from mcc.agent.acts import REPLIES, Act, classify
from mcc.agent.addressing import is_command, is_field_edit
from mcc.agent.asides import GO_AHEAD, conceded, without_courtesy, without_other_work
from mcc.agent.hostile import hostile_reason
from mcc.agent.weak_cancels import weak_cancel
from mcc.agent.yes_forms import discards, foreign_yes, reads_as_question, without_no_objection

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
    r"|don'?t|wait|waiting|awaiting|pending|hold|hang|but|except|unless|if|instead|change|rename|swap|remove|drop|add"
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


def folded(text: str) -> str:
    """NFKC, one kind of apostrophe, single spaces, case folded: how the reply rules compare."""
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
_TEXTED_TO = re.compile(r"\b2(?=\s+(?:me|u|you|us)\b)")
_QUOTED_LINES = re.compile(r"^[ \t]*>[^\n]*(?:\n|$)", re.MULTILINE)


def is_explicit_yes(message: str) -> bool:
    """A yes and nothing else: no question, no condition, no change, no doubt.

    Exact vetoes first (a question mark, a number, a hedge, a condition, a negation); then
    either the plain yes words, or the dialogue-act classifier's confident "confirm" for the
    slang it generalises to ("ship it", "fine by me, create it", "lgtm 👍")."""
    # A reply that quotes what it answers ("> (your preview)" above the yes) is its own lines.
    message = _QUOTED_LINES.sub("", message).strip() or message
    # "100%, create it" is slang for "absolutely", not a figure (figures veto a yes below); nor
    # is the "2" of "looks good 2 me".
    said = _TEXTED_TO.sub("to", _HUNDRED_PERCENT.sub("absolutely", folded(message)))
    plain = without_no_objection(said)
    text, courteous = without_courtesy(conceded(without_other_work(plain)))
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
    guess = classify(message if text == plain == said else text)
    # An order to create ("get it made", "go make it") needs only the classifier's lean.
    sure = guess.confidence >= YES_CONFIDENCE or _STRONG_YES.search(text) is not None
    return guess.act is Act.CONFIRM and sure


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
    text = folded(message)
    if _CANCEL.search(text) or discards(text, alone=True):
        return True
    for sentence in _SENTENCE_END.split(text):
        bare = _CANCEL_LEAD.sub("", sentence)
        match = _CANCEL.match(bare)
        if match and len(re.findall(r"\w+", bare[match.end() :])) <= _AFTER_CANCEL:
            return True
    return False


def is_negative(message: str) -> bool:
    return bool(_NEGATIVE.search(folded(message)))


def is_hold(message: str) -> bool:
    """A pause, or an aside about checking with someone, rather than an answer."""
    return bool(_HOLD.search(folded(message)))


_QUOTED = re.compile(r"\s*([\"'“‘«]).+([\"'”’»])\s*")
_TITLE_WORD = re.compile(r"^[A-Z0-9]")


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
    if is_field_edit(stripped):
        return Act.CHANGE  # "move the start": a change to the draft, not its aim
    normal = folded(stripped)
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
    if len(words) == 1 and _TITLE_WORD.match(stripped) and _labelled_in(stripped, messages):
        return None  # "an in-person event named Lodestar": one capitalised word after its label
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
    if not reads_as_question(folded(value)):
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
