"""Dates that dateparser reads ("February 15, 2026", "in 4 weeks", "next Tuesday"), relative to
a given "today"; loaded on first use, or ahead of the first chat turn by `warm_up`."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any


@cache
def _dateparser() -> Any:
    # Imported on first use: loading its language data takes a noticeable fraction of a second.
    import dateparser  # type: ignore[import-untyped]

    return dateparser


def warm_up() -> None:
    """Load dateparser's data now, so the first chat turn is not the slow one."""
    parse_phrase("February 15, 2026", date(2026, 1, 1))


def parse_phrase(phrase: str, today: date) -> date | None:
    settings = {
        "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "MDY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    cleaned = re.sub(r"(?i)\bthe\s+", "", phrase)
    parsed = _dateparser().parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
