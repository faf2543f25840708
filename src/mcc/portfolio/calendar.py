"""The launch calendar: a month of launches the caller may see, each with its portfolio warnings.

One `Portfolio` load covers the month, the windows around it and its quarters, so a busy month
costs one query, not one per campaign.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import DATE_MAX, DATE_MIN
from mcc.exceptions import ValidationError
from mcc.portfolio.checks import Candidate, Portfolio, PortfolioWarning
from mcc.portfolio.repository import CLOSED, Entry
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits: `\d` takes full-width ones too


@dataclass(frozen=True)
class Launch:
    entry: Entry
    warnings: list[PortfolioWarning]


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    launches: list[Launch]


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]
    previous: str
    next: str

    @property
    def title(self) -> str:
        return self.first.strftime("%B %Y")

    @property
    def launches(self) -> int:
        return sum(len(day.launches) for week in self.weeks for day in week if day.in_month)


def parse_month(value: str | None, today: date) -> date:
    """The first day of `YYYY-MM` (default: this month); anything else is a clear 422.

    Months are held to the years a campaign's dates may have (`DATE_MIN`..`DATE_MAX`): no launch
    can fall outside them, and the month links never lead past them."""
    if not value:
        return today.replace(day=1)
    match = _MONTH.fullmatch(value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationError(
            f"Invalid month {value[:20]!r}: use YYYY-MM, e.g. 2027-03", {"month": "use YYYY-MM"}
        )
    year, month = int(match[1]), int(match[2])
    if not DATE_MIN.year <= year <= DATE_MAX.year:
        span = f"{DATE_MIN:%Y-%m} to {DATE_MAX:%Y-%m}"
        raise ValidationError(
            f"Month {value.strip()} is out of range: campaigns run from {span}",
            {"month": f"use YYYY-MM from {span}"},
        )
    return date(year, month, 1)


def _key(day: date) -> str:
    return day.strftime("%Y-%m")


async def month_of_launches(
    session: AsyncSession, scope: Scope, first: date, settings: PortfolioSettings
) -> Month:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    portfolio = await Portfolio.load(session, settings, first, last)
    by_day: dict[date, list[Launch]] = {}
    for entry in sorted(portfolio.entries, key=lambda item: item.name):
        day = entry.launch_date
        if day is None or not first <= day <= last or entry.status in CLOSED:
            continue
        if not scope.sees(entry.team_id):
            continue  # another team's launch is not on this caller's calendar
        candidate = Candidate.of_entry(entry)
        by_day.setdefault(day, []).append(Launch(entry, portfolio.check(candidate, scope)))
    start = first - timedelta(days=first.weekday())
    weeks: list[list[Day]] = []
    cursor = start
    while cursor <= last:
        week = [
            Day(
                cursor + timedelta(days=i),
                (cursor + timedelta(days=i)).month == first.month,
                by_day.get(cursor + timedelta(days=i), []),
            )
            for i in range(7)
        ]
        weeks.append(week)
        cursor += timedelta(days=7)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return Month(
        first, weeks, _key(max(previous, DATE_MIN)), _key(min(following, DATE_MAX.replace(day=1)))
    )
