"""What the emulator's rules need from a tenant: its fixed IDs, the unit of work, a writer.

The service (`service.py`) implements :class:`Tenant`; the rules (`rules.py`) and the copy and
action workflows (`workflows.py`) are written against this protocol, so they never import the
service that calls them. Imports run one way: service → workflows → rules → tenant.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Protocol

from mcc.sandbox.workfront.store import Doc, Store

#: The API-model label used in error messages when a request names no version.
LATEST_VERSION = "V22_0"
CUSTOMER_ID = "c0ffee00000000000000000000000001"
GROUP_ID = "c0ffee00000000000000000000000002"


@dataclass(frozen=True)
class Change:
    """One object's net change within a committed unit."""

    obj_code: str
    event_type: str  # CREATE | UPDATE | DELETE
    old: Doc | None
    new: Doc | None
    epoch_ns: int


@dataclass
class Unit:
    """The objects touched by one request, with their state before it."""

    user_id: str | None
    now: datetime
    version: str = "V22_0"
    before: dict[str, tuple[str, Doc | None]] = field(default_factory=dict)


def new_id() -> str:
    """A 32-character lowercase hex ID, the shape Workfront uses (reference §3)."""
    return uuid.uuid4().hex


class Tenant(Protocol):
    """The store, clock and unit-of-work writes that the rules apply changes through."""

    @property
    def store(self) -> Store: ...

    @property
    def zone(self) -> tzinfo: ...

    def now(self) -> datetime: ...

    def current(self) -> Unit: ...

    def save(self, doc: Doc, *, touch: bool = True) -> Doc: ...

    def remove(self, doc: Doc) -> None: ...
