"""A small scheduler: planned dates from durations, predecessors and constraints.

Workfront schedules tasks itself; clients pin dates with ``taskConstraint`` + ``constraintDate``
or let predecessors drive them (reference §3, §7). This reproduces the part MCC relies on: a
forward pass from the project's start (``scheduleMode`` ``S``) or a backward pass from its planned
completion (``C``, "schedule back from the launch date"). Time is calendar time: there is no
working-day calendar, which real tenants apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mcc.sandbox.workfront.errors import invalid

#: Days per duration unit (Workfront's 8-hour day for minutes and hours).
_UNIT_DAYS = {"M": 1 / 480, "H": 1 / 8, "D": 1.0, "W": 7.0, "T": 30.0}
_EXPRESSION = re.compile(r"^(\d+)(fs|ss|ff|sf)?(?:([+-]\d+(?:\.\d+)?)d?)?$", re.IGNORECASE)


def duration(amount: float | None, unit: str | None) -> timedelta:
    """A task duration as a calendar span (elapsed units ``E*`` count the same)."""
    days = _UNIT_DAYS.get((unit or "D").upper().removeprefix("E"), 1.0)
    return timedelta(days=(1.0 if amount is None else amount) * days)


@dataclass(frozen=True)
class Link:
    """A predecessor link: ``key`` must come before the successor per ``kind`` (fs/ss/ff/sf)."""

    key: str
    kind: str = "fs"
    lag_days: float = 0.0


def parse_expression(text: str) -> list[tuple[int, str, float]]:
    """``"1,2ss+2d"`` → [(1, "fs", 0), (2, "ss", 2)]: task numbers, types and lag days."""
    links = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _EXPRESSION.match(part)
        if not match:
            raise invalid(f"Invalid predecessor expression: {text!r}")
        links.append(
            (int(match.group(1)), (match.group(2) or "fs").lower(), float(match.group(3) or 0))
        )
    return links


@dataclass
class Item:
    """One task to place: its length, links, an optional constraint and any fixed dates."""

    key: str
    length: timedelta
    links: list[Link] = field(default_factory=list)
    constraint: str | None = None
    constraint_date: datetime | None = None


def _apply_constraint(item: Item, start: datetime) -> datetime:
    when = item.constraint_date
    kind = (item.constraint or "").upper()
    if when is None:
        return start
    if kind == "MSO":
        return when
    if kind == "MFO":
        return when - item.length
    if kind == "SNET":
        return max(start, when)
    if kind == "SNLT":
        return min(start, when)
    if kind == "FNET":
        return max(start, when - item.length)
    if kind == "FNLT":
        return min(start, when - item.length)
    return start


def _order(items: dict[str, Item], known: dict[str, tuple[datetime, datetime]]) -> list[str]:
    """Topological order of ``items`` (links to ``known`` tasks are already satisfied)."""
    done: set[str] = set(known)
    order: list[str] = []
    remaining = dict(items)
    while remaining:
        ready = [k for k, it in remaining.items() if all(ln.key in done for ln in it.links)]
        if not ready:
            raise invalid("Task predecessors form a cycle")
        for key in ready:
            order.append(key)
            done.add(key)
            del remaining[key]
    return order


def plan(
    items: list[Item],
    *,
    anchor: datetime,
    mode: str = "S",
    known: dict[str, tuple[datetime, datetime]] | None = None,
) -> dict[str, tuple[datetime, datetime]]:
    """Planned (start, completion) per item key.

    ``mode="S"``: tasks without predecessors start at ``anchor`` and successors follow.
    ``mode="C"``: tasks without successors finish at ``anchor`` and predecessors are placed
    before them. ``known`` holds already-scheduled tasks that items may link to.
    """
    fixed = dict(known or {})
    by_key = {item.key: item for item in items}
    unknown = [ln.key for it in items for ln in it.links if ln.key not in by_key | fixed]
    if unknown:
        raise invalid(f"Unknown predecessor: {unknown[0]}")
    result: dict[str, tuple[datetime, datetime]] = {}
    if mode.upper() == "C":
        successors: dict[str, list[tuple[str, Link]]] = {k: [] for k in by_key}
        for item in items:
            for link in item.links:
                if link.key in successors:
                    successors[link.key].append((item.key, link))
        for key in reversed(_order(by_key, fixed)):
            item = by_key[key]
            end = anchor
            for succ, link in successors[key]:
                s_start, s_end = result[succ]
                lag = timedelta(days=link.lag_days)
                limit = s_end - lag if link.kind in ("ff", "sf") else s_start - lag
                if link.kind in ("ss", "sf"):
                    limit = (s_start if link.kind == "ss" else s_end) - lag + item.length
                end = min(end, limit)
            start = _apply_constraint(item, end - item.length)
            result[key] = (start, start + item.length)
        return result
    for key in _order(by_key, fixed):
        item = by_key[key]
        start = anchor
        for link in item.links:
            p_start, p_end = result.get(link.key) or fixed[link.key]
            lag = timedelta(days=link.lag_days)
            earliest = {
                "fs": p_end + lag,
                "ss": p_start + lag,
                "ff": p_end + lag - item.length,
                "sf": p_start + lag - item.length,
            }.get(link.kind, p_end + lag)
            start = max(start, earliest)
        start = _apply_constraint(item, start)
        result[key] = (start, start + item.length)
    return result
