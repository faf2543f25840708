"""Dates named by a period rather than a day: "next quarter", "the end of next month", "in a
fortnight", "on the 15th" (the next 15th). Each value records the rule that read it, so the
preview can say how the date was read.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "next quarter", "the end of next month", "in a fortnight", "on the 15th": read by a rule.
PERIOD = re.compile(
    # "the 15th of next month": that day of that month.
    r"\b(?:the\s+)?(?P<nth>\d{1,2})(?:st|nd|rd|th)?\s+of\s+(?:the\s+)?"
    r"(?P<nth_which>next|this|coming)\s+month\b"
    r"|\b(?P<part>(?:the\s+)?(?:end|close|start|beginning)\s+of\s+)?(?:the\s+)?"
    r"(?P<which>next|this|the|coming)\s+(?P<unit>month|quarter)\b"
    r"|\bin\s+a\s+fortnight\b|\bon\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?\w)",
    re.IGNORECASE,
)


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def period_date(match: re.Match[str], today: date) -> tuple[date | str | None, str | None]:
    """A date a period phrase names, with the rule that says how it was read."""
    text = match.group().lower()
    if "fortnight" in text:
        return today + timedelta(days=14), None
    if match["nth"]:
        index = today.month - 1 + (match["nth_which"].lower() != "this")
        year, month = today.year + index // 12, index % 12 + 1
        day = int(match["nth"])
        if day > calendar.monthrange(year, month)[1]:
            return f"{calendar.month_name[month]} {year} has no {ordinal(day)} — which date?", None
        return date(year, month, day), None
    if match["day"]:
        day = int(match["day"])
        for offset in range(3):
            index = today.month - 1 + offset
            year, month = today.year + index // 12, index % 12 + 1
            if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
                return date(year, month, day), f"“the {ordinal(day)}” is read as the next one"
        return f"No month soon has a {ordinal(day)} — which date did you mean?", None
    step = 3 if match["unit"].lower() == "quarter" else 1
    first_month = (today.month - 1) // step * step + 1  # this month, or this quarter's first
    if match["which"].lower() in {"next", "coming"}:
        first_month += step
    year = today.year + (first_month - 1) // 12
    first_month = (first_month - 1) % 12 + 1
    start = date(year, first_month, 1)
    part = (match["part"] or "").lower()
    if "end" in part or "close" in part:
        last_month = first_month + step - 1
        return (
            date(year, last_month, calendar.monthrange(year, last_month)[1]),
            f"the end of the {match['unit'].lower()} is read as its last day",
        )
    if start < today:
        return None, None  # "this month" alone is no launch date
    return start, f"a {match['unit'].lower()} is read as its first day"
