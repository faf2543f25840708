"""The type of a brief that never names it, from the words no field took.

"We are releasing our new Hindi voice-assistant feature in the app. Name: ... Audience: ...": once
the rules have read the name, audience, objective, budget and date, what is left of a brief is
what the campaign is ("releasing our new ... feature"). Each such stretch is read by meaning
(`campaign_kinds.described.kind_by_meaning`, the learned model of campaign kinds); the type is
the one a stretch clearly describes, unless another stretch clearly describes another, or the
whole sentence it comes from (with the channel words the rules took: "an organic LinkedIn and
Instagram series") leans to another. Without a loaded MiniLM nothing is inferred and the
assistant asks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent.campaign_kinds.described import kind_by_meaning, scores
from mcc.agent.extraction.spans import Candidate, Extraction

# Where a stretch of the leftover ends: a sentence's end, a line, a dash, a gap the masked values
# left behind (two spaces or more).
_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+[—–]\s+|\s+-\s+|\s{2,}")
# A stretch worth reading has two words of three letters or more ("Start", "Name" have one).
_WORD = re.compile(r"[^\W\d_]{3,}")
_MAX_WORDS = 20
# A quoted name ends the sentence's description ("an organic series — "Våra Sjuksköterskor"").
_QUOTE = re.compile(r"[\"“”«»]")
# What a newcomer's opener says it is about to do: "we want ...", "we're putting together ...".
_INTENT = re.compile(
    r"\b(?:we|i)(?:'re|’re|\s+are|'m|’m|\s+am|'d|’d|\s+would|'ll|’ll|\s+will)?\s+(?:really\s+)?"
    r"(?:want|need|plan|planning|thinking|doing|like|love|putting|running|holding|hosting"
    r"|organi[sz]ing|launching|releasing|bringing|starting|setting|keen|going|sponsoring)\b"
    r"|^\W*(?:need|want|planning|thinking|keen|hoping)\b",
    re.IGNORECASE,
)
# Details a brief must state before its leftover is read as what the campaign is.
_BRIEF = 2
# How many stretches are read by meaning (each is one MiniLM run): a brief says what it is in its
# first sentences, and a 10,000-character message of 800 sentences must not cost 800 runs.
_MAX_STRETCHES = 6


# A channel line ("Channels are email plus Meta ads", "Mix: ...") says where it runs, not what.
_CHANNEL_LINE = re.compile(
    r"^\W*(?:(?:planned|proposed|preferred|our)\s+)?(?:channels?|mix|media(?:\s+mix)?)\b",
    re.IGNORECASE,
)


def _stretches(text: str) -> list[str]:
    out: list[str] = []
    for part in _BREAK.split(text):
        if len(out) == _MAX_STRETCHES:
            break
        part = part.strip(" .,:;!/-—–")
        words = part.split()
        if len(_WORD.findall(part)) >= 2 and not _CHANNEL_LINE.match(part):
            out.append(" ".join(words[:_MAX_WORDS]))
    return out


def _sentence_of(stretch: str, message: str) -> str | None:
    for sentence in _BREAK.split(message):
        if stretch[:30] in " ".join(sentence.split()):
            head = _QUOTE.split(sentence)[0]
            return " ".join(head.split()[:_MAX_WORDS]) or None
    return None


def with_described_type(
    found: Extraction, message: str, pending: tuple[str, ...] = ()
) -> Extraction:
    """`found` with the type its leftover clearly describes, when no rule read one."""
    if "type" in found.values or not found.leftover:
        return found
    # A newcomer's opener says what the campaign is before any detail ("we're putting together
    # a joint package with the hotel next door"), as does the answer to "what kind is it?".
    opener = (not pending or "type" in pending) and _INTENT.search(message) is not None
    if found.details < _BRIEF and not (opener and "?" not in message):
        return found
    # The leftover is the rules' own: values the taggers filled after them (an objective read
    # from "The plan: ..." by meaning) still stand in it, and are no description of the kind.
    leftover = found.leftover
    for candidate in [*found.values.values(), *found.channels]:
        for words in {candidate.evidence, str(candidate.value)}:
            if len(words) > 2:  # as whole words: the channel "email" leaves "emailing" be
                leftover = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", "  ", leftover)
    readings: dict[str, str] = {}
    for whole_stretch in _stretches(leftover):
        if _CHANNEL_LINE.match(_sentence_of(whole_stretch, message) or ""):
            continue  # the words the channels left in their line
        # Its head before a comma says what it is without the details after it ("We're
        # unveiling the 2.0 of our diary app, dark mode and shared calendars").
        head = whole_stretch.split(",")[0].strip()
        heads = [head] if head != whole_stretch and len(_WORD.findall(head)) >= 2 else []
        # An opener's whole sentence too: the channel words the rules took from it ("a series
        # of impact stories on our blog") say what it is as much as the rest.
        whole_sentence = _sentence_of(whole_stretch, message) if opener else None
        kind = None
        for stretch in [whole_stretch, *heads, *([whole_sentence] if whole_sentence else [])]:
            if (kind := kind_by_meaning(stretch, other=True)) is not None:
                break
        if kind is None:
            continue
        sentence = _sentence_of(stretch, message)
        whole = scores(sentence) if sentence and sentence != stretch else None
        if whole and max(whole, key=whole.__getitem__) is not kind:
            return found  # the stretch alone and its sentence lean different ways: unclear
        readings.setdefault(kind.value, stretch)
    if len(readings) != 1:
        return found  # none, or two stretches describing different kinds
    ((kind_value, stretch),) = readings.items()
    # Its words as typed (the stretch's blanks are single spaces), for the guardrails to check.
    typed = re.search(r"\s+".join(map(re.escape, stretch.split())), message)
    if typed is None:
        return found
    candidate = Candidate("type", kind_value, typed.group(), implied=True)
    return replace(found, values={**found.values, "type": candidate})
