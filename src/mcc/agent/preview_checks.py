"""At a preview, the user asking us to check it: "looks ok?", "does that look right to you?",
"is this all correct?", "anything wrong with it?", "good to go?", "thoughts?".

Such a question is about the draft on screen, not the playbooks: it was searched in the
knowledge base and came back with passages about briefs and proofing. Its answer is what the
assistant can check (every value came from the user, the tier and its approver follow the
policy, the warnings) and the yes it still needs; whether the values are what the user meant
only the user can say. It never creates: a question is no yes (DESIGN.md §6).
"""

from __future__ import annotations

import re

from mcc.agent import rendering
from mcc.campaigns.tiers import TierVerdict

_LEAD = r"(?:(?:ok(?:ay)?|so|and|hmm+|um+|well|right|quick\s+check|sanity\s+check)[\s,:—–-]+)*"
_SUBJECT = (
    r"(?:it|this|that|this\s+one|that\s+one|everything|all\s+(?:of\s+)?(?:this|that|it)|all"
    r"|the\s+(?:draft|preview|campaign|plan|setup|details|summary)|we)"
)
_FINE = (
    r"(?:ok(?:ay)?|good|right|correct|fine|alright|all\s+right|accurate|complete|in\s+order"
    r"|legit|sensible|reasonable|sane|ready|set|good\s+to\s+go|ready\s+to\s+go|about\s+right)"
)
_TAIL = (
    r"(?:[\s,]+(?:to\s+(?:you|u)|from\s+(?:your|ur)\s+(?:side|end)|then|now|so\s+far|overall"
    r"|as\s+is|there|here|in\s+your\s+view|do\s+you\s+think|you\s+think|would\s+you\s+say))*"
)
_CHECK = re.compile(
    rf"{_LEAD}(?:"
    # "does that look right to you?", "is this all correct?", "looks ok?", "we good?"
    rf"(?:(?:does|do|did|is|are|would|will|should)\s+)?(?:{_SUBJECT}\s+)?(?:all\s+|still\s+)?"
    rf"(?:(?:look|looks|seem|seems|sound|sounds|read|reads|feel|feels)(?:\s+to\s+be)?\s+)?"
    rf"(?:(?:all|pretty|about|mostly|basically)\s+)?{_FINE}{_TAIL}"
    # "anything wrong with it?", "any issues?", "did I miss anything?", "am I missing something?"
    r"|(?:is\s+there\s+|do\s+you\s+see\s+|see\s+)?any(?:thing)?\s+(?:wrong|off|missing|amiss"
    r"|problems?|issues?|concerns?|red\s+flags?)(?:\s+(?:with|in)\s+(?:it|this|that|the\s+\w+))?"
    r"|(?:did|have)\s+(?:i|we)\s+(?:miss(?:ed)?|forg[eo]t(?:ten)?)\s+(?:anything|something)"
    r"|(?:am|are)\s+(?:i|we)\s+missing\s+(?:anything|something)"
    # "thoughts?", "what do you think?", "your take?", "wdyt?"
    r"|thoughts|any\s+thoughts|wdyt|your\s+(?:take|view|opinion)"
    r"|what\s+do\s+you\s+(?:think|reckon|say)(?:\s+(?:of|about)\s+(?:it|this|that))?"
    r"|(?:can|could|would)\s+you\s+(?:double[\s-]?)?check\s+(?:it|this|that|the\s+\w+)"
    r")[\s?!.]*",
    re.IGNORECASE,
)


def asks_for_check(message: str) -> bool:
    """`message` asks whether the draft on screen is right, and asks nothing else. A question
    mark, or a question's own opening, is needed: "looks good" alone is a yes's business."""
    text = message.strip()
    if not _CHECK.fullmatch(text):
        return False
    return "?" in text or bool(re.match(r"(?i)(?:does|do|did|is|are|would|can|could)\b", text))


def check_reply(verdict: TierVerdict, warnings: list[str]) -> str:
    """What the assistant can vouch for in the preview, and what only the user can."""
    parts = [
        "Here's what I checked: every value in the preview above is one you gave me (nothing is "
        "guessed), and the tier follows the playbook."
    ]
    if verdict.tier is not None:
        parts.append(rendering.tier_line(verdict))
    if warnings:
        parts.append("Worth a look before you confirm: " + " ".join(warnings))
    parts.append(
        "Whether the name, audience, objective, budget and dates are what you meant, only you "
        "can say."
    )
    return " ".join(parts)
