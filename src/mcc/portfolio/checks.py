"""The portfolio checks, as pure functions over a loaded `Portfolio`.

- **Launch collision**: another open campaign launches within the window (default 14 days) for
  the same audience or on a shared channel.
- **Audience overlap**: a running campaign already speaks to (part of) the same audience.
- **Quarter budget**: the team's open campaigns launching in the same quarter, this one included,
  add up to more than the optional cap (per team: a total over other teams would disclose them).

The caller's scope decides what a warning may say: a campaign the caller may see is named (and
linked); the others are only counted as "a campaign in another team", never named.

Bounded (issue 15 item 4): a busy week can hold hundreds of colliding launches, and one sentence
per pair made a list of 50 carry ~20,000 warnings. Each kind names at most `NAMED` campaigns (the
nearest launches first) and groups the rest in one line with a `count`; the portfolio is indexed
by launch date once, so a check only walks the launches inside its window.
"""

from __future__ import annotations

import heapq
import re
import uuid
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Campaign
from mcc.portfolio.repository import CLOSED, RUNNING, Entry, PortfolioRepository
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope

_WORD = re.compile(r"[a-z0-9]+")
# Words that say nothing about who the audience is.
_FILLER = frozenset({
    "a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "with", "our", "their", "who",
    "are", "all", "new", "existing", "people", "users", "customers", "audience", "segment",
})  # fmt: skip
# The most campaigns one warning kind names about one campaign; the rest are one grouped line.
NAMED = 3


class WarningKind(StrEnum):
    LAUNCH_COLLISION = "launch_collision"
    AUDIENCE_OVERLAP = "audience_overlap"
    QUARTER_BUDGET = "quarter_budget"


@dataclass(frozen=True)
class Candidate:
    """The campaign being checked: a saved one (`id` set) or a draft."""

    id: uuid.UUID | None
    team_id: uuid.UUID | None
    target_audience: str | None
    channels: tuple[str, ...]
    launch_date: date | None
    budget: Decimal | None
    currency: str | None

    @classmethod
    def of(cls, campaign: Campaign) -> Candidate:
        return cls(campaign.id, campaign.team_id, campaign.target_audience,
                   tuple(campaign.channels or ()), campaign.launch_date, campaign.budget,
                   campaign.currency)  # fmt: skip

    @classmethod
    def of_entry(cls, entry: Entry) -> Candidate:
        return cls(entry.id, entry.team_id, entry.target_audience, entry.channels,
                   entry.launch_date, entry.budget, entry.currency)  # fmt: skip


@dataclass(frozen=True)
class PortfolioWarning:
    kind: WarningKind
    message: str
    # The other campaign, when the caller may see it (never set for another team's).
    campaign_id: uuid.UUID | None = None
    campaign_name: str | None = None
    # How many campaigns this warning stands for: 1 for a named one, N for a grouped line.
    count: int = 1

    def as_json(self) -> dict[str, str | int | None]:
        return {
            "kind": self.kind.value,
            "message": self.message,
            "campaignId": str(self.campaign_id) if self.campaign_id else None,
            "campaignName": self.campaign_name,
            "count": self.count,
        }


@lru_cache(maxsize=4096)
def audience_words(audience: str | None) -> frozenset[str]:
    """The words that identify an audience, plurals folded ("CIOs" and "CIO" are one word).

    Cached: a page of checks compares the same few hundred audiences again and again."""
    words = _WORD.findall((audience or "").lower())
    return frozenset(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in words
        if word not in _FILLER
    )


def audiences_overlap(first: str | None, second: str | None) -> bool:
    """Most of the narrower audience's words are in the other's ("IT leaders" and "IT leaders in
    EMEA" overlap; "SMB owners" and "enterprise CIOs" do not)."""
    a, b = audience_words(first), audience_words(second)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.6


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    return start, end - timedelta(days=1)


def _label(start: date) -> str:
    return f"Q{(start.month - 1) // 3 + 1} {start.year}"


