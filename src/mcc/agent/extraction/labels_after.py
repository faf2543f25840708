"""A value said before its label: "more puppy class bookings is the goal", "dog owners in Leeds
are the crowd".

People answer "who is it for?" and "what's the goal?" as often by naming the thing first and
saying what it is after it as by a label first. The label word after "is/are the" says which
field the words before it are; the words run back to the start of their clause, and are two
words or more that are no pronoun, hedge, label or channel.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text, only_label_words
from mcc.agent.extraction.vocabulary import channels_in, types_in

# What the label word says the words before it are.
_FIELD_OF = {
    "goal": "objective", "aim": "objective", "objective": "objective", "hope": "objective",
    "dream": "objective", "ambition": "objective", "outcome": "objective",
    "audience": "target_audience", "crowd": "target_audience",
    "target audience": "target_audience", "target group": "target_audience",
}  # fmt: skip
_LABEL_AFTER = re.compile(
    # The clause's start: the message's, a line's, or after a full stop, semicolon or dash.
    r"(?:^|(?<=[\n.;!?—–])|(?<=[\n.;!?,—–][ \t]))[ \t]*"
    r"(?P<value>[^\s.;,!?\n—–\x00][^.;,!?\n—–\x00]{2,100}?)[ \t]+(?:is|are|would\s+be|will\s+be)"
    r"[ \t]+(?:the|our|my)[ \t]+(?:main[ \t]+|real[ \t]+|big[ \t]+|key[ \t]+)?"
    r"(?P<label>target[ \t]+(?:audience|group)|goal|aim|objective|hope|dream|ambition|outcome"
    r"|audience|crowd)"
    # The label ends its clause ("... is the goal here", "... are the crowd.").
    r"(?=[ \t]*(?:here|for\s+(?:this|us)(?:\s+one)?)?[ \t]*(?:[.;,!?\n—–]|$))",
    re.IGNORECASE,
)
# Words that make the clause something else than a value: a question, a pronoun, a hedge said
# before the value ("We think retirees are the crowd"), another field's label ("Budget is the
# goal").
_NOT_A_VALUE = re.compile(
    r"^(?:what|who|which|how|why|where|when|that|this|it|they|we|i|you|he|she|both|all|there"
    r"|these|those|everyone|everything|our\s+(?:biggest|main|only)\s+problem)\b",
    re.IGNORECASE,
)
_FEWEST_WORDS = 2


def values_before_labels(text: Text, result: Extraction) -> None:
    """Read each free-text field still empty from a value said before its label; masked."""
    for match in _LABEL_AFTER.finditer(text.work):
        field = _FIELD_OF[re.sub(r"\s+", " ", match["label"].lower())]
        value = text.span(*match.span("value")).strip()
        if field in result.values or MASK in match.group() or _NOT_A_VALUE.match(value):
            continue
        if len(value.split()) < _FEWEST_WORDS or only_label_words(value):
            continue  # "Budget is the goal", "Price is the aim": no value of its own
        if channels_in(value) or types_in(value):
            continue  # "Instagram ads are the goal": a channel's words, read as the channel
        result.values[field] = Candidate(field, value, text.span(*match.span()).strip())
        text.mask(*match.span())
