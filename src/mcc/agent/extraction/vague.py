"""Dates the user says are not decided yet.

"sometime in Q2 2028, exact date tbd" names a window, not a launch date: reading it as the
quarter's first day would invent a value the user explicitly left open. A window (a quarter, a
month, mid-month) with a hedge next to it becomes a question instead of a value; a window
without one ("launch in Q3") keeps its documented reading.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.date_mentions import DateMention, DateProblem

# Readings that pick one day out of a longer window (see `dates._quarter`, `_month_rule`).
_WINDOW_RULE = re.compile(r"first day|middle month|mid-month|late-month|mid-Q")
# A period named relative to today ("next month"): a window too, when a hedge says so ("for
# sometime next month").
_PERIOD = re.compile(r"(?:next|this|the\s+following)\s+(?:month|quarter|year)", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(
    r"\b(?:sometime|some\s+time|somewhere|at\s+some\s+point|probably|possibly|maybe|perhaps"
    r"|tentatively|roughly|approximately|ish|around|about)\b[^\n.;]{0,16}$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    r"^[^\n.;]{0,30}?(?:\b(?:tbd|tba|tbc|to\s+be\s+(?:decided|confirmed|defined|determined|agreed)"
    r"|not\s+(?:yet\s+)?(?:decided|fixed|final|confirmed|set|locked|agreed)|exact\s+(?:date|day)"
    r"|date\s+(?:pending|open)|-?ish"
    # "in Q2 at some point", "March or so", "mid-June, give or take": the hedge after the window.
    r"|at\s+some\s+point|some\s*time|or\s+(?:so|thereabouts)|give\s+or\s+take"
    r"|probably|possibly|maybe|perhaps|tentatively|hopefully)\b|\?)",
    re.IGNORECASE,
)


# Two days to choose from: "either the 3rd or the 10th of June", "June 3 or June 10": a day or
# date joined by "or" to the one read.
_OR_BEFORE = re.compile(
    r"\d(?:st|nd|rd|th)?[ \t]*,?[ \t]+or[ \t]+(?:(?:maybe|perhaps|possibly)[ \t]+)?"
    r"(?:on[ \t]+)?(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_OR_AFTER = re.compile(
    r"^[ \t]*,?[ \t]+or[ \t]+(?:(?:maybe|perhaps|possibly)[ \t]+)?(?:on[ \t]+)?(?:the[ \t]+)?"
    r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ \t]+\d)",
    re.IGNORECASE,
)


_NOT_BEFORE = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|no\s+longer|instead\s+of|rather\s+than)\s+(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def undecided(
    text: str, found: list[DateMention], problems: list[DateProblem]
) -> tuple[list[DateMention], list[DateProblem]]:
    """`found` without the hedged windows and the dates offered as alternatives, and `problems`
    with a question for each of them."""
    kept: list[DateMention] = []
    asked = list(problems)
    negated = [m for m in found if _NOT_BEFORE.search(text[max(0, m.start - 20) : m.start])]
    if len(negated) < len(found):
        # "sorry, not May 4 — May 11": the date said not to be is no date; the other one is.
        found = [m for m in found if m not in negated]
    for mention in found:
        window = (mention.rule is not None and _WINDOW_RULE.search(mention.rule)) or (
            _PERIOD.fullmatch(mention.text.strip())
        )
        before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end :]
        if window and (_HEDGE_BEFORE.search(before) or _HEDGE_AFTER.match(after)):
            message = (
                f"“{mention.text}” is a window, not a date — I'll leave the launch date open; "
                "which day will it go live?"
            )
            asked.append(DateProblem(mention.text, mention.start, mention.end, message))
        elif _OR_BEFORE.search(before) or _OR_AFTER.match(after):
            message = (
                f"“{mention.text}” is one of two dates — I'll leave the launch date open; which "
                "one will it be?"
            )
            asked.append(DateProblem(mention.text, mention.start, mention.end, message))
        else:
            kept.append(mention)
    return kept, asked


# A free-text value the user says is not decided: "objective: we'll work it out later",
# "audience: TBD", "goal - still figuring that out", "not sure who the audience is yet" (read as
# the audience "yet"). Such words are no audience or objective: the field stays empty and is
# asked for, instead of holding the user's hesitation.
_UNDECIDED_OPENING = re.compile(
    r"^(?:(?:honestly|tbh|um+|hmm+|well|so|uh+|er+m?)\W+)*"
    r"(?:tb[dca]|n/?a|unknown|undecided|unsure|pending|later|yet|\?+"
    r"|not\s+(?:\w+\s+)?(?:sure|decided|known|set|final|confirmed|defined|clear|fixed)"
    r"|(?:i|we)\s+(?:don'?t|do\s+not)\s+know|don'?t\s+know|dunno|idk|no\s+(?:idea|clue)|not\s+yet"
    r"|to\s+be\s+(?:decided|confirmed|defined|determined|agreed|discussed)"
    r"|still\s+(?:deciding|working|figuring|thinking|discussing|debating|open|tbd)"
    r"|(?:we'?ll|we\s+will|i'?ll|i\s+will|will|gonna|let'?s|we\s+need\s+to|need\s+to)\s+"
    r"(?:work|figure|sort|decide|define|nail|pin|think|hash|iron|finali[sz]e|confirm|see)\b"
    r"|(?:haven'?t|have\s+not|not)\s+(?:yet\s+)?(?:decided|figured|worked|settled|agreed|chosen)"
    r"|up\s+in\s+the\s+air|open\s+(?:question|for\s+now|item)|(?:decide|decided|tbd)\s+later"
    r"|anyone'?s\s+guess|who\s+knows)(?![\w-])",
    re.IGNORECASE,
)
# The same hesitation just before a field's label in its sentence: "not sure who the audience
# is yet", "no idea what the goal should be"; not across a dash ("not sure about who yet — the
# goal is 200 sign-ups": the doubt is the audience's, the goal is given).
_UNDECIDED_BEFORE = re.compile(
    r"\b(?:not\s+(?:\w+\s+)?sure|(?:don'?t|do\s+not)\s+know|dunno|idk|no\s+(?:idea|clue)|unsure"
    r"|undecided|haven'?t\s+(?:yet\s+)?(?:decided|figured|settled|worked)|still\s+(?:deciding"
    r"|figuring|working)|tb[dc])\s+(?:yet\s+)?(?:who|whom|what|which|how|about|on|of|re|regarding)\b"
    r"(?:(?!\s-\s)[^.,;!?\n—–]){0,30}$",
    re.IGNORECASE,
)


def undecided_value(value: str, before: str = "") -> bool:
    """`value` (for an audience or objective) says it is not decided yet, or the words `before`
    its label in the same sentence do."""
    return bool(_UNDECIDED_OPENING.match(value.strip())) or bool(_UNDECIDED_BEFORE.search(before))
