"""What the assistant just asked shapes what a reply can mean: a prior over acts per context.

After a preview ("Shall I create it?") a message is mostly a yes, a no, a pause, a change or a
question; while details are collected, a value, a question, an "I don't know" or a cancel; after
a creation, another campaign, a status request or a question. The classifier's probabilities are
multiplied by this prior and renormalised, so an act the context does not expect needs strong
evidence to win ("50/50" after a preview is doubt, not a detail). The prior never creates
anything: a learned yes still only passes through the exact yes gate (`mcc.agent.guardrails`).
"""

from __future__ import annotations

from enum import StrEnum

# The weight of an act the context does not expect: low enough that a near tie goes to an
# expected act, high enough that a clear message of another act keeps it.
UNEXPECTED = 0.05


class Context(StrEnum):
    PREVIEW = "preview"  # a preview was shown, "Shall I create it?"
    DETAILS = "details"  # a field was asked for
    CREATED = "created"  # a campaign was just created


# Acts expected in each context (act names, as `Act` values).
EXPECTED: dict[Context, frozenset[str]] = {
    Context.PREVIEW: frozenset(
        {
            "confirm",
            "decline",
            "hold",
            "change",
            "cancel",
            "question",
            "unsure",
            "status",
            "list",
            "smalltalk",
        }
    ),
    Context.DETAILS: frozenset(
        {
            "details",
            "change",
            "question",
            "cancel",
            "unsure",
            "hold",
            "status",
            "list",
            "smalltalk",
        }
    ),
    # After a creation nothing is pending: a yes, a no or a pause answers nothing. A change or
    # details stay expected, so that "make it 45k" is told the campaign is already created
    # rather than read as another campaign.
    Context.CREATED: frozenset(
        {
            "new_campaign",
            "status",
            "list",
            "question",
            "smalltalk",
            "change",
            "details",
            "cancel",
        }
    ),
}


def weights(context: Context | None, classes: list[str]) -> list[float]:
    """The prior's weight of each class in `context` (all 1 without a context)."""
    if context is None:
        return [1.0] * len(classes)
    expected = EXPECTED[context]
    return [1.0 if label in expected else UNEXPECTED for label in classes]
