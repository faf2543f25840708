"""The kind of campaign from how people describe it, learned: "a livestreamed talk with Q&A" is a
webinar, "a co-branded offer with the gym next door" a partner campaign, with no type word in it.

The rules know the types' words and aliases (`extraction.vocabulary.types_in`); people mostly
describe what happens instead. Held out on a corpus written blind after the training one
(`written/kinds-heldout.jsonl`, see `written/README.md`), the words found 71 of 300 kinds (9
wrong); this model, at the confidence an opener needs, 219 (3 wrong) and took none of the 100
messages that name no kind for one.

It is MiniLM's sentence vector next to word and character n-grams, a `JointModel` like the
clause tagger's (`mcc.agent.clauses.embedded`), and loads the same way: only once the knowledge
base has built MiniLM (never built here), in a background thread, trained once in a child
process and cached beside the embedder's model. Until then the rules alone read types: a first
message never waits.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import numpy as np

from mcc.agent.acts import features
from mcc.agent.acts.embedded import JointModel
from mcc.agent.campaign_kinds import nearest
from mcc.campaigns.schemas import CampaignType

# The label of the messages that name no kind.
NONE = "none"
# How sure the model must be: of an answer to "what type of campaign is it?", and of a kind
# read from a message that was not asked for one (an opener, a brief). Held out, the second
# took 3 wrong kinds of 222; the first 5 of 248, where a wrong one only asks again less.
ASKED = 0.5
UNASKED = 0.6
# ... and of the words a reader takes for a description of the kind, which then decide how the
# rest of the message is read (a kind, not an aim or a request): 0 wrong of 184 held out.
DESCRIBED = 0.7
# Longer text is a pasted brief or page: its kind, if any, is for the rules' words.
_LONGEST = 400
# A kind ruled out rather than described: the model reads "we don't want ads" as paid (0.93).
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|nothing|none|avoid|instead\s+of|rather\s+than)\b|n['’]t\b",
    re.IGNORECASE,
)
# The descriptions of each kind, and requests that name none ("new campaign please", "something
# for our spring sale"), which the first file lacked: it took them for product launches.
_TRAINING = ("written/kinds.jsonl", "written/requests.jsonl")


def training_source() -> str:
    folder = resources.files(__package__)
    return "".join(folder.joinpath(name).read_text("utf-8") for name in _TRAINING)


def examples() -> list[tuple[str, str]]:
    """The labelled descriptions as (label, text)."""
    rows = [json.loads(line) for line in training_source().splitlines() if line.strip()]
    return [(row["type"], row["text"]) for row in rows]


# Read by `kind_of` once loaded; the rules' type words alone until then.
# Its descriptions' vectors (`nearest`) are embedded once it is loaded.
MODEL = JointModel(
    "campaign-kinds", __name__, training_source, examples, remembered=1024, then=nearest.warm_up
)


def probabilities(text: str) -> dict[CampaignType, float] | None:
    """Each type's probability for `text` (the label of no kind aside), or None while the model
    is not loaded and for long text."""
    found = _scored(text)
    if found is None:
        return None
    return {
        CampaignType(label): float(p)
        for label, p in zip(MODEL.classes(), found, strict=True)
        if label != NONE
    }


def kind_of(text: str, *, asked: bool = False, least: float | None = None) -> CampaignType | None:
    """The kind of campaign `text` describes, when the model is at least `least` sure of it (by
    default `ASKED` or `UNASKED`); None while it is not loaded, for long text, and for text that
    names no kind."""
    if _NEGATION.search(text):
        return None  # "no paid ads", "definitely not a webinar": the model reads the kind named
    found = _scored(text)
    if found is None:
        return None
    best = int(np.argmax(found))
    label = MODEL.classes()[best]
    sure = least if least is not None else ASKED if asked else UNASKED
    if label == NONE or float(found[best]) < sure:
        return None
    return CampaignType(label)


def _scored(text: str) -> Any | None:
    """The model's probabilities for `text`, in `MODEL.classes()` order; None while it is not
    loaded, for empty text, and for text longer than `_LONGEST` (one embedding, bounded)."""
    if not text.strip() or len(text) > _LONGEST:
        return None
    return MODEL.probabilities(features(text))
