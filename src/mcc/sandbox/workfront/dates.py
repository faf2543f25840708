"""Workfront date formats: the REST colon form, the event-payload dot form, and the inputs.

REST responses write ``2026-02-15T09:00:00:000-0800`` (a colon before the milliseconds); event
payloads write ``2026-02-15T09:00:00.000-0800`` (reference §4, §10.9). Inputs may be either form,
ISO 8601 with ``Z`` or an offset, a bare date, or ``$$TODAY``/``$$NOW`` with ``±N[hdwmy]`` math.
The store keeps UTC ISO strings so stored values compare and sort as text within one format.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from mcc.sandbox.workfront.errors import invalid

_WF_FORM = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})[:.](\d{3})(?:(Z)|([+-]\d{2}):?(\d{2}))?$"
)
_WILDCARD = re.compile(r"^\$\$(TODAY|NOW)(?:([+-])(\d+)([hdwmy]))?$", re.IGNORECASE)


def to_internal(moment: datetime) -> str:
    """The stored form: UTC, millisecond precision."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_internal(value: str) -> datetime:
    """Inverse of :func:`to_internal`."""
    return datetime.fromisoformat(value)


def _offset_text(moment: datetime) -> str:
    return moment.strftime("%z") or "+0000"


def format_rest(value: str, zone: tzinfo) -> str:
    """A stored date as the REST API shows it, in the emulator's zone."""
    local = from_internal(value).astimezone(zone)
    millis = local.microsecond // 1000
    return f"{local:%Y-%m-%dT%H:%M:%S}:{millis:03d}{_offset_text(local)}"


def format_event(value: str, zone: tzinfo) -> str:
    """A stored date as event payloads show it (dot before the milliseconds)."""
    local = from_internal(value).astimezone(zone)
    millis = local.microsecond // 1000
    return f"{local:%Y-%m-%dT%H:%M:%S}.{millis:03d}{_offset_text(local)}"


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def _wildcard(match: re.Match[str], zone: tzinfo, now: datetime) -> datetime:
    local_now = now.astimezone(zone)
    base = local_now
    if match.group(1).upper() == "TODAY":
        base = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    if match.group(2) is None:
        return base
    amount = int(match.group(3)) * (1 if match.group(2) == "+" else -1)
    unit = match.group(4).lower()
    if unit == "m":
        return _add_months(base, amount)
    if unit == "y":
        return _add_months(base, 12 * amount)
    hours = {"h": 1, "d": 24, "w": 24 * 7}[unit]
    return base + timedelta(hours=hours * amount)


def parse_input(value: str, zone: tzinfo, now: datetime) -> datetime:
    """Parse a date a client sent; a value without an offset is in the emulator's zone.

    Raises a 422 Workfront error for anything else, because Workfront rejects bad dates rather
    than storing them.
    """
    text = value.strip()
    wildcard = _WILDCARD.match(text)
    if wildcard:
        return _wildcard(wildcard, zone, now)
    wf = _WF_FORM.match(text)
    if wf:
        day, clock, millis, zulu, off_h, off_m = wf.groups()
        offset = "+00:00" if zulu else (f"{off_h}:{off_m}" if off_h else "")
        text = f"{day}T{clock}.{millis}{offset}"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise invalid(f"Invalid date: {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def parse_to_internal(value: str, zone: tzinfo, now: datetime) -> str:
    """Parse a client date straight into the stored form."""
    return to_internal(parse_input(value, zone, now))
