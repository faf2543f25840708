"""Dates as ranges: "1-15 June" and "June 1 to 15" (two days of one month, a launch and an
end), "from March 1 to March 31" (the second date is the end), and the helpers the date rules
share: the next occurrence of a day without a year, and the question about a date out of range.

Moved out of `dates` (near 600 lines) unchanged.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from mcc.agent.extraction.date_mentions import DateMention, Role
from mcc.agent.extraction.periods import MONTH, ordinal
from mcc.campaigns.schemas import DATE_MAX, DATE_MIN

_MONTH = MONTH
# Any four digits: a year out of range must be seen (and refused), not left off the match.
_YEAR = r"\d{4}(?![\d,.]?\d)"
MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_RANGE_JOIN = re.compile(
    r"\s*(?:to|-|–|until|till|through|thru|and\s+end(?:s|ing)?(?:\s+on)?)\s*", re.IGNORECASE
)
_BETWEEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
# "1-15 June", "June 1 to 15", "June 1–30, 2027": two days of one month, a launch and an end.
DAY_RANGE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|till|through|thru)\s*(?:the\s+)?"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|till|through|thru)"
    rf"\s*(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?(?![\d/.:]|\s*(?:{_MONTH}|k\b|%))"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)


def out_of_range(text: str) -> str:
    return (
        f"“{text}” is outside the dates a campaign can have ({DATE_MIN:%B} {DATE_MIN.day}, "
        f"{DATE_MIN.year} to {DATE_MAX:%B} {DATE_MAX.day}, {DATE_MAX.year}) — which date did you "
        "mean?"
    )


def next_occurrence(month: int, day: int, today: date) -> date:
    """ "April 9" with no year: the next April 9 from today (today itself counts)."""
    for year in range(today.year, today.year + 9):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    return date(today.year + 8, month, day)  # pragma: no cover - Feb 29 within 8 years


def day_range(
    match: re.Match[str],
    today: date,
    add_value: Callable[[int, int, date | str | None, str | None, Role | None], None],
) -> None:
    """Both days of "1-15 June" / "June 1 to 15": the first a launch, the second the end."""
    first_group, second_group = ("d1", "d2") if match["d1"] else ("d3", "d4")
    month_name, year_text = (
        (match["m1"], match["y1"]) if match["d1"] else (match["m2"], match["y2"])
    )
    month = MONTH_NUMBERS[month_name[:3].lower()]
    first, second = int(match[first_group]), int(match[second_group])
    if first >= second:
        return
    year = int(year_text) if year_text else None
    if year is not None and not DATE_MIN.year <= year <= DATE_MAX.year:
        add_value(match.start(), match.end(), out_of_range(match.group()), None, None)
        return
    values: list[date | str] = []
    for day in (first, second):
        last = calendar.monthrange(year if year is not None else 2028, month)[1]
        if day > last:
            values.append(
                f"{calendar.month_name[month]} has no {ordinal(day)} — which date did you mean?"
            )
        elif year is None:
            values.append(next_occurrence(month, day, today))
        else:
            values.append(date(year, month, day))
    if year is None and all(isinstance(v, date) for v in values):
        start_value = values[0]
        assert isinstance(start_value, date)
        values = [start_value, start_value.replace(day=second)]
    problem = next((v for v in values if isinstance(v, str)), None)
    if problem is not None:
        add_value(match.start(), match.end(), problem, None, None)
        return
    # Both days keep the whole range as their words, so each can be found in them again.
    add_value(match.start(), match.end(), values[0], None, "launch")
    add_value(match.start(), match.end(), values[1], None, "end")


def ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """In "from March 1 to March 31" (or "between May 3 and May 28"), the second date is the
    end."""
    result: list[DateMention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        join = text[previous.end : mention.start] if previous is not None else ""
        between = previous is not None and _BETWEEN.search(text[: previous.start])
        if previous is not None and (
            _RANGE_JOIN.fullmatch(join) or (between and re.fullmatch(r"\s*and\s*", join))
        ):
            mention = DateMention(
                mention.value, mention.text, mention.start, mention.end, "end", mention.rule
            )
        result.append(mention)
    return result