@dataclass(frozen=True)
class Portfolio:
    """The campaigns the checks compare against, loaded once (a calendar month checks many)."""

    entries: Sequence[Entry]
    settings: PortfolioSettings
    # The dated entries by launch date, and those dates, to find a window by bisection.
    _dated: list[Entry] = field(init=False, repr=False, compare=False)
    _days: list[date] = field(init=False, repr=False, compare=False)
    _running: list[Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        dated = sorted((e for e in self.entries if e.launch_date is not None),
                       key=lambda entry: (entry.launch_date, entry.name))  # fmt: skip
        object.__setattr__(self, "_dated", dated)
        object.__setattr__(self, "_days", [entry.launch_date for entry in dated])
        running = sorted((e for e in self.entries if e.status == RUNNING), key=lambda e: e.name)
        object.__setattr__(self, "_running", running)

    @classmethod
    async def load(
        cls, session: AsyncSession, settings: PortfolioSettings, start: date, end: date
    ) -> Portfolio:
        """Everything needed to check launches in [start, end]: their windows and quarters."""
        window = timedelta(days=settings.window_days)
        first = min(start - window, quarter_of(start)[0])
        last = max(end + window, quarter_of(end)[1])
        return cls(await PortfolioRepository(session).open_or_running(first, last), settings)

    def check(self, candidate: Candidate, scope: Scope) -> list[PortfolioWarning]:
        warnings, named = self._collisions(candidate, scope)
        warnings += self._overlaps(candidate, scope, named)
        others = (entry for entry in self._in_quarter(candidate) if entry.id != candidate.id)
        budget = self._quarter_budget(candidate, others)
        return warnings + ([budget] if budget else [])

    def _between(self, start: date, end: date) -> list[Entry]:
        return self._dated[bisect_left(self._days, start) : bisect_right(self._days, end)]

    def _in_quarter(self, candidate: Candidate) -> list[Entry]:
        return (
            []
            if candidate.launch_date is None
            else self._between(*quarter_of(candidate.launch_date))
        )

    def _collisions(
        self, candidate: Candidate, scope: Scope
    ) -> tuple[list[PortfolioWarning], set[uuid.UUID]]:
        """The launches within the window on a shared audience or channel: the `NAMED` nearest
        the caller may see by name, then the rest grouped, other teams' counted apart."""
        launch = candidate.launch_date
        if launch is None:
            return [], set()
        window, hidden = self.settings.window_days, 0
        span = timedelta(days=window)
        channels, audience, own = (
            frozenset(candidate.channels),
            candidate.target_audience,
            candidate.id,
        )
        # (days apart, entry, same audience): a cheap test per launch in the window; the wording
        # (shared channels, the sentence) only for the few that are named.
        seen: list[tuple[int, Entry, bool]] = []
        for other in self._between(launch - span, launch + span):
            if other.id == own:
                continue
            same_audience = audiences_overlap(audience, other.target_audience)
            if not (same_audience or not channels.isdisjoint(other.channels)):
                continue
            if not scope.sees(other.team_id):
                hidden += 1
                continue
            days = (other.launch_date - launch).days if other.launch_date else 0
            seen.append((days, other, same_audience))
        # Nearest first; ties by date (earlier first), then name.
        nearest = heapq.nsmallest(
            NAMED, seen, key=lambda item: (abs(item[0]), item[0], item[1].name)
        )
        warnings: list[PortfolioWarning] = []
        for days, other, same_audience in nearest:
            shared = sorted(channels.intersection(other.channels))
            what = "the same audience" if same_audience else f"{', '.join(shared)}"
            when = "the same day" if days == 0 else _days(days)
            day = other.launch_date.isoformat() if other.launch_date else ""
            message = f"“{other.name}” launches {when} ({day}) on {what}."
            warnings.append(
                PortfolioWarning(WarningKind.LAUNCH_COLLISION, message, other.id, other.name)
            )
        rest = len(seen) - NAMED
        about = f"within {window} days on the same audience or channel"
        if rest > 0:
            warnings.append(_more(WarningKind.LAUNCH_COLLISION, rest,
                                  f"launch{'' if rest > 1 else 'es'} {about}"))  # fmt: skip
        if hidden:
            warnings.append(_hidden(WarningKind.LAUNCH_COLLISION, hidden,
                                    f"launch{'' if hidden > 1 else 'es'} {about}"))  # fmt: skip
        # Running ones already warned about here are not repeated as an audience overlap.
        return warnings, {other.id for _days, other, _same in seen if other.status == RUNNING}

    def _overlaps(
        self, candidate: Candidate, scope: Scope, named: set[uuid.UUID]
    ) -> list[PortfolioWarning]:
        """Running campaigns for an overlapping audience (not already a collision): `NAMED` of
        them by name, the rest as one line."""
        warnings: list[PortfolioWarning] = []
        hidden = shown = 0
        for other in self._running:
            if other.id == candidate.id or other.id in named:
                continue
            if not audiences_overlap(candidate.target_audience, other.target_audience):
                continue
            if not scope.sees(other.team_id):
                hidden += 1
                continue
            shown += 1
            if shown > NAMED:
                continue
            message = (
                f"“{other.name}” is running for an overlapping audience ({other.target_audience})."
            )
            warnings.append(
                PortfolioWarning(WarningKind.AUDIENCE_OVERLAP, message, other.id, other.name)
            )
        if shown > NAMED:
            rest = shown - NAMED
            warnings.append(_more(WarningKind.AUDIENCE_OVERLAP, rest,
                                  f"{'are' if rest > 1 else 'is'} running for an overlapping "
                                  "audience"))  # fmt: skip
        if hidden:
            warnings.append(_hidden(WarningKind.AUDIENCE_OVERLAP, hidden,
                                    f"{'are' if hidden > 1 else 'is'} running for an overlapping "
                                    "audience"))  # fmt: skip
        return warnings

    def _quarter_budget(
        self, candidate: Candidate, others: Iterable[Entry]
    ) -> PortfolioWarning | None:
        cap, currency = self.settings.quarter_cap, self.settings.cap_currency
        if cap is None or candidate.launch_date is None or candidate.budget is None:
            return None
        if (candidate.currency or currency) != currency:
            return None  # no exchange rates here: a budget in another currency is not summed
        start, end = quarter_of(candidate.launch_date)
        total = candidate.budget + sum(
            (other.budget for other in others
             if other.team_id == candidate.team_id and other.budget is not None
             and (other.currency or currency) == currency
             and other.launch_date is not None and start <= other.launch_date <= end),
            Decimal(0),
        )  # fmt: skip
        if total <= cap:
            return None
        message = (
            f"The team's {_label(start)} launches would total {total:,.0f} {currency}, over the "
            f"quarter cap of {cap:,.0f} {currency}."
        )
        return PortfolioWarning(WarningKind.QUARTER_BUDGET, message)


def _days(days: int) -> str:
    plural = "s" if abs(days) != 1 else ""
    return f"{abs(days)} day{plural} {'after' if days > 0 else 'before'}"


def _hidden(kind: WarningKind, count: int, says: str) -> PortfolioWarning:
    who = "A campaign in another team" if count == 1 else f"{count} campaigns in other teams"
    return PortfolioWarning(kind, f"{who} {says}.", count=count)


def _more(kind: WarningKind, count: int, says: str) -> PortfolioWarning:
    """The line after the named ones: "And 397 more campaigns launch within 14 days ..."."""
    who = "1 more campaign" if count == 1 else f"{count} more campaigns"
    return PortfolioWarning(kind, f"And {who} {says}.", count=count)


async def check_campaign(
    session: AsyncSession, scope: Scope, campaign: Campaign, settings: PortfolioSettings
) -> list[PortfolioWarning]:
    """The warnings about a saved campaign, as `scope` may read them."""
    if campaign.status in CLOSED:
        return []
    candidate = Candidate.of(campaign)
    day = candidate.launch_date or date.today()
    portfolio = await Portfolio.load(session, settings, day, day)
    return portfolio.check(candidate, scope)
