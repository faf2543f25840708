"""Who acts (`Actor`) and through which door (`AuditSource`).

Every door names its source explicitly when it builds the actor (the chat says CHAT, the CLI says
CLI...), so the log never has to guess where a change came from.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from mcc.auth.schemas import CurrentUser, Role


class AuditSource(StrEnum):
    CHAT = "chat"
    API = "api"  # GraphQL and JSON routes
    UI = "ui"  # the htmx pages
    CLI = "cli"
    SYNC = "sync"  # the work-management system's changes, applied by the sync
    SYSTEM = "system"  # start-up and background work nobody asked for


@dataclass(frozen=True)
class Actor:
    """The person (or machine) behind a change; `user_id` is None for sync and system work."""

    source: AuditSource
    user_id: uuid.UUID | None = None
    email: str | None = None
    role: Role | None = None

    @classmethod
    def of(cls, user: CurrentUser | None, source: AuditSource) -> Actor:
        if user is None:
            return cls(source)
        return cls(source, user.id, user.email, user.role)

    @property
    def name(self) -> str:
        """What the log shows: the email, or the source for work no person did."""
        return self.email or self.source.value


SYSTEM = Actor(AuditSource.SYSTEM)
SYNC = Actor(AuditSource.SYNC)


def jsonable(value: Any) -> Any:
    """A value as the log stores it: JSON types only, dates ISO, decimals as strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    changed: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = jsonable(before.get(name)), jsonable(after.get(name))
        if old != new:
            changed[name] = [old, new]
    return changed
