"""A question about the draft in progress ("what do you have so far?", "what's still missing?",
"what else do you need from me?", "recap the draft", "what's the budget on this one?"), and its
answer: what the draft holds and what it still needs.

Without it such a question fell through to the knowledge base ("what's still missing?" cited a
launch checklist) or to "I only use values you give me", and the user never learned where the
draft stood.
"""

from __future__ import annotations

import re

from mcc.agent import policy_answers, rendering
from mcc.agent.policy_answers import Topic
from mcc.agent.state import FIELD_LABELS, DialogueState
from mcc.campaigns.tiers import TierPolicy, TierVerdict

# What may open the question: a filler, then "can you", then "please".
_LEAD = (
    r"(?:(?:ok(?:ay)?|so|and|right|hey|btw|sorry|quick\s+q(?:uestion)?)[\s,:—–-]+)*"
    r"(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?"
)
# What the question is about: the draft, nothing else ("from me", "for it", "on this one").
_ABOUT = (
    r"(?:[\s,]+(?:(?:for|on|about|in|from|of|with)\s+)?(?:it|this(?:\s+one)?|that(?:\s+one)?"
    r"|(?:the|this|my|our)\s+(?:draft|campaign|brief|one)|me|us|so\s+far|till\s+now|until\s+now"
    r"|at\s+the\s+moment|right\s+now|yet|still|then|please|pls))*"
)
_FIELD = (
    r"(?:name|type|budget|objective|goal|audience|target\s+audience|launch(?:\s+date)?|channels?)"
)
_ASKS = re.compile(
    rf"{_LEAD}(?:what\s+(?:do|have|did)\s+(?:you|we)\s+(?:got|get|have|gotten)"
    r"|what(?:'?s|\s+is|\s+are)\s+(?:still\s+)?(?:missing|left|outstanding|needed|remaining)"
    r"|what\s+(?:else\s+)?(?:do\s+)?(?:you\s+)?(?:still\s+)?need(?:\s+to\s+know)?"
    r"|(?:is\s+)?(?:there\s+)?anything\s+(?:else\s+)?(?:missing|left|needed)"
    r"|recap|summari[sz]e|sum\s+(?:it\s+)?up|show\s+me\s+(?:the|my|this|our)\s+(?:draft|campaign)"
    r"|where\s+(?:are|do)\s+we(?:\s+stand|\s+at)?|what(?:'?s|\s+is)\s+(?:still\s+)?left\s+to"
    r"\s+(?:fill(?:\s+in)?|do|add|give|answer|decide)"
    rf"|what(?:'?s|\s+is|\s+are)\s+the\s+{_FIELD}\s+(?:on|for|of|in)\s+(?:it|this(?:\s+one)?"
    r"|the\s+draft))"
    rf"{_ABOUT}[\s?.!]*",
    re.IGNORECASE,
)


def asks_about_draft(message: str) -> bool:
    """`message` asks what the draft holds or still needs, and asks nothing else."""
    return bool(_ASKS.fullmatch(message.strip()))


# The fields a recap lists, in the order a preview shows them.
_SHOWN = ("name", "type", "target_audience", "objective", "budget", "launch_date", "end_date")


def recap(state: DialogueState, missing: list[str], default_currency: str) -> str:
    """What the draft holds, then what it still needs (none when the preview is complete)."""
    draft = state.draft
    currency = rendering.currency_of(draft, default_currency)
    shown = [
        rendering.change_line(name, None, value, currency)
        for name in _SHOWN
        if (value := draft.get(name)) is not None
    ]
    if draft.channels:
        shown.append("channels: " + ", ".join(draft.channels))
    lines = ["So far the draft has " + "; ".join(shown) + "." if shown else "The draft is empty."]
    if missing:
        lines.append("Still needed: " + ", ".join(FIELD_LABELS[name] for name in missing) + ".")
    return " ".join(lines)


