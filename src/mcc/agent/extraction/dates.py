"""Launch and end dates in what people type, relative to a given "today".

dateparser reads the absolute and relative forms ("February 15, 2026", "15 March", "3/4/2026",
"in 4 weeks", "next Tuesday", "tomorrow"); a few forms it cannot read are rules of ours, and each
such value records the rule so the preview can say how the date was read: a quarter ("Q2") is its
first day, a month alone ("March 2026") its first day, "mid-March" the 15th, "end of March" the
last day. Relative forms count only after a word that says they are a date ("in", "on", "launch"),
so "Q1 offers" in an objective is not taken for a launch date.

A date that is not on the calendar ("February 30, 2027", "13/13/2027"), outside the range a
campaign may have (2000-01-01..2100-12-31) or written as eight bare digits ("20260101") is never
moved to a nearby day nor dropped in silence: it becomes a `DateProblem` whose message asks the
user which date they meant, and its words are used up so no other rule reads a part of them.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

from mcc.agent.extraction.date_forms import as_plain_dates
from mcc.agent.extraction.date_mentions import DateMention, DateProblem, Role
from mcc.agent.extraction.date_ranges import (
    DAY_RANGE,
    MONTH_NUMBERS,
    day_range,
    next_occurrence,
    out_of_range,
    ranges,
)
from mcc.agent.extraction.date_words import (
    THE_DAY,
    THIS_COMING,
    month_typos,
    run_ends,
    the_day,
    this_coming,
)
from mcc.agent.extraction.dotted_days import YEAR_END_RULE, dotted_days, year_ends
from mcc.agent.extraction.foreign_months import foreign_months
from mcc.agent.extraction.iso_weeks import iso_week_days
from mcc.agent.extraction.named_days import counted_weekdays, named_days
from mcc.agent.extraction.periods import MONTH, PERIOD, ordinal, period_date
from mcc.agent.extraction.phrase_dates import parse_phrase
from mcc.agent.extraction.spoken_days import spoken_days
from mcc.campaigns.schemas import DATE_MAX, DATE_MIN

_MONTH = MONTH
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Any four digits: a year out of range must be seen (and refused), not left off the match.
_YEAR = r"\d{4}(?![\d,.]?\d)"
_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"

# Forms that are dates wherever they appear.
_ABSOLUTE = re.compile(
    rf"\b(?:\d{{4}}(?P<isep>[-/.])\d{{1,2}}(?P=isep)\d{{1,2}}(?![\d.,]\d)|\d{{1,2}}(?P<sep>[/.-])\d{{1,2}}(?P=sep)\d{{2,4}}(?![\d.,]\d)"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![ \t]*(?:(?:k|m)\b|%|\d))"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    # "4-Mar-2028", "12-Dec-27": the day-month-year of forms, spreadsheets and booking systems.
    rf"|\d{{1,2}}-{_MONTH}-(?:{_YEAR}|\d{{2}}(?!\d))"
    # "2037-Sep-15", "2037 Aug 11": year first, the month by name (calendar and ticket exports).
    rf"|\d{{4}}[-/ ]{_MONTH}[-/ ]\d{{1,2}}(?![\d.,]\d))\b",
    re.IGNORECASE,
)
# The month, then its day as an afterthought: "in December, on the 14th, 2028", "March — the
# 3rd", "June, 21st". Read as "December 14, 2028" (before the bare month can take the month).
_MONTH_THEN_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})(?:\s*[,—–-]\s*(?:on\s+)?(?:the\s+)?|\s+the\s+)(?P<day>\d{{1,2}})(?:st|nd|rd|th)"
    rf"(?:\s*,?\s*(?P<year>{_YEAR}))?\b"
    rf"|\b(?P<month2>{_MONTH})\s*[,—–-]\s*on\s+the\s+(?P<day2>\d{{1,2}})"
    rf"(?:\s*,?\s*(?P<year2>{_YEAR}))?(?=\s*(?:[,.;!)]|$))",
    re.IGNORECASE,
)
# Eight digits after a date word: maybe YYYYMMDD, maybe not; we ask rather than guess.
_COMPACT = re.compile(r"\b\d{8}\b")
_ISO_PARTS = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_DASHED_NAMED = re.compile(
    rf"(?P<d>\d{{1,2}})-(?P<m>{_MONTH})-(?P<y>\d{{2}}|\d{{4}})"
    rf"|(?P<y2>\d{{4}})[-/ ](?P<m2>{_MONTH})[-/ ](?P<d2>\d{{1,2}})",
    re.IGNORECASE,
)
_SLASH_PARTS = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})(?:[/.-](?P<y>\d{2,4}))?")
# "6/1" with no year counts only after a date word ("live 6/1"): "24/7 support" is no date.
_SHORT_SLASH = re.compile(r"\b\d{1,2}/\d{1,2}(?![/\d%])")
# "money-wise 25k, and probably 26/3": a short date at its clause's end, not "3/4 of the budget".
_CLAUSE_END = re.compile(r"[ \t]*(?:[.!?;,)]|\n|$)")
_IN_COUNT = re.compile(
    rf"(?:in\s+)?(?P<n>{_COUNT})\s+(?P<unit>day|week|month)s?(?:\s+from\s+(?:now|today))?",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NAMED_DAY = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\b")
_NAMED_YEAR = re.compile(r"\b(?P<y>\d{4})\b")
_MONTH_RULE = re.compile(
    rf"\b(?P<part>mid[-\s]?|(?:the\s+)?middle\s+of\s+|early\s+|late\s+"
    rf"|(?:the\s+)?(?:beginning|start)\s+of\s+"
    rf"|(?:the\s+)?(?:end|last\s+day)\s+of\s+|eom\s+)?"
    rf"(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?\b",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    rf"(?:\b(?P<part>(?:the\s+)?(?:end|close|(?:last|closing|final)\s+day)\s+of\s+"
    r"|(?:the\s+)?(?:start|beginning)\s+of\s+"
    rf"|mid[-\s]?))?\bQ(?P<q>[1-4])(?:\s*(?:of\s+)?(?P<year>{_YEAR}))?\b",
    re.IGNORECASE,
)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# "the second Tuesday of May": exact, so a date wherever it appears.
_NTH_WEEKDAY = re.compile(
    rf"\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+(?P<wd>{_WEEKDAY})"
    # "of next month": the month after today's.
    rf"\s+(?:of|in)\s+(?:(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"
    r"|(?P<relative>next|this|the\s+following)\s+month)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    rf"\b(?:in\s+{_COUNT}\s+(?:days?|weeks?|months?)"
    rf"|{_COUNT}\s+(?:days?|weeks?|months?)\s+from\s+(?:now|today)"
    rf"|(?:next|this)\s+(?:week|month|{_WEEKDAY})|tomorrow|(?<=on\s){_WEEKDAY})\b",
    re.IGNORECASE,
)
_THIS = re.compile(r"this\s", re.IGNORECASE)
# A negated verb in the same clause right before "in 18 months": a span without it, no date.
_SINCE_NOT = re.compile(
    r"\b(?:\w+n['’]t|not|never)\s+(?:been\s+|yet\s+)?\w+(?:\s+[^\s,.;:!?\n]+){0,4}\s+$",
    re.IGNORECASE,
)
# A relative form or a bare month counts when one of these comes right before it.
_DATE_CONTEXT = re.compile(
    r"(?:\b(?:in|on|at|by|during|from|until|till|through|to|launch(?:es|ing)?|start(?:s|ing)?"
    r"|live|date(?:\s+is)?|ends?|ending|begins?|of|for|around|circa"
    # The verbs of a launch by another name: "going out", "drops", "hits inboxes", "airs".
    r"|(?:go(?:es|ing)?|sen[dt]|roll(?:s|ing)?|ship(?:s|ping)?)\s+out|ship(?:s|ping)?"
    r"|publish(?:es|ed|ing)?|release[sd]?|releasing|drops?|dropping|airs?|airing|debuts?"
    r"|opens?|kick(?:s|ing)?\s*off|kickoff|go[\s-]?live|going\s+live"
    # "due end of Q3", "slated for", "ETA 6/1".
    r"|due|slated|scheduled|eta)|:)\s*$",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 64  # spaces between a cue and its date
_DASHES = "—–-=|→>"
_DASHED_LABEL = re.compile(
    r"\b(?:launch(?:es|ing)?(?:\s+date)?|start(?:s|ing)?(?:\s+date)?|go(?:es)?[\s-]?live(?:\s+date)?"
    r"|live(?:\s+date)?|date|kick[\s-]?off|end(?:s|ing)?(?:\s+date)?)\s*$",
    re.IGNORECASE,
)
_CUE_MAX = 24  # the longest cue ("going   live", "publishing")
_END_WORDS = re.compile(
    r"\b(?:end(?:s|ing)?|until|till|through|thru|wrap(?:s|ping)?(?:\s+up)?|finish(?:es|ing)?"
    # "First stop 14 May": a tour's first stop is where it starts.
    r"|clos(?:e|es|ing)|(?<!first\s)stop(?:s|ping)?"
    r"|runs?\s+(?:to|until))\b",
    re.IGNORECASE,
)
# "Monday the 7th of June", "Tuesday, June 8": the weekday only names the date after it.
_DATE_FOLLOWS = re.compile(rf"\s*,?\s*(?:the\s+)?(?:\d|{_MONTH})", re.IGNORECASE)
_LAUNCH_WORDS = re.compile(
    r"\b(?:launch(?:es|ing)?|lanch|start(?:s|ing)?|go(?:es)?[\s-]live|live|kick(?:s)?\s*off"
    # "the end date 2027-03-31": "date" after an end word is the end's ("end" comes first).
    r"|begin(?:s)?|from|send(?:s|ing)?|release[sd]?|drops?"
    r"|(?<!end\s)(?<!end-)(?<!ending\s)(?<!closing\s)(?<!finish\s)date|go(?:es|ing)?\s+out|sent\s+out"
    r"|roll(?:s|ing)?\s+out|ship(?:s|ping)?|publish(?:es|ed|ing)?|airs?|debuts?"
    # "we want it out May 14", "need this out by the 3rd": when it goes out is the launch.
    r"|(?:want|need|get|have|put)s?\s+(?:it|this)\s+out)\b",
    re.IGNORECASE,
)


def _quarter(match: re.Match[str], today: date) -> tuple[date, str]:
    quarter = int(match["q"])
    part = (match["part"] or "").lower()
    year = int(match["year"]) if match["year"] else today.year

    def day_in(year: int) -> date:
        if any(word in part for word in ("end", "clos", "last", "final")):
            month = 3 * quarter
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 3 * (quarter - 1) + (2 if part.startswith("mid") else 1), 1)

    value = day_in(year)
    if not match["year"] and value < today:
        value = day_in(year + 1)
    if any(word in part for word in ("end", "clos", "last", "final")):
        return value, f"the end of Q{quarter} is read as its last day"
    if part.startswith("mid") or "middle" in part:
        return value, f"mid-Q{quarter} is read as the first day of its middle month"
    return value, f"Q{quarter} is read as its first day"


def _nth_weekday(match: re.Match[str], today: date) -> date | str | None:
    """ "the second Tuesday of May" (the next such May when no year is written)."""
    weekday = _WEEKDAYS.index(match["wd"][:3].lower())
    nth = match["nth"].lower()
    if match["relative"]:
        ahead = 0 if match["relative"].lower() == "this" else 1
        month = (today.month - 1 + ahead) % 12 + 1
        years = [today.year + (today.month - 1 + ahead) // 12]
    else:
        month = MONTH_NUMBERS[match["month"][:3].lower()]
        years = [int(match["year"])] if match["year"] else [today.year, today.year + 1]
    for year in years:
        days = [
            date(year, month, d)
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday
        ]
        value = (
            days[-1]
            if nth in ("last", "final")
            else days[_NTH[nth] - 1]
            if _NTH[nth] <= len(days)
            else None
        )
        if value is None:
            where = f"{calendar.month_name[month]} {year}"
            return f"{where} has no {nth} {match['wd']} — which date did you mean?"
        if match["year"] or value >= today:
            return value
    return None


def _month_rule(match: re.Match[str], today: date) -> tuple[date, str] | None:
    parsed = parse_phrase(f"{match['month']} 1", today.replace(day=1))
    if parsed is None:
        return None
    year = int(match["year"]) if match["year"] else parsed.year
    month = parsed.month
    part = (match["part"] or "").strip().lower()
    last = calendar.monthrange(year, month)[1]
    if part.startswith("mid") or "middle" in part:
        day, rule = 15, "mid-month is read as the 15th"
    elif "last" in part:
        day, rule = last, "the last day of a month"
    elif part == "late":
        day, rule = 21, "late-month is read as the 21st"
    elif "end" in part or part == "eom":
        day, rule = last, "the end of a month is read as its last day"
    else:
        day, rule = 1, "a month alone is read as its first day"
    value = date(year, month, day)
    if not match["year"] and value < today:
        value = date(year + 1, month, day)
    return value, rule


@lru_cache(maxsize=8)
def _cues(text: str) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
    """(starts, ends) of the end words and of the launch words in `text`, found once per text:
    re-scanning each date's clause made a line of many dates quadratic (a pasted 60,000-
    character brief of "1/2 1/2 ..." took 15 s of CPU)."""

    def spans(pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
        found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        return [a for a, _ in found], [b for _, b in found]

    return spans(_END_WORDS), spans(_LAUNCH_WORDS)


def _last_before(spans: tuple[list[int], list[int]], clause_start: int, start: int) -> int:
    """The end of the last keyword inside [clause_start, start), or -1."""
    starts, ends = spans
    index = bisect_right(ends, start) - 1
    return ends[index] if index >= 0 and starts[index] >= clause_start else -1


def _role(text: str, start: int) -> Role | None:
    """The role the nearest keyword before the date gives it (same clause only)."""
    clause_start = max(
        text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("\n", 0, start)
    )
    ends, launches = _cues(text)
    end_hit = _last_before(ends, clause_start + 1, start)
    launch_hit = _last_before(launches, clause_start + 1, start)
    if end_hit < 0 and launch_hit < 0:
        return None
    return "end" if end_hit > launch_hit else "launch"


# Where a clause of a list starts: "£40k, end of Q3, email".
_CLAUSE_START = re.compile(r"(?:^|[,;\n(])[ \t]*$")


def _part_alone(text: str, match: re.Match[str]) -> bool:
    """A part of a month or quarter ("end of Q3", "mid-March") that is a clause of its own in a
    list names a date, cue or not; "Q3 offers" or "March madness" do not."""
    if not match.groupdict().get("part"):
        return False
    start = max(0, match.start() - _CONTEXT_WINDOW)
    opens = _CLAUSE_START.search(text, start, match.start())
    closes = _CLAUSE_END.match(text, match.end())
    # One clause of a list, not the whole message ("start of Q4" alone may be anything).
    listed = bool(opens and opens.group().strip()) or bool(closes and closes.group().strip())
    return opens is not None and closes is not None and listed


def _context_before(text: str, start: int) -> re.Match[str] | None:
    """`_DATE_CONTEXT` ending right before `start`; searched in the few characters before it
    (the cue words are short), not in the whole text up to it, so many dates stay linear."""
    end, floor = start, max(0, start - _CONTEXT_WINDOW)
    while end > floor and text[end - 1].isspace():
        end -= 1  # the cue ends where the spaces before the date begin
    if end > 0 and text[end - 1] in _DASHES:
        # "launch — Thanksgiving 2036", "start date = 3 May": a date's label and a dash.
        dash = end - 1
        while dash > floor and (text[dash - 1].isspace() or text[dash - 1] in _DASHES):
            dash -= 1  # "live -> Q3", "go-live => 3 May": an arrow typed with two marks
        return _DASHED_LABEL.search(text, max(0, dash - _CUE_MAX), dash)
    if end == 0 or not (text[end - 1] == ":" or text[end - 1].isalpha()):
        return None  # every cue ends in a letter or ":" (a figure before a figure is none)
    return _DATE_CONTEXT.search(text, max(0, end - _CUE_MAX), start)


def _parts(text: str, day_first: bool) -> tuple[int | None, int, int, str | None] | None:
    """(year or None, month, day, reading rule) as written, before any calendar check; None
    for a form without all of them (dateparser reads those). "15/06" can only be day/month;
    "03/05" is either, and is read by `day_first` with a rule that says so."""
    match = _ISO_PARTS.fullmatch(text)
    if match:
        return int(match["y"]), int(match["m"]), int(match["d"]), None
    dashed = _DASHED_NAMED.fullmatch(text)
    if dashed:
        year_text, month_text = dashed["y"] or dashed["y2"], dashed["m"] or dashed["m2"]
        full_year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        day_text = dashed["d"] or dashed["d2"]
        return full_year, MONTH_NUMBERS[month_text[:3].lower()], int(day_text), None
    match = _SLASH_PARTS.fullmatch(text)
    if match:
        year = None
        if match["y"]:
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        first, second = int(match["a"]), int(match["b"])
        rule = None
        # Dots are the day-first notation ("12.10.2027" in Germany, Norway, Russia...); US dates
        # are written with slashes or dashes.
        dotted = "." in match.group()
        if dotted and first <= 12 and second <= 12 and first != second:
            day_first = True
            rule = "read as day.month, the order dotted dates are written in"
        elif first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            day_first = False
        elif first != second:
            rule = (
                "read as day/month, the order the rest of the message is written in"
                if day_first
                else "read as month/day (US order); say so if you meant day/month"
            )
        month, day = (second, first) if day_first else (first, second)
        return year, month, day, rule
    month_match = re.search(rf"\b{_MONTH}", text, re.IGNORECASE)
    day_match = _NAMED_DAY.search(text)
    if month_match is None or day_match is None:
        return None
    named_year = _NAMED_YEAR.search(text)
    return (
        int(named_year["y"]) if named_year else None,
        MONTH_NUMBERS[month_match.group()[:3].lower()],
        int(day_match["d"]),
        None,
    )


def _absolute(
    text: str, today: date, day_first: bool = False
) -> tuple[date | str | None, str | None]:
    """The date an absolute form names (or a question back when it names none) and its rule."""
    parts = _parts(text, day_first)
    if parts is None:
        return parse_phrase(text, today), None
    year, month, day, rule = parts
    if year is not None and not 1000 <= year <= 9999:
        return f"I can't read a year in “{text}” — which date did you mean?", None
    if not 1 <= month <= 12:
        return f"“{text}” is not a date: there is no month {month} — which date did you mean?", None
    # Without a year, February still has a 29th in some year: the next one that has it.
    last = calendar.monthrange(year if year is not None else 2028, month)[1]
    if not 1 <= day <= last:
        where = f"{calendar.month_name[month]} {year}" if year else calendar.month_name[month]
        return f"{where} has no {ordinal(day)} — which date did you mean?", None
    if year is None:
        return next_occurrence(month, day, today), rule
    return date(year, month, day), rule


def _relative(text: str, today: date) -> date | None:
    """ "in two weeks", "3 days from now": counted from today without dateparser's guesses."""
    match = _IN_COUNT.fullmatch(text.strip())
    if match is None:
        return None
    raw = match["n"].lower()
    count = _COUNT_WORDS.get(raw) or int(raw)
    unit = match["unit"].lower()
    if unit == "day":
        return today + timedelta(days=count)
    if unit == "week":
        return today + timedelta(weeks=count)
    month_index = today.month - 1 + count
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def find_dates(text: str, today: date) -> list[DateMention]:
    """Every date the words in `text` can name, in order, each with its role and reading rule:
    "03/05/2027" names both March 5 and May 3 (grounding asks "can these words mean it?")."""
    month_first = scan_dates(text, today)[0]
    seen = {(m.start, m.value) for m in month_first}
    extra = [
        m for m in scan_dates(text, today, day_first=True)[0] if (m.start, m.value) not in seen
    ]
    return sorted([*month_first, *extra], key=lambda mention: mention.start)


