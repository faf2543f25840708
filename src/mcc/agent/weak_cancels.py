"""A cancel the act classifier only guesses, that is more likely the value of a field.

"What's the objective?" — "clear the spare stock": the classifier reads a cancel in "clear"
(0.60), and the draft was dropped. A cancel speaks of the draft ("forget the whole thing",
"scrap it", "start over") or of nothing ("nevermind"); a reply whose words are a thing in the
world ("the spare stock", "the churn") that no cancel ever mentions is the answer to the
question asked. Losing a draft takes an explicit cancel (the exact rules in the guardrails),
a reference to the draft, or a classifier that is sure.

Measured on the acts corpora's 521 cancel examples, each left out of the vocabulary in turn: 17
would read as weak (at the confidence the trained classifier gives them), 15 of them in another
language ("abbrechen", "Borra el borrador").
"""

from __future__ import annotations

import re
from functools import cache

from mcc.agent.acts import Act, Guess, normal
from mcc.agent.acts.corpus import labelled

# Above this the classifier's cancel stands whatever the words.
SURE = 0.9
# What a cancel is about: the draft or the conversation, by pronoun or by name, or the act of
# starting again ("start over", "reset").
_THE_DRAFT = re.compile(
    r"\b(?:it|its|it's|this|that|these|those|everything|all|whole|entire|lot|draft|drafts"
    r"|campaign|campaigns|request|project|programme|program|thing|one|cancel\w*|abort\w*"
    r"|start(?:ing)?\s+(?:over|again|afresh|fresh|from)|restart|reset|redo|undo|nvm"
    r"|never\s?mind|anymore|happening|whatever|so\s+far|in\s+progress"
    r"|what\s+(?:you|we)(?:'ve|\s+have))\b"
)
_WORD = re.compile(r"[^\W\d_][\w']*")


@cache
def _cancel_words() -> frozenset[str]:
    """Every word of the labelled cancel examples."""
    rows = labelled(str)
    return frozenset(
        w for act, text in rows if act == "cancel" for w in _WORD.findall(normal(text))
    )


def weak_cancel(text: str, guess: Guess) -> bool:
    """The classifier's `guess` for `text` is a cancel the words do not back: not sure, naming
    no draft, and with words no cancel uses."""
    if guess.act is not Act.CANCEL or guess.confidence >= SURE:
        return False
    words = normal(text)
    if _THE_DRAFT.search(words):
        return False
    known = _cancel_words()
    return any(word not in known for word in _WORD.findall(words))
