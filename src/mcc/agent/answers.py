"""A bare answer to the free-text question the assistant just asked ("Spring Promo" after
"What should it be called?"): what the extraction left over, taken whole as that field.

Kept apart from the engine so that measurements (`scripts/objective_losses.py`) read a reply
exactly as a conversation does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mcc.agent import intents
from mcc.agent.extraction import Extraction
from mcc.agent.extraction.leading_marks import clean_start
from mcc.agent.guardrails import FREE_TEXT, FieldUpdate, reply_act

_QUOTED = re.compile(r"[\"'“‘«](.+)[\"'”’»]")
_NAME_LONGEST = 200
_ACKNOWLEDGED = re.compile(
    r"\s*(?:sure|ok(?:ay)?|yes|yep|yeah|right|of\s+course|absolutely|fine|got\s+it)\s*[—–:-]\s*",
    re.IGNORECASE,
)


def acknowledged_answer(message: str) -> str | None:
    """The answer after an acknowledgement ("sure — night-shift nurses at the county
    hospitals"): the words after it, when they are no reply of their own ("sure — go ahead")."""
    opened = _ACKNOWLEDGED.match(message)
    if opened is None:
        return None
    rest = message[opened.end() :].strip()
    return rest if len(rest.split()) >= 2 and reply_act(rest) is None else None


def answer_to_asked(
    found: Extraction,
    asked: Sequence[str],
    message: str,
    *,
    is_reply: bool,
    unsure: bool,
    moves_date: bool = False,
) -> FieldUpdate | None:
    """The leftover words of `message` as the first free-text field `asked` that `found` lacks.

    Only when the message is meant as that value: never a reply (a yes, a hold, a question,
    small talk), which the guardrails would refuse anyway, nor an order that moves the launch
    date (`moves_date`: "push the launch back by 2 weeks" became the objective as well)."""
    pending = [f for f in asked if f in FREE_TEXT and f not in found.values]
    # "sure — awareness", "mainly nurses": what leads into a value is no part of it.
    text = clean_start(found.leftover.strip())
    quoted = _QUOTED.fullmatch(text)
    text = quoted.group(1).strip() if quoted else text
    # "40 named accounts in insurance" implies ABM and still answers "who is it for?".
    stated = [c for c in found.values.values() if not c.implied]
    bare = not (stated or found.channels or found.removed_channels or found.problems)
    if not pending or not text or not bare or unsure or moves_date or intents.is_question(message):
        return None
    is_reply = is_reply and acknowledged_answer(message) is None
    if not quoted and (is_reply or reply_act(text) is not None):
        return None
    if pending[0] != "name" and len(text) < 3:
        return None
    if pending[0] == "name" and len(text) > _NAME_LONGEST:
        return None
    return FieldUpdate(pending[0], text, text)
