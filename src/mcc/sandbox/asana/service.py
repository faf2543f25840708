"""Units of work and the events they produce: what every Asana write goes through.

A handler opens ``service.unit(user)``; inside, it creates and saves documents and calls
``emit`` for each change Asana would report (reference §9 "Event generation": ``added`` with a
``parent``, ``changed`` with ``change.field``, ``removed``, ``deleted``). Events are computed
while the unit's state is at hand (a deleted task's projects are gone after the delete) and
handed to ``on_events`` only after the store committed, so a failed request emits nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mcc.sandbox.asana.errors import AsanaError, invalid, not_found
from mcc.sandbox.asana.faults import Clock
from mcc.sandbox.asana.render import Renderer
from mcc.sandbox.asana.store import Doc, Store


@dataclass(frozen=True)
class Event:
    """One compact event and the resources whose streams and webhooks it reaches."""

    body: Doc
    targets: tuple[str, ...]


@dataclass
class Unit:
    """The caller and the events of one write request."""

    user: str | None
    now: str
    events: list[Event] = field(default_factory=list)


def iso(moment: float) -> str:
    """``2012-02-22T02:06:58.147Z``: Asana's timestamp shape."""
    stamp = datetime.fromtimestamp(moment, UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


class AsanaService:
    """Reads, writes and event emission over one store."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.render = Renderer(store)
        self.on_events: Callable[[list[Event]], None] = lambda events: None
        self._local = threading.local()

    # -- reads -----------------------------------------------------------------------------

    def get(self, gid: str, kind: str) -> Doc:
        """A stored object named in the path; 404 when missing or of another type."""
        doc = self.store.get(gid, kind)
        if doc is None:
            raise not_found(gid)
        return doc

    def resolve(self, value: Any, kind: str, name: str) -> Doc:
        """An object named in the body or query; 400 naming the field when unknown."""
        if not isinstance(value, str) or not value:
            raise invalid(f"{name}: Not a recognized ID: {value!r}")
        doc = self.store.get(value, kind)
        if doc is None:
            raise invalid(f"{name}: Not a recognized ID: {value}")
        return doc

    # -- units of work ---------------------------------------------------------------------

    @contextmanager
    def unit(self, user: str | None) -> Iterator[Unit]:
        """Writes inside commit together; their events go out after the commit."""
        current: Unit | None = getattr(self._local, "unit", None)
        if current is not None:  # nested: join the outer unit
            yield current
            return
        unit = Unit(user=user, now=iso(self.clock.now()))
        self._local.unit = unit
        try:
            with self.store.transaction():
                yield unit
        finally:
            self._local.unit = None
        if unit.events:
            self.on_events(unit.events)

    def _unit(self) -> Unit:
        unit: Unit | None = getattr(self._local, "unit", None)
        if unit is None:
            raise RuntimeError("write outside a unit of work")
        return unit

    def create(self, kind: str, fields: Doc, *, gid: str | None = None) -> Doc:
        """Store a new object with a fresh (or the given, when seeding) gid and creation times."""
        now = self._unit().now
        doc: Doc = {"gid": gid or self.store.new_gid(), "resource_type": kind, **fields}
        doc.setdefault("created_at", now)
        if kind in ("task", "project"):
            doc["modified_at"] = now
        self.store.put(doc)
        return doc

    def save(self, doc: Doc, *, touch: bool = True) -> Doc:
        """Store a changed object; ``touch`` moves ``modified_at`` (not for moves, §5.6)."""
        if touch and doc["resource_type"] in ("task", "project"):
            doc["modified_at"] = self._unit().now
        self.store.put(doc)
        return doc

    def remove(self, doc: Doc) -> None:
        """Delete one object (callers delete what goes with it)."""
        self.store.delete(doc["gid"])

    # -- events ----------------------------------------------------------------------------

    def emit(
        self,
        action: str,
        doc: Doc,
        *,
        parent: Doc | None = None,
        change: Doc | None = None,
        also: tuple[str, ...] = (),
    ) -> None:
        """Record one compact event (reference §6.4) for the unit's commit."""
        unit = self._unit()
        resource: Doc = {"gid": doc["gid"], "resource_type": doc["resource_type"]}
        if "resource_subtype" in doc:
            resource["resource_subtype"] = doc["resource_subtype"]
        body: Doc = {
            "user": {"gid": unit.user, "resource_type": "user"} if unit.user else None,
            "created_at": unit.now,
            "action": action,
            "resource": resource,
            "parent": None,
        }
        if parent is not None:
            body["parent"] = {"gid": parent["gid"], "resource_type": parent["resource_type"]}
        if change is not None:
            body["change"] = change
        targets = tuple(dict.fromkeys((*self.targets(doc), *also)))
        unit.events.append(Event(body=body, targets=targets))

    def changed(self, doc: Doc, name: str, value: Any) -> None:
        """A ``changed`` event for one field; object values travel as ``new_value``."""
        change: Doc = {"field": name, "action": "changed"}
        ref = self.store.get(value) if isinstance(value, str) and value.isdigit() else None
        if ref is not None:
            change["new_value"] = {"gid": ref["gid"], "resource_type": ref["resource_type"]}
        self.emit("changed", doc, change=change)

    def targets(self, doc: Doc) -> list[str]:
        """The resource and every container an event on it bubbles up to (§6.2)."""
        found = [doc["gid"]]
        kind = doc["resource_type"]
        if kind == "task":
            seen: set[str] = set()
            current: Doc | None = doc
            while current is not None and current["gid"] not in seen:
                seen.add(current["gid"])
                found += [m["project"] for m in current.get("memberships", [])]
                parent = current.get("parent")
                if parent:
                    found.append(parent)
                current = self.store.get(parent, "task") if parent else None
        elif kind == "section" and doc.get("project"):
            found.append(doc["project"])
        elif kind == "project":
            found += [g for g in (doc.get("team"), doc.get("workspace")) if g]
        return list(dict.fromkeys(found))


def require(data: Doc, name: str) -> Any:
    """A body field that must be present and non-empty."""
    value = data.get(name)
    if value is None or value == "" or value == []:
        raise AsanaError(400, f"{name}: Missing input")
    return value
