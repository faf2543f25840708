"""Where a message names one of the tier policy's flagship signals, however it is worded, and
a tier the user states.

The policy lists its signals as keywords ("pricing and packaging", "platform rebrand"); people
write them in their own order and forms: "new pricing & packaging", "packaging/pricing update",
"rebranding the platform". A keyword is named where its words all stand together, in any order
and inflection, with nothing between them but list connectors ("and", "&", "/", "+"), articles
and "of", and at most one other word when the keyword has three or more ("trade show opening
keynote"). The matched words are the signal's evidence; the guardrail checks a proposed signal
with this same reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text

# "it's a tier 2"; not "tier-2 auto suppliers", "OEMs and Tier-1s": a supplier's tier.
STATED_TIER = re.compile(
    r"\btier[\s-]?(?P<n>[123]|one|two|three)\b(?!s\b|[ \t-]+(?:[a-z-]+[ \t]+)?(?:suppliers?"
    r"|vendors?|customers?|cities|markets?|banks?|carriers?|manufacturers?|makers?|firms?|companies"
    r"|brands?|retailers?|dealers?|oems?|accounts?|clients?|members?|hospitals?|universit(?:y|ies)"
    r"|schools?|airlines?|insurers?|operators?)\b)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that join a keyword's words without changing what it names: "pricing and packaging",
# "rebrand of our platform".
_CONNECTOR = re.compile(r"^(?:and|n|or|of|the|our|its|a|an)$", re.IGNORECASE)
_CONNECTORS_IN = re.compile(r"\b(?:and|n|or|of|the|our|its|a|an)\b", re.IGNORECASE)
_JOINERS = re.compile(r"(?:\s|[&+/,-])*", re.IGNORECASE)
_SUFFIXES = ("ings", "ing", "es", "ed", "e", "s")


@dataclass(frozen=True)
class Signal:
    phrase: str  # the policy's keyword
    start: int
    end: int


def stem(word: str) -> str:
    """A word without its inflection ("pricing", "prices" and "price" are one word here)."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content(keyword: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(keyword) if not _CONNECTOR.match(w)]


def find_signals(text: str, keywords: tuple[str, ...]) -> list[Signal]:
    """The keywords `text` names, in the order they appear (each span named once)."""
    words = [
        (m.start(), m.end(), stem(m.group()))
        for m in _WORD.finditer(text)
        if not _CONNECTOR.match(m.group())
    ]
    found: list[Signal] = []
    # The longest keywords first: "major product launch" before "major launch".
    for keyword in sorted(keywords, key=lambda k: len(_content(k)), reverse=True):
        wanted = _content(keyword)
        if not wanted:
            continue
        slack = 1 if len(wanted) >= 3 else 0
        for index in range(len(words)):
            window = words[index : index + len(wanted) + slack]
            hit = _covers(text, window, wanted)
            if hit is None:
                continue
            start, end = hit
            if all(end <= s.start or start >= s.end for s in found):
                found.append(Signal(keyword, start, end))
    return sorted(found, key=lambda signal: signal.start)


def _covers(
    text: str, window: list[tuple[int, int, str]], wanted: list[str]
) -> tuple[int, int] | None:
    """The span of the shortest prefix of `window` that holds every wanted word, starting with
    one of them, joined only by connectors (and the allowed spare word); None when there is none."""
    if not window or window[0][2] not in wanted:
        return None
    left = list(wanted)
    spare = len(window) - len(wanted)
    for position, (start, end, word) in enumerate(window):
        between = text[window[position - 1][1] : start] if position else ""
        if position and not _JOINERS.fullmatch(_CONNECTORS_IN.sub(" ", between)):
            return None
        if word in left:
            left.remove(word)
        elif spare > 0:
            spare -= 1
        else:
            return None
        if not left:
            return window[0][0], end
    return None


def signals(text: Text, keywords: tuple[str, ...], result: Extraction) -> None:
    """The first flagship signal the message names, its words as the evidence, and a tier the
    user states ("it's a tier 2")."""
    for signal in find_signals(text.original, keywords):
        evidence = text.span(signal.start, signal.end)
        result.values["flagship"] = Candidate("flagship", signal.phrase, evidence)
        break
    name = result.values.get("name")
    tier = next(
        (
            found
            for found in STATED_TIER.finditer(text.original)
            # "Tier-One Airlines Loyalty", the campaign's name: its words state no tier.
            if not (name and MASK in text.work[found.start() : found.end()]
                    and found.group() in str(name.value))
        ),
        None,
    )  # fmt: skip
    if tier:
        number = _WORD_NUMBERS.get(tier["n"].lower()) or int(tier["n"])
        result.values["stated_tier"] = Candidate("stated_tier", number, tier.group())