# "who approves this one?", "how much notice does it need?": the draft in progress.
_THIS_DRAFT = re.compile(
    r"\b(?:this|that|my|our)\s+(?:one|campaign|draft)\b"
    r"|\b(?:approves?|sign(?:s|ing)?[\s-]*off(?:\s+on)?|does|do|for|on)\s+(?:it|this|that)\b",
    re.IGNORECASE,
)


# Words of an approver or lead-time question that name nothing it could be about: "yes? which
# approver again?", "who signs off, remind me?", "what was the lead time?". Mid-draft, such a
# question is about the draft: nothing else is in sight.
_BARE_WORDS = re.compile(
    r"\b(?:yes|yeah|yep|ok(?:ay)?|sure|wait|hang\s+on|hold\s+on|hmm+|so|and|but|sorry"
    r"|remind\s+me|again|then|here|now|who|whom|which|what|how|is|was|were|will|would|be|'s|s"
    r"|the|an?|approvers?|approv(?:es|al|e|ing)|needs?|needed|to|signs?|signing|sign-?off|off"
    r"|ok'?s|okays|green[\s-]?lights?|do|does|did|we|i|you|say|said|mentioned|tell|me|us|lead"
    r"|times?|notice|much|many|weeks?|days?|have|has|get|from|one|person|level"
    r"|exactly|quick(?:ly)?|q|just|pls|please|for|of|it)\b|[\W_]+",
    re.IGNORECASE,
)


def asked_of_draft(question: str, tier: int | None, policy: TierPolicy) -> str:
    """`question` about the draft's approver or lead time, with the draft's tier said.

    Mid-draft, "who approves this one?" got every tier's approver and "tell me the budget",
    though the draft already had a tier; so did a bare "which approver again?". Only a question
    that names no budget, channels or tier of its own is about the draft ("who approves a 200k
    launch?" is not)."""
    bare = not _BARE_WORDS.sub("", question).strip()
    if tier is None or not (_THIS_DRAFT.search(question) or bare):
        return question
    if policy_answers.topic(question) not in {Topic.APPROVER, Topic.LEAD_TIME}:
        return question
    if policy_answers.places(question, policy):
        return question
    return f"{question} (tier {tier})"


# "hang on, is that tier 2?", "what tier is this one?", "which tier would it be?", "explain the
# tier again?"
_DRAFT_TIER = re.compile(
    rf"{_LEAD}(?:(?:hang|hold)\s+on|wait|hmm+)?[\s,:—–-]*"
    r"(?:is\s+(?:that|this|it)(?:\s+one)?\s+(?:a\s+)?tier\s*(?P<n>[123])"
    r"|(?:what|which)\s+tier\s+(?:is|would)\s+(?:that|this|it)(?:\s+one)?(?:\s+be)?"
    # "can you explain the tier again?", "why is it tier 2?", "what makes this one tier 1?"
    r"|(?:explain|remind\s+me\s+(?:of|about))\s+(?:the|its|this|that)\s+tier"
    r"|(?:why|how\s+come)\s+(?:is\s+)?(?:it'?s?|this|that)?(?:\s+one)?\s*(?:a\s+)?tier(?:\s*[123])?"
    r"|what\s+makes\s+(?:it|this|that)(?:\s+one)?\s+(?:a\s+)?tier(?:\s*[123])?)"
    rf"(?:\s+again)?{_ABOUT}(?:\s+again)?[\s?.!]*",
    re.IGNORECASE,
)


def draft_tier_reply(message: str, verdict: TierVerdict) -> str | None:
    """The answer to "is that tier 2?" about the draft: its tier and why, or None when the
    message asks something else or the draft has no tier yet."""
    match = _DRAFT_TIER.fullmatch(message.strip())
    if match is None or verdict.tier is None:
        return None
    said = rendering.tier_line(verdict)
    if match["n"] is None:
        return said
    return ("Yes. " if int(match["n"]) == verdict.tier else "No. ") + said
