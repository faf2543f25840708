"""Days named rather than dated, as retail and planning talk names them.

- Shopping days and holidays: "Black Friday" (the day after the fourth Thursday of November),
  "Cyber Monday" (three days later), "Christmas Eve", "New Year's Day", ...: the next one from
  today (today counts). A bare "Christmas" or "Thanksgiving" names a season as often as a day
  ("the Christmas campaign"), so it counts only right after "on".
- "EOM", "end of month", "EOQ", "EOY", "end of the year": the last day of the current month,
  quarter or year. After "by" or "for" these say when a goal is due ("150 SQLs by end of
  quarter"), not a launch, so they need another cue ("launch EOM", "push it to EOY") or to be the
  answer to the date question.
- "two weeks from Monday", "a week from Friday", "three weeks from tomorrow", "a fortnight from
  today": counted from the named day (a weekday is the next one after today).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from mcc.agent.extraction.periods import MONTH

# Days with a fixed date every year, keyed as `_key` writes a name.
_FIXED = {
    "bastille day": (7, 14), "earth day": (4, 22), "juneteenth": (6, 19),
    "st patricks day": (3, 17), "saint patricks day": (3, 17), "st paddys day": (3, 17),
    "canada day": (7, 1), "australia day": (1, 26), "anzac day": (4, 25),
    "bonfire night": (11, 5), "guy fawkes night": (11, 5), "burns night": (1, 25),
    "international womens day": (3, 8), "singles day": (11, 11), "pi day": (3, 14),
    "world environment day": (6, 5), "waitangi day": (2, 6), "veterans day": (11, 11),
    "remembrance day": (11, 11), "armistice day": (11, 11), "cinco de mayo": (5, 5),
    "groundhog day": (2, 2), "st andrews day": (11, 30), "st davids day": (3, 1),
    "st georges day": (4, 23), "star wars day": (5, 4),
}  # fmt: skip
_POSSESSIVE = frozenset(
    {"patricks", "paddys", "womens", "veterans", "andrews", "davids", "georges"}
)


def _spoken(name: str) -> str:
    """A pattern for a `_FIXED` name as people type it: "St. Patrick's Day", "Womens Day"."""
    words = [
        re.escape(word[:-1]) + "['’]?s" if word in _POSSESSIVE else re.escape(word)
        for word in name.split()
    ]
    return r"\.?[\s-]+".join(words)


_FIXED_NAMES = "|".join(_spoken(name) for name in sorted(_FIXED, key=len, reverse=True))
_HOLIDAY = re.compile(
    # "US Labor Day", "UK Mother's Day": the country says which.
    r"\b(?P<on>on\s+)?(?:(?:US|U\.S\.|American|UK|British|Canadian|Australian)\s+)?"
    r"(?P<name>black\s+friday|cyber\s+monday|thanksgiving(?:\s+day)?"
    r"|christmas(?:\s+(?:eve|day))?|x-?mas(?:\s+(?:eve|day))?|boxing\s+day"
    r"|new\s+year'?s'?\s+(?:eve|day)|valentine'?s'?\s+day|halloween(?:\s+night)?|independence\s+day"
    # Days a campaign is timed to in other countries and calendars: fixed ones, and those
    # counted from Easter or from a month's weekdays.
    rf"|{_FIXED_NAMES}|easter(?:\s+(?:sunday|monday|day))?|good\s+friday"
    r"|mother'?s'?\s+day|father'?s'?\s+day|memorial\s+day|labou?r\s+day|presidents'?\s+day"
    r"|(?:martin\s+luther\s+king|mlk)(?:\s+jr\.?)?\s+day)\b"
    # "Thanksgiving 2036": that year's; another number after it ("Easter 99999") is a year
    # that cannot be read, so no day is taken from it (it is asked about, never moved).
    r"(?:[ \t]+(?P<year>20\d\d)\b(?![.,]?\d)|(?![ \t]*[.,]?\d))",
    re.IGNORECASE,
)
_SEASONS = frozenset({"christmas", "xmas", "x-mas", "thanksgiving", "halloween"})
_LABELLED = re.compile(
    r"\b(?:launch\w*|start\w*|go[\s-]?live|live|date|when|kick[\s-]?off|begin\w*|open\w*)\b"
    r"[^:\n]{0,12}[:→=][ \t]*$",
    re.IGNORECASE,
)
_VALUE_END = re.compile(r"[ \t]*(?:[.!;]|\n|$)")
# "EOM June 2028" names the end of June 2028 (read in `dates`), not of this month.
_PERIOD_END = re.compile(
    r"\b(?:eo(?P<short>[mqy])|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?P<long>month|quarter|year))"
    rf"\b(?!\s*(?:{MONTH}|q[1-4]\b|\d{{4}}|'\d\d))",
    re.IGNORECASE,
)
_DUE_CUES = frozenset({"by", "for", "of", "during", "around"})
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "a hundred": 100,
    "one hundred": 100, "hundred": 100,
}  # fmt: skip
_COUNT_WORDS = "|".join(sorted(_COUNTS, key=len, reverse=True))
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A weekday as people type it ("Fri", "tues", "Wednesday").
_WEEKDAY = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_FROM_DAY = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+"
    r"(?P<unit>day|week|fortnight|month)s?"
    # "seven weeks to the day from today"
    r"(?:\s+to\s+the\s+day|\s+on)?\s+from\s+(?:(?P<today>today|now)|(?P<tomorrow>tomorrow)"
    rf"|(?:next\s+)?{_WEEKDAY})\b",
    re.IGNORECASE,
)

Cue = Callable[[int], "re.Match[str] | bool | None"]


def _key(name: str) -> str:
    """A day's name as `_FIXED` keys it: lower case, apostrophes and dots gone."""
    name = re.sub(r"['’.]", "", name.lower())
    return re.sub(r"[\s-]+", " ", name).strip()


