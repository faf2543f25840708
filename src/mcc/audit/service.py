"""`record(...)`: write an audit entry in the caller's unit of work.

The entry is added to the same session as the change it describes, so the two commit together or
not at all: there is no change without its entry, and no entry for a change that rolled back.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit.repository import AuditRepository
from mcc.audit.schemas import Actor, AuditSource, jsonable
from mcc.auth.schemas import Role
from mcc.exceptions import ValidationError
from mcc.models import AuditEntry
from mcc.models.base import utcnow

_LAST_AT = "mcc.audit.last_at"
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    *,
    entity_type: str,
    entity_id: uuid.UUID | str,
    campaign_id: uuid.UUID | None = None,
    changes: dict[str, Any] | None = None,
    comment: str | None = None,
) -> None:
    """Append one entry; `changes` maps a field to `[before, after]`."""
    AuditRepository(session).add(
        AuditEntry(
            at=_next_time(session),
            actor_id=actor.user_id,
            actor=actor.name,
            source=actor.source.value,
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            campaign_id=campaign_id,
            changes={name: jsonable(pair) for name, pair in (changes or {}).items()},
            comment=comment,
        )
    )


def _next_time(session: AsyncSession) -> datetime:
    """Now, but later than this unit of work's previous entry: two entries of one change (created,
    then approval requested) must read back in the order they were made, and the clock can
    return the same microsecond twice."""
    now, last = utcnow(), session.info.get(_LAST_AT)
    if last is not None and now <= last:
        now = last + timedelta(microseconds=1)
    session.info[_LAST_AT] = now
    return now


async def person(session: AsyncSession, email: str | None, source: AuditSource) -> Actor:
    """The actor for a door that knows only the user's email (the assistant's staged write)."""
    user = await AuditRepository(session).user_by_email(email) if email else None
    if user is None:
        return Actor(source, email=email)
    return Actor(source, user.id, user.email, Role(user.role))


async def history(
    session: AsyncSession, campaign_id: uuid.UUID | None = None, limit: int | None = None
) -> Sequence[AuditEntry]:
    size = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= size <= MAX_LIMIT:
        raise ValidationError(
            f"Invalid limit {size}: use 1 to {MAX_LIMIT}",
            {"limit": f"must be between 1 and {MAX_LIMIT}"},
        )
    return await AuditRepository(session).latest(campaign_id, size)


def describe(entry: AuditEntry) -> str:
    """One line for people: "budget 30000.00 → 150000.00; tier 2 → 1"."""
    parts = [f"{name} {_show(pair[0])} → {_show(pair[1])}" for name, pair in entry.changes.items()]
    return "; ".join(parts)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)
