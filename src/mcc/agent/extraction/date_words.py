"""Date forms of everyday planning talk that the calendar patterns of `dates` leave out.

- A month name typed in a hurry next to its day ("Spetember 3", "Octber 12", "3 Decmeber"): read
  as the month, padded to the typed word's length so positions and the user's words stay.
- "this coming Monday": the next Monday after today.
- "the 15th" with no month, after a date cue or as the answer to the date question: the next
  15th (today counts), as "on the 15th" already was.
- A run length after (or before) a launch date: "Oct 12 for six weeks", "a 2-week flight from 19
  October", "launch 1 Dec, 30 days". The end is the run's last day: launch + length - 1 day, so
  "from 1 June for 30 days" ends on June 30, as "from 1 June to 30 June" does.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from mcc.agent.extraction.date_mentions import DateMention
from mcc.agent.extraction.periods import MONTH, ordinal
from mcc.agent.extraction.typos import _one_edit
from mcc.campaigns.schemas import DATE_MAX

_MONTH_NAMES = tuple(calendar.month_name[m].lower() for m in range(1, 13))
_WORD_BEFORE_DAY = re.compile(r"\b(?P<w>[A-Za-z]{5,10})\.?(?=\s+\d{1,2}(?:st|nd|rd|th)?\b)")
_WORD_AFTER_DAY = re.compile(r"(?<=\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<w>[A-Za-z]{5,10})\b")
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNT = r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month)s?"
_WEEKDAY = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
THIS_COMING = re.compile(rf"\b(?:this\s+)?coming\s+{_WEEKDAY}\b", re.IGNORECASE)
# "the 15th" alone: not "the 15th of March" / "the 15th March" (a full date) nor "the 5th wave".
THE_DAY = re.compile(
    rf"\bthe\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?{MONTH})"
    r"(?=\s*(?:$|[,.;:!?)\n]|(?:at|and|or|please|then|if|so|but|for|with|-|–)\b))",
    re.IGNORECASE,
)
# A run's length: "for six weeks", "runs for 3 weeks", "a 2-week flight", ", 30 days".
_RUN_LENGTHS = tuple(
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for pattern in (
        rf"\b(?:for|lasting|over)\s+(?:the\s+next\s+)?{_COUNT}\s+{_UNIT}\b",
        rf"\b{_COUNT}[\s-]{_UNIT}\s+(?:flight|burst|run|window|push|sprint|campaign|promo)\b",
        rf"(?:^|(?<=,))[ \t]*{_COUNT}\s+{_UNIT}[ \t]*(?=$|[,.;\n])",
    )
)
_END_CUE = re.compile(
    r"\b(?:through|thru|until|till|to|into|end(?:s|ing)?(?:\s+in)?)\s+(?:the\s+end\s+of\s+)?$",
    re.IGNORECASE,
)
_RUN_GAP = 48  # characters between a launch date and its run length


def month_typos(text: str) -> str:
    """`text` with a misspelt month name next to a day replaced by the month's abbreviation,
    padded with spaces to the same length."""
    for pattern in (_WORD_BEFORE_DAY, _WORD_AFTER_DAY):
        for match in pattern.finditer(text):
            word = match["w"].lower()
            # A month name with letters added is a word of its own ("Augusta 12").
            if re.fullmatch(MONTH, word) or word.startswith(_MONTH_NAMES):
                continue
            month = next((m for m in _MONTH_NAMES if len(m) >= 5 and _one_edit(word, m)), None)
            if month is not None and word[0] == month[0]:
                start, end = match.span("w")
                text = text[:start] + month[:3].ljust(end - start) + text[end:]
    return text


def this_coming(match: re.Match[str], today: date) -> date:
    weekday = _WEEKDAYS.index(match["wd"][:3].lower())
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def the_day(match: re.Match[str], today: date) -> date | str:
    """ "the 15th": the next 15th, this month's when it is still ahead (today counts)."""
    day = int(match["day"])
    for offset in range(3):
        index = today.month - 1 + offset
        year, month = today.year + index // 12, index % 12 + 1
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    return f"No month soon has a {ordinal(day)} — which date did you mean?"


def _add_months(value: date, months: int) -> date:
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def run_end(text: str, start: int, end: int, launch: date) -> tuple[int, int, date] | None:
    """The end a run length next to the launch date at [start, end) gives, with the span of
    the launch and the length together (the words that say the end), or None."""
    for match in (m for pattern in _RUN_LENGTHS for m in pattern.finditer(text)):
        before = match.end() <= start and not text[match.end() : start].strip(" \t,-–")[_RUN_GAP:]
        after = match.start() >= end and len(text[end : match.start()]) <= _RUN_GAP
        between = text[match.end() : start] if before else text[end : match.start()]
        if not (before or after) or "\n" in between or re.search(r"\d", between):
            continue
        raw = match["n"].lower()
        count = _COUNTS.get(raw) or int(raw)
        unit = match["unit"].lower()
        try:
            if unit == "month":
                last = _add_months(launch, count) - timedelta(days=1)
            else:
                last = launch + timedelta(days=count * (7 if unit == "week" else 1) - 1)
        except (OverflowError, ValueError):
            return None  # "for 99999999 days": past any calendar
        if last > DATE_MAX:
            return None  # "launch Feb, 999 months": past any date a campaign may have
        return min(start, match.start()), max(end, match.end()), last
    return None


def _end_cue_start(text: str, start: int) -> int:
    """Where the end word before a month begins ("through November"), so that the words kept
    as evidence read as that month's last day again."""
    match = _END_CUE.search(text, max(0, start - 40), start)
    return match.start() if match else start


def run_ends(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A month alone as the end ("through November") is its last day; a launch with a run
    length and no end ("Oct 12 for six weeks") ends on the run's last day."""
    mentions = [
        DateMention(
            m.value.replace(day=calendar.monthrange(m.value.year, m.value.month)[1]),
            text[_end_cue_start(text, m.start) : m.end],
            _end_cue_start(text, m.start),
            m.end,
            "end",
            "a month alone as the end is read as its last day",
        )
        if m.role == "end" and m.rule == "a month alone is read as its first day"
        else m
        for m in mentions
    ]
    launches = [m for m in mentions if m.role != "end"]
    if len(launches) != 1 or any(m.role == "end" for m in mentions):
        return mentions
    launch = launches[0]
    found = run_end(text, launch.start, launch.end, launch.value)
    if found is None:
        return mentions
    start, end, value = found
    rule = "the end is the last day of the run length after the launch"
    # The date a run starts from is its launch, whatever word came before it.
    started = DateMention(
        launch.value, launch.text, launch.start, launch.end, "launch", launch.rule
    )
    rest = [started if m is launch else m for m in mentions]
    return [*rest, DateMention(value, text[start:end], start, end, "end", rule)]
