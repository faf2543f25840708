"""Lifetimes typed on the command line: `30d`, `12h`, `90m`, `45s`, `2w`."""

from __future__ import annotations

import re
from datetime import timedelta

from mcc.exceptions import ValidationError

_DURATION = re.compile(r"\s*(\d{1,6})\s*([smhdw])\s*", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
LIFETIME_MAX = timedelta(days=3650)


def parse_lifetime(text: str) -> timedelta:
    """A positive duration of at most ten years; anything else is a clear error."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValidationError(
            f"Invalid duration {text!r}: use a number and a unit, e.g. 30d, 12h, 90m, 45s, 2w",
            {"expires_in": "like 30d, 12h, 90m, 45s or 2w"},
        )
    lifetime = timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})
    if lifetime <= timedelta(0) or lifetime > LIFETIME_MAX:
        raise ValidationError(
            f"Invalid duration {text!r}: between 1 second and 10 years",
            {"expires_in": "between 1s and 3650d"},
        )
    return lifetime