def scan_dates(
    text: str,
    today: date,
    *,
    day_first: bool = False,
    answering: bool = False,
    asked: bool = False,
) -> tuple[list[DateMention], list[DateProblem]]:
    """`find_dates`, and the words that name a date we must ask about instead of using. With
    `answering` (the message answers the date question), its first words need no date cue;
    with `asked` (the date is one of the questions), a "26/3" that ends its clause needs none."""
    # "june third", "Octber 12", "2037-09-14T09:00": same length, as the rules read them.
    # ... and "2. Juni 2034", "20 de mayo de 2034" (`foreign_months`).
    text = month_typos(spoken_days(as_plain_dates(foreign_months(text))))
    mentions: list[DateMention] = []
    problems: list[DateProblem] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def cue(start: int) -> re.Match[str] | bool | None:
        return _context_before(text, start) or (answering and not text[:start].strip(" -–:"))

    def add(match: re.Match[str], value: date | str | None, rule: str | None = None) -> None:
        add_value(match.start(), match.end(), value, rule)

    def add_value(
        start: int,
        end: int,
        value: date | str | None,
        rule: str | None = None,
        role: Role | None = None,
    ) -> None:
        if value is None or (not free(start, end) and role != "end"):
            return
        taken.append((start, end))
        if isinstance(value, date) and not DATE_MIN <= value <= DATE_MAX:
            value = out_of_range(text[start:end])
        if isinstance(value, str):
            problems.append(DateProblem(text[start:end], start, end, value))
            return
        role = role or _role(text, start)
        mentions.append(DateMention(value, text[start:end], start, end, role, rule))

    for start, end, week_day in iso_week_days(text, today):  # before its weekday alone
        add_value(start, end, week_day, "iso week")
    for start, end, counted, how in counted_weekdays(text, today):  # "two weeks on Friday"
        add_value(start, end, counted, how)
    for match in _MONTH_THEN_DAY.finditer(text):
        month = match["month"] or match["month2"]
        day, year = match["day"] or match["day2"], match["year"] or match["year2"]
        spoken = f"{month.rstrip('.')} {int(day)}" + (f", {year}" if year else "")
        add(match, *_absolute(spoken, today, day_first))
    for match in _NTH_WEEKDAY.finditer(text):
        add(match, _nth_weekday(match, today))
    for match in DAY_RANGE.finditer(text):
        day_range(match, today, add_value)
    for match in PERIOD.finditer(text):
        said = match["day"] or match["part"] or cue(match.start())
        if said or _role(text, match.start()):
            add(match, *period_date(match, today))
    for match in _ABSOLUTE.finditer(text):
        add(match, *_absolute(match.group(), today, day_first))
    for match in _SHORT_SLASH.finditer(text):
        ends = asked and _CLAUSE_END.match(text, match.end()) and match.group() != "24/7"
        if cue(match.start()) or _role(text, match.start()) or ends:
            add(match, *_absolute(match.group(), today, day_first))
    for start, end, value, rule in dotted_days(text, today):  # "live from 7.12."
        said = cue(start)  # a date word: a bare label's colon ("Budget: 12.5.") is none
        if _role(text, start) or (said and not (isinstance(said, re.Match) and said[0] == ":")):
            add_value(start, end, value, rule)
    for start, end, value in year_ends(text, cue):  # "end of the year 2027"
        add_value(start, end, value, YEAR_END_RULE)
    for match in _COMPACT.finditer(text):
        if _context_before(text, match.start()):
            add(match, compact_question(match.group()))
    for match in THIS_COMING.finditer(text):
        add(match, this_coming(match, today))
    for match in THE_DAY.finditer(text):
        if cue(match.start()) or _role(text, match.start()):
            add(match, the_day(match, today))
    for start, end, at, value, rule in named_days(text, today, cue):
        add_value(start, end, value, rule, _role(text, at))
    for pattern in (_QUARTER, _MONTH_RULE, _RELATIVE):
        for match in pattern.finditer(text):
            if not free(match.start(), match.end()):
                continue
            context = cue(match.start()) or _part_alone(text, match)
            if pattern is not _RELATIVE and not context:
                continue
            # "this week has been wild" is no launch date; "launch this week" is.
            if pattern is _RELATIVE and _DATE_FOLLOWS.match(text, match.end()):
                continue
            before = text[max(0, match.start() - _CONTEXT_WINDOW) : match.start()]
            if pattern is _RELATIVE and _SINCE_NOT.search(before):
                continue  # "patients who haven't booked in 18 months": how long, not when
            this = pattern is _RELATIVE and _THIS.match(match.group())
            if this and not context and _role(text, match.start()) is None:
                continue
            year = match.groupdict().get("year")
            if year and not DATE_MIN.year <= int(year) <= DATE_MAX.year:
                add(match, out_of_range(match.group()))
            elif pattern is _QUARTER:
                add(match, *_quarter(match, today))
            elif pattern is _MONTH_RULE:
                found = _month_rule(match, today)
                if found is not None:
                    add(match, *found)
            else:
                add(match, _relative(match.group(), today) or parse_phrase(match.group(), today))
    ordered = ranges(text, sorted(mentions, key=lambda mention: mention.start))
    return run_ends(text, ordered), sorted(problems, key=lambda problem: problem.start)


def compact_question(digits: str) -> str:
    """What to ask about eight bare digits: they might be YYYYMMDD, and might not."""
    example = "2026-01-31 or January 31, 2026"
    try:
        read = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        pass
    else:
        example = f"{read.isoformat()} or {read:%B} {read.day}, {read.year}"
    return f"I can't be sure “{digits}” is a date — please write it like {example}."
