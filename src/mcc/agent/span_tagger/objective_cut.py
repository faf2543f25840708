"""Where the span tagger's objective ends when its tail runs into another field's words.

The tagger often marks a target together with what the writer said next ("600 bookings, we have
[$2,500]", "two hundred people on [the twelfth of March]"). The objective is then its own clause
up to those words, when what is left is a measurable target (it holds a figure): a span that
ran into an audience or a date with no figure before it ("our factory in Gothenburg for [trade
journalists]") is more likely the tagger's mistake than a target. A date after "by",
"before" or "in" is the target's deadline or time frame ("add 1,000 members by [August]", "40
demo requests in [Q2]"): part of the objective.
"""

from __future__ import annotations

import re

# Where an objective's clause ends before another field's words: a comma or a dash, or a
# speaker's next clause ("we have", "we've got", "and budget is", "it's on"). A comma inside a
# figure ("1,000") is none.
_CLAUSE_END = re.compile(
    r"\s*[,;](?!\d)|\s*[—–]|\s+-\s|\s+(?:and\s+)?(?:we|we've|we're|i|i'm|it's|its|budget|which)\b",
    re.IGNORECASE,
)
_TRIM = " ,;—–-"
# What the writer says of a target after it: "300 conversions [is the target]", "2,000
# applications [is what we need]".
SAID_OF_IT = re.compile(r"\s+(?:is|are|would\s+be|will\s+be|should\s+be)\s", re.IGNORECASE)
# A target's figure: digits, a percentage or a number said in words.
_FIGURE = re.compile(
    r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|percent|double"
    r"|twice|half)\b",
    re.IGNORECASE,
)
# The words before a target's deadline or time frame ("... by [August]", "... in [Q2]", "...
# during [the sale]").
_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|in|during|over|within|ahead\s+of|in\s+time\s+for)\s+"
    r"(?:the\s+)?(?:end\s+of\s+)?$",
    re.IGNORECASE,
)


# Where a target is counted: "+5k followers on [TikTok]", "sign-ups via [LinkedIn]".
_COUNTED_ON = re.compile(r"\b(?:on|via|through|across)\s+(?:the\s+|our\s+)?$", re.IGNORECASE)


def counted_on(text: str, at: int) -> bool:
    """The words at `at` say where the target is counted ("... followers on TikTok"): the
    channel's words are the objective's too."""
    return bool(_COUNTED_ON.search(text, max(0, at - 16), at))


def has_figure(words: str) -> bool:
    """`words` count something: a measurable target."""
    return bool(_FIGURE.search(words))


def counted_objective(field: str, value: str) -> bool:
    """An objective that counts something ("25% open rate"): judged by the exact reply rules
    only, wherever it is read (the learned act classifier took it for an unsure reply)."""
    return field == "objective" and has_figure(value)


def deadline(text: str, at: int) -> bool:
    """The words at `at` are a target's deadline ("... by August")."""
    return bool(_DEADLINE.search(text, max(0, at - 24), at))


def objective_end(text: str, start: int, cut: int) -> int | None:
    """The end of the objective starting at `start` whose span was cut at `cut` (another
    field's words); None when what is left holds no figure."""
    tail = list(_CLAUSE_END.finditer(text, start, cut))
    end = tail[-1].start() if tail else cut
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return end if _FIGURE.search(text, start, end) else None


# The verb of "we get / want / need ..." when the span starts at it: the writer's target is
# what follows ("so that we [get 600 bookings]" -> "600 bookings"); a labelled "Goal: get 50
# demo requests" has no "we" before it and keeps its verb.
_WE_BEFORE = re.compile(r"\bwe\s+$", re.IGNORECASE)
_WANTING = re.compile(r"(?:get|want|need)\s+(?:to\s+)?(?=\S)", re.IGNORECASE)


# "get us" before a counted target is no part of it: "can it [get us] 200 signups"; a labelled
# "Goal: get 50 demo requests" keeps its verb, and a content verb stays ("drive 800 trials").
_LIGHT_BEFORE_FIGURE = re.compile(
    r"(?:(?:get(?:s|ting)?\s+)?us\s+)(?=[+~$€£₹]?\d|(?:one|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|twenty|thirty|forty|fifty|a\s+hundred|a\s+thousand)\b)",
    re.IGNORECASE,
)


def after_wanting(text: str, start: int, end: int) -> int:
    """Where the objective spanning [start, end) starts without a "we"-clause's verb or the
    "get us" before its figure."""
    light = _LIGHT_BEFORE_FIGURE.match(text, start, end)
    if light and light.end() < end:
        return light.end()
    if not _WE_BEFORE.search(text, max(0, start - 8), start):
        return start
    verb = _WANTING.match(text, start, end)
    return verb.end() if verb and verb.end() < end else start


# A target's figure just before the span (the tagger's tokens split "+3,000" and "£120k" from
# the words they count): "[+3,]000 subscribers", "[£120k] online sales".
_FIGURE_BEFORE = re.compile(
    r"(?:[+~]|[$€£₹₱¥])?\d[\d,.]*(?:\s?(?:%|k|m|mn|bn|million|billion|crores?|lakhs?))?[ \t]*$",
    re.IGNORECASE,
)


def with_figure(text: str, start: int) -> int:
    """Where the objective starting at `start` starts once the figure just before it is in."""
    figure = _FIGURE_BEFORE.search(text, max(0, start - 16), start)
    if figure is None or (figure.start() > 0 and text[figure.start() - 1].isalnum()):
        return start
    return figure.start()


def before_said_of_it(text: str, start: int, end: int) -> int:
    """Where the objective spanning [start, end) ends without what is said of it."""
    said = SAID_OF_IT.search(text, start, end)
    return said.start() if said and said.start() > start else end