def _easter(year: int) -> date:
    """Easter Sunday of `year` (the Gregorian computus)."""
    golden = year % 19
    century, of_century = divmod(year, 100)
    leap_skips, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_skips - moon + 15) % 30
    quad, rest = divmod(of_century, 4)
    weekday = (32 + 2 * leap_rest + 2 * quad - epact - rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` given weekday of a month (0 = Monday); a negative `nth` counts from its end."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


# Days counted from a month's weekdays (the US ones): month, weekday, which of them.
_COUNTED = {
    "mothers day": (5, 6, 2), "fathers day": (6, 6, 3), "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1), "labour day": (9, 0, 1), "presidents day": (2, 0, 3),
}  # fmt: skip


# Every day with a fixed date, keyed as `_key` writes a name: those the pattern lists by hand
# ("Christmas Eve", "New Year's Day", ...) and `_FIXED`'s. A bare "Christmas" is the 25th.
_DATED = {
    "christmas": (12, 25), "christmas day": (12, 25), "xmas": (12, 25), "x mas": (12, 25),
    "xmas day": (12, 25), "x mas day": (12, 25), "christmas eve": (12, 24),
    "xmas eve": (12, 24), "x mas eve": (12, 24), "boxing day": (12, 26),
    "new years eve": (12, 31), "new years day": (1, 1), "valentines day": (2, 14),
    "halloween": (10, 31), "halloween night": (10, 31), "independence day": (7, 4), **_FIXED,
}  # fmt: skip
# Days counted from Thanksgiving, the fourth Thursday of November.
_AFTER_THANKSGIVING = {
    "thanksgiving": 0, "thanksgiving day": 0, "black friday": 1, "cyber monday": 4,
}  # fmt: skip


def _holiday(name: str, year: int) -> date:
    key = _key(name)
    if key in _DATED:
        return date(year, *_DATED[key])
    if key in _AFTER_THANKSGIVING:
        return _nth_weekday(year, 11, 3, 4) + timedelta(days=_AFTER_THANKSGIVING[key])
    if key.startswith(("easter", "good friday")):
        return _easter(year) + timedelta(days={"good friday": -2, "easter monday": 1}.get(key, 0))
    if key.startswith(("martin luther", "mlk")):
        return _nth_weekday(year, 1, 0, 3)
    return _nth_weekday(year, *_COUNTED[key])


def _period_end(kind: str, today: date) -> date:
    if kind == "y":
        return date(today.year, 12, 31)
    last_month = today.month if kind == "m" else (today.month - 1) // 3 * 3 + 3
    return date(today.year, last_month, calendar.monthrange(today.year, last_month)[1])


def _cue_word(cue: Cue, start: int) -> tuple[str, int] | None:
    """The cue before `start` ("" when the message answers the date question) and where it
    starts: the words kept as evidence include it, so they read as the same date again."""
    found = cue(start)
    if not found:
        return None
    if isinstance(found, re.Match):
        return found.group().strip(" :").lower(), found.start()
    return "", start


def named_days(text: str, today: date, cue: Cue) -> Iterator[tuple[int, int, int, date, str]]:
    """(start, end, where its role is read, day, reading rule) of each named day in `text` that
    a cue makes a date."""
    for match in _HOLIDAY.finditer(text):
        name = match["name"].lower()
        start = match.start("name")
        cued = bool(match["on"]) or _cue_word(cue, match.start()) is not None
        # A season is a day after "on", or after a cue with its year ("launch — Thanksgiving 2036").
        season = name in _SEASONS and not name.endswith("night")  # "Halloween night": the day
        # ... or the whole value after a date's label ("Go-live agreed: Halloween").
        whole = (
            season
            and bool(_LABELLED.search(text[max(0, start - 40) : start]))
            and bool(_VALUE_END.match(text, match.end()))
        )
        if not cued or (season and not (match["on"] or match["year"] or whole)):
            continue
        if match["year"]:
            value = _holiday(name, int(match["year"]))
            if value < today:
                continue  # a past year's: no launch
        else:
            value = _holiday(name, today.year)
            if value < today:
                value = _holiday(name, today.year + 1)
        yield start, match.end(), start, value, f"{match['name']} is read as its next date"
    for match in _PERIOD_END.finditer(text):
        said = _cue_word(cue, match.start())
        if said is None or said[0] in _DUE_CUES:
            continue
        kind = (match["short"] or match["long"][0]).lower()
        unit = {"m": "month", "q": "quarter", "y": "year"}[kind]
        end_of = f"the end of the {unit}"
        yield said[1], match.end(), match.start(), _period_end(kind, today), end_of
    for match in _FROM_DAY.finditer(text):
        if match["today"]:
            anchor = today
        elif match["tomorrow"]:
            anchor = today + timedelta(days=1)
        else:
            weekday = _WEEKDAYS.index(match["wd"][:3].lower())
            anchor = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        raw = match["n"].lower()
        count = _COUNTS.get(raw) or int(raw)
        unit = match["unit"].lower()
        if unit == "month":
            index = anchor.month - 1 + count
            year, month = anchor.year + index // 12, index % 12 + 1
            value = date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))
        else:
            value = anchor + timedelta(days=count * {"week": 7, "fortnight": 14}.get(unit, 1))
        yield match.start(), match.end(), match.start(), value, "counted from the day named"


# "two weeks on Friday", "a week on Monday" (British: that weekday, then the weeks), "Friday
# week" (that Friday a week later), "the day after tomorrow", "next month on the 5th".
_WEEKS_ON = re.compile(
    rf"\b(?P<n>an?|one|two|three|four|\d)\s+(?P<unit>week|fortnight)s?\s+on\s+{_WEEKDAY}\b"
    rf"|\b{_WEEKDAY.replace('wd', 'wd2')}\s+week\b(?!\s*\d)",
    re.IGNORECASE,
)
_AFTER_TOMORROW = re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b", re.IGNORECASE)
_NEXT_MONTH_ON = re.compile(
    r"\bnext\s+month\s*,?\s+on\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE
)


def counted_weekdays(text: str, today: date) -> Iterator[tuple[int, int, date, str]]:
    """(start, end, day, reading rule) of each day counted from a weekday or from tomorrow."""
    for match in _WEEKS_ON.finditer(text):
        name = (match["wd"] or match["wd2"])[:3].lower()
        weekday = today + timedelta(days=(_WEEKDAYS.index(name) - today.weekday() - 1) % 7 + 1)
        count = _COUNTS.get((match["n"] or "a").lower()) or int(match["n"])
        weeks = count * (2 if (match["unit"] or "").lower() == "fortnight" else 1)
        yield (
            match.start(),
            match.end(),
            weekday + timedelta(weeks=weeks),
            "counted from the day named",
        )
    for match in _AFTER_TOMORROW.finditer(text):
        yield match.start(), match.end(), today + timedelta(days=2), "two days from today"
    for match in _NEXT_MONTH_ON.finditer(text):
        index = today.month  # next month, 0-based from January
        year, month = today.year + index // 12, index % 12 + 1
        day = int(match["day"])
        if day <= calendar.monthrange(year, month)[1]:
            yield match.start(), match.end(), date(year, month, day), "that day of next month"
