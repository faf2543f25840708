"""A campaign's kind from a phrase that describes it, by meaning: "a cocktail reception for
clients", "a joint offer with our biggest reseller", "personalised outreach to our top 15
prospects". The rules know the types' words and the heads of everyday kinds (`type_families`);
when the span tagger is sure some words name the campaign's kind, or a brief's leftover
describes it, the learned model (`campaign_kinds.kind_of`) reads them with the rest of their
phrase ("with our biggest reseller" says partner). Without MiniLM nothing is inferred.

When the model is not sure, the nearest-description reader it replaced as the first reader
(`nearest.py`: on the held-out corpus 69 of 300 kinds, 8 wrong) still has its say.
"""

from __future__ import annotations

import re

from mcc.agent.campaign_kinds import DESCRIBED, kind_of, probabilities
from mcc.agent.campaign_kinds.nearest import nearest_kind, nearest_scores
from mcc.campaigns.schemas import CampaignType


def scores(phrase: str) -> dict[CampaignType, float] | None:
    """Each type's probability for `phrase` by the model, or, before it is loaded, its
    closeness by the nearest descriptions; None without MiniLM."""
    return probabilities(phrase) or nearest_scores(phrase)


def kind_by_meaning(
    phrase: str, *, other: bool = False, least: float = DESCRIBED
) -> CampaignType | None:
    """The type `phrase` describes, when the model is `least` sure of one or, failing that, the
    nearest descriptions clearly name one; else None. "Other" (a
    kind no type names) only when asked for `other`: a brief's leftover describes the campaign
    itself, while a phrase the tagger took for a kind may be none at all."""
    kind = kind_of(phrase, least=least) or nearest_kind(phrase, other=other)
    return kind if kind is not CampaignType.OTHER or other else None


# Where the phrase that describes the campaign ends: its name, a quotation, a clause's end.
_PHRASE_END = re.compile(
    r"\s+(?:called|named|titled|entitled|dubbed|under\s+the\s+name|with\s+the\s+name"
    r"|going\s+by|(?:which|that)\s+(?:should|will|would|must)\s+be\s+(?:saved|called|named)"
    r"|saved\s+as|known\s+as|for\s+(?:a\s+)?(?:budget|total|spend)|(?:budget|launch(?:ing)?|live"
    r"|starting|from|on|in|by)\s+[$€£\d])\b|[\"“”«»‘’.;:!?\n,(|—–]|\s-\s",
    re.IGNORECASE,
)
_MAX_WORDS = 12


def described_kind(
    text: str, start: int, end: int, *, least: float = DESCRIBED
) -> tuple[CampaignType, str] | None:
    """The kind the words at text[start:end] describe, read with the rest of their phrase ("a
    joint offer" with "with our biggest reseller"), and that phrase; None when unclear. An `end`
    before `start` reads the phrase that starts at `start`. `least`: lower (`ASKED`) where other
    words already say a kind is described there (the span tagger's kind words, the phrase before
    "what now?"), the default where the kind decides how the rest is read."""
    stop = _PHRASE_END.search(text, max(start, end))
    phrase = text[start : stop.start() if stop else len(text)]
    phrase = " ".join(phrase.split()[:_MAX_WORDS]) or text[start:end]
    kind = kind_by_meaning(phrase, least=least)
    return None if kind is None else (kind, phrase)
