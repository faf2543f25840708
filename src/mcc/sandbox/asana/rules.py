"""Field rules shared by projects and tasks: dates, colours, booleans, partial updates.

Reference §5.2 and §5.6: dates are ``YYYY-MM-DD``; setting ``start_on`` needs a due date in the
same request (or already set) and may not fall after it; ``completed`` sets or clears
``completed_at``; project colours come from a fixed list. Each rule raises a 400 naming the field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from mcc.sandbox.asana.errors import invalid
from mcc.sandbox.asana.service import AsanaService, iso
from mcc.sandbox.asana.store import Doc

COLORS = frozenset(
    {f"{shade}-{hue}" for shade in ("dark", "light")
     for hue in ("pink", "green", "blue", "red", "teal", "brown", "orange", "purple",
                 "warm-gray", "yellow", "aqua", "indigo")} | {"none"}
)  # fmt: skip
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day(name: str, value: Any) -> str | None:
    """A ``YYYY-MM-DD`` date or None (clears); 400 otherwise."""
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise invalid(f"{name}: Not a valid date in the form YYYY-MM-DD: {value!r}")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise invalid(f"{name}: Not a valid date: {value}") from None
    return value


def boolean(name: str, value: Any) -> bool:
    """A JSON boolean; 400 for anything else (no truthy strings)."""
    if not isinstance(value, bool):
        raise invalid(f"{name}: Not a boolean: {value!r}")
    return value


def text(name: str, value: Any, limit: int = 65_536) -> str:
    """A string field; null reads as empty, other types are refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(f"{name}: Not a string: {value!r}")
    if len(value) > limit:
        raise invalid(f"{name}: Longer than {limit} characters")
    return value


def dates(doc: Doc, data: Doc) -> None:
    """Apply ``due_on``/``start_on`` (and the old ``due_date`` alias) with their rules."""
    if "due_date" in data and "due_on" not in data:
        data = {**data, "due_on": data["due_date"]}
    if "due_on" in data:
        doc["due_on"] = day("due_on", data["due_on"])
        if "due_at" in doc:
            doc["due_at"] = None
    if "start_on" in data:
        start = day("start_on", data["start_on"])
        if "due_on" not in data and "due_at" not in data:
            raise invalid("start_on: You must specify a due date (due_on) along with start_on")
        doc["start_on"] = start
    start, due = doc.get("start_on"), doc.get("due_on")
    if start and not due:
        raise invalid("start_on: A start date needs a due date")
    if start and due and start > due:
        raise invalid("start_on: The start date must be on or before the due date")
    if doc["resource_type"] == "project":
        doc["due_date"] = doc.get("due_on")


def completion(service: AsanaService, doc: Doc, value: Any, user: str) -> bool:
    """Set ``completed`` and its stamps; True when it changed."""
    done = boolean("completed", value)
    if bool(doc.get("completed")) == done:
        return False
    doc["completed"] = done
    doc["completed_at"] = iso(service.clock.now()) if done else None
    doc["completed_by"] = user if done else None
    return True


def person(service: AsanaService, name: str, value: Any, me: str) -> str | None:
    """A user field given as a gid, ``me`` or an email; 400 when unknown."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(f"{name}: Not a recognized ID: {value!r}")
    gid = me if value == "me" else value
    for user in service.store.all("user"):
        if gid in (user["gid"], user.get("email")):
            return str(user["gid"])
    raise invalid(f"{name}: Not a recognized ID: {value}")


def emit_changes(service: AsanaService, before: Doc, after: Doc, names: list[str]) -> None:
    """One ``changed`` event per field whose value differs (§9 event generation)."""
    for name in names:
        if before.get(name) != after.get(name):
            service.changed(after, name, after.get(name))
