"""The emulator's object service: reads, writes, business rules and change capture.

Every write runs in a :class:`Unit` (one store transaction). The unit snapshots each object the
first time it is touched and, after commit, compares snapshots with the stored result to emit
one CREATE/UPDATE/DELETE :class:`Change` per object — so a project created from a template emits
one CREATE carrying its final values (as event-subscription v2 does), and a rejected request
emits nothing. The HTML browse page and the REST API both call this service, so a status
changed in the page fires the same events as one changed through the API.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from mcc.sandbox.workfront import dates, rules, workflows
from mcc.sandbox.workfront.errors import invalid, not_found
from mcc.sandbox.workfront.objects import TYPES, Collection, ObjType
from mcc.sandbox.workfront.query import Search
from mcc.sandbox.workfront.store import Doc, Store
from mcc.sandbox.workfront.tenant import LATEST_VERSION, Change, Unit

MAX_BULK = 100


class WorkfrontService:
    """Business operations over the store; transports (API, HTML page) call only this."""

    def __init__(
        self,
        store: Store,
        *,
        zone: tzinfo,
        on_changes: Callable[[list[Change]], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.zone = zone
        self.on_changes = on_changes
        self._clock = clock or (lambda: datetime.now(UTC))
        self._last_stamp: datetime | None = None
        self._stamp_lock = threading.Lock()
        self._local = threading.local()

    @property
    def _unit(self) -> Unit | None:
        unit: Unit | None = getattr(self._local, "unit", None)
        return unit

    @_unit.setter
    def _unit(self, unit: Unit | None) -> None:
        self._local.unit = unit

    # -- time ------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The current time at millisecond precision (what reads and filters compare with)."""
        moment = self._clock().astimezone(UTC)
        return moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000)

    def _stamp(self) -> datetime:
        """A write time strictly after the previous one, so ``lastUpdateDate`` orders writes."""
        with self._stamp_lock:
            moment = self.now()
            if self._last_stamp is not None and moment <= self._last_stamp:
                moment = self._last_stamp + timedelta(milliseconds=1)
            self._last_stamp = moment
            return moment

    # -- units of work ---------------------------------------------------------------------

    @contextmanager
    def unit(self, user_id: str | None, version: str = LATEST_VERSION) -> Iterator[Unit]:
        """Run writes atomically; publish their net changes after a successful commit."""
        if self._unit is not None:  # nested call joins the outer unit
            yield self._unit
            return
        try:
            with self.store.transaction():  # stamp under the lock: stamps follow commit order
                unit = Unit(user_id=user_id, now=self._stamp(), version=version)
                self._unit = unit
                yield unit
                changes = self._diff(unit)
        finally:
            self._unit = None
        if changes and self.on_changes is not None:
            self.on_changes(changes)

    def _diff(self, unit: Unit) -> list[Change]:
        # eventTime = the write's stamp (millisecond precision, as in Adobe's samples), so it
        # orders exactly like lastUpdateDate.
        stamp = round(unit.now.timestamp() * 1000) * 1_000_000
        changes = []
        for obj_id, (code, old) in unit.before.items():
            new = self.store.get(code, obj_id)
            if old is None and new is not None:
                changes.append(Change(code, "CREATE", None, new, stamp))
            elif old is not None and new is None:
                changes.append(Change(code, "DELETE", old, None, stamp))
            elif old is not None and new is not None and _visible_change(code, old, new):
                changes.append(Change(code, "UPDATE", old, new, stamp))
        return changes

    def current(self) -> Unit:
        """The unit of work in progress on this thread."""
        if self._unit is None:
            raise RuntimeError("write outside a unit of work")
        return self._unit

    def save(self, doc: Doc, *, touch: bool = True) -> Doc:
        """Store ``doc`` inside the current unit; ``touch`` stamps ``lastUpdateDate``."""
        unit = self.current()
        if doc["ID"] not in unit.before:
            unit.before[doc["ID"]] = (doc["objCode"], self.store.get(doc["objCode"], doc["ID"]))
        if touch:
            doc["lastUpdateDate"] = dates.to_internal(unit.now)
            doc["lastUpdatedByID"] = unit.user_id
        self.store.put(doc)
        return doc

    def remove(self, doc: Doc) -> None:
        """Delete ``doc`` inside the current unit."""
        unit = self.current()
        if doc["ID"] not in unit.before:
            unit.before[doc["ID"]] = (doc["objCode"], self.store.get(doc["objCode"], doc["ID"]))
        self.store.delete(doc["ID"])

    # -- reads -----------------------------------------------------------------------------

    def lookup(self, obj_code: str, obj_id: str) -> Doc | None:
        """A document with derived fields, or None (the projection's :class:`Lookup`)."""
        doc = self.store.get(obj_code, obj_id)
        return None if doc is None else rules.derive(doc, self.now())

    def children(self, collection: Collection, parent: Doc) -> list[Doc]:
        """Members of a collection: stored inline, or child objects pointing at the parent."""
        if collection.fk is None:
            return list(parent.get(collection.name) or [])
        now = self.now()
        return [
            rules.derive(doc, now)
            for doc in self.store.list_objects(collection.target)
            if doc.get(collection.fk) == parent["ID"]
        ]

    def raw(self, obj_code: str, obj_id: str) -> Doc | None:
        """The stored document without derived fields (for the browse page and rules)."""
        return self.store.get(obj_code, obj_id)

    def get(self, otype: ObjType, obj_id: str) -> Doc:
        """One object, or a 404 Workfront error."""
        doc = self.lookup(otype.code, obj_id)
        if doc is None:
            raise not_found(otype.code, obj_id)
        return doc

    def search(self, otype: ObjType, search: Search, *, page: bool = True) -> list[Doc]:
        """Objects matching ``search`` (sorted and paged unless ``page=False``)."""
        now = self.now()
        docs = [rules.derive(doc, now) for doc in self.store.list_objects(otype.code)]
        return search.apply(docs, self.lookup, self.zone, now, page=page)

    def all(self, obj_code: str) -> list[Doc]:
        """Every stored object of a type, derived, in creation order."""
        now = self.now()
        return [rules.derive(doc, now) for doc in self.store.list_objects(obj_code)]

    # -- writes ----------------------------------------------------------------------------

    def create(
        self,
        otype: ObjType,
        updates: dict[str, Any],
        user_id: str | None,
        version: str = LATEST_VERSION,
        *,
        obj_id: str | None = None,
    ) -> Doc:
        """Create one object from client updates, applying the type's defaults and rules."""
        with self.unit(user_id, version) as unit:
            doc = rules.new_document(self, otype, updates, unit, obj_id=obj_id)
            return self.get(otype, doc["ID"])

    def update(
        self,
        otype: ObjType,
        obj_id: str,
        updates: dict[str, Any],
        user_id: str | None,
        version: str = LATEST_VERSION,
    ) -> Doc:
        """Sparse update; collections in ``updates`` replace the whole collection."""
        with self.unit(user_id, version) as unit:
            current = self.store.get(otype.code, obj_id)
            if current is None:
                raise not_found(otype.code, obj_id)
            rules.apply_update(self, otype, current, updates, unit)
            return self.get(otype, obj_id)

    def delete(self, otype: ObjType, obj_id: str, user_id: str | None) -> None:
        """Delete with dependants; a Complete project refuses (reference §10.8)."""
        with self.unit(user_id):
            current = self.store.get(otype.code, obj_id)
            if current is None:
                raise not_found(otype.code, obj_id)
            rules.delete_document(self, otype, current)

    def copy(
        self,
        otype: ObjType,
        source_id: str,
        updates: dict[str, Any],
        user_id: str | None,
        version: str = LATEST_VERSION,
    ) -> Doc:
        """``copySourceID``: duplicate an object (a project with its tasks)."""
        with self.unit(user_id, version) as unit:
            doc = workflows.copy_object(self, otype, source_id, updates, unit)
            return self.get(otype, doc["ID"])

    def action(
        self,
        otype: ObjType,
        obj_id: str,
        name: str,
        args: dict[str, str],
        user_id: str | None,
        version: str = LATEST_VERSION,
    ) -> Any:
        """Run an object action; returns the ``result`` value."""
        with self.unit(user_id, version) as unit:
            doc = self.store.get(otype.code, obj_id)
            if doc is None:
                raise not_found(otype.code, obj_id)
            return workflows.run_action(self, otype, doc, name, args, unit)

    def bulk(
        self,
        otype: ObjType,
        items: list[dict[str, Any]],
        *,
        create: bool,
        user_id: str | None,
        version: str = LATEST_VERSION,
    ) -> list[Doc]:
        """Bulk create or edit (≤100 objects) as one all-or-nothing unit."""
        if len(items) > MAX_BULK:
            raise invalid(f"At most {MAX_BULK} objects can be created or edited at once")
        if not all(isinstance(item, dict) for item in items):
            raise invalid("updates must be a list of objects")
        with self.unit(user_id, version):
            if create:
                return [self.create(otype, item, user_id, version) for item in items]
            missing = [item for item in items if not item.get("ID")]
            if missing:
                raise invalid("Every object in a bulk edit needs an ID")
            return [self.update(otype, str(item["ID"]), item, user_id, version) for item in items]

    def set_status(self, otype: ObjType, obj_id: str, status: str, user_id: str | None) -> Doc:
        """The browse page's status form: the same path as ``PUT ...?status=``."""
        return self.update(otype, obj_id, {"status": status}, user_id)


def _visible_change(obj_code: str, old: Doc, new: Doc) -> bool:
    """Only edits of a type's event-subscription fields trigger UPDATE (reference §8)."""
    otype = TYPES[obj_code]
    names = otype.event_fields or tuple(otype.fields)
    return any(old.get(name) != new.get(name) for name in names)
