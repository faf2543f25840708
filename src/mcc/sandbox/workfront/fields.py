"""``fields=`` selection and the projection of stored documents into API responses.

Without ``fields=`` a type returns its default set (reference §3). ``fields=`` adds to that set:
``*`` (every native field), ``DE:Name`` and ``parameterValues`` (custom fields), references
(``owner``, ``project:status``) and collections (``tasks``, ``assignments:*``), at most four
levels deep. Nested objects carry ``ID``/``name``/``objCode`` plus what was asked, or their
type's defaults when nothing was asked. Dates render in the REST colon form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, Protocol

from mcc.sandbox.workfront import dates
from mcc.sandbox.workfront.errors import INVALID_PARAM_CLASS, invalid
from mcc.sandbox.workfront.objects import TYPES, Collection, Kind, ObjType
from mcc.sandbox.workfront.query import unsupported_field

Doc = dict[str, Any]
MAX_DEPTH = 4


class Lookup(Protocol):
    """What projection needs from the service: references and children, already derived."""

    def lookup(self, obj_code: str, obj_id: str) -> Doc | None:
        """A derived document, or None."""
        ...

    def children(self, collection: Collection, parent: Doc) -> list[Doc]:
        """The members of ``collection`` under ``parent``."""
        ...


@dataclass
class Selection:
    """A parsed ``fields=`` tree for one object type."""

    star: bool = False
    names: list[str] = field(default_factory=list)
    nested: dict[str, Selection] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing was asked for explicitly."""
        return not (self.star or self.names or self.nested)


def parse_fields(otype: ObjType, spec: str | None, version: str) -> Selection:
    """Parse and validate a ``fields=`` value against the schema."""
    selection = Selection()
    for item in (spec or "").split(","):
        item = item.strip()
        if item:
            _add(otype, selection, item, version, depth=1)
    return selection


def _add(otype: ObjType, selection: Selection, item: str, version: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise invalid(f"Field depth is limited to {MAX_DEPTH}: {item}", INVALID_PARAM_CLASS)
    if item == "*":
        selection.star = True
        return
    if item.startswith("DE:") or item == "parameterValues":
        if not otype.custom_fields:
            raise unsupported_field(version, item, otype)
        selection.names.append(item)
        return
    head, _, rest = item.partition(":")
    if not rest and head in otype.fields:
        selection.names.append(head)
        return
    target: str | None = None
    if head in otype.references:
        target = otype.references[head].target
    elif head in otype.collections:
        target = otype.collections[head].target
    if target is None:
        raise unsupported_field(version, head, otype)
    child = selection.nested.setdefault(head, Selection())
    if rest and target in TYPES:
        _add(TYPES[target], child, rest, version, depth + 1)


def render(kind: Kind, value: Any, zone: tzinfo) -> Any:
    """A stored value as the REST API shows it."""
    if value is not None and kind is Kind.DATE:
        return dates.format_rest(value, zone)
    if isinstance(value, dict | list):
        return type(value)(value)
    return value


def project(
    otype: ObjType,
    doc: Doc,
    selection: Selection,
    lookup: Lookup,
    zone: tzinfo,
    *,
    nested: bool = False,
) -> Doc:
    """Shape one stored document for the response."""
    if selection.star:
        names = [n for n in otype.fields if n != "parameterValues"]
    elif nested and not selection.empty:
        names = [n for n in ("ID", "name", "objCode") if n in otype.fields]
    else:
        names = list(otype.defaults)
    names += [n for n in selection.names if n not in names]
    out: Doc = {}
    custom = doc.get("parameterValues") or {}
    for name in names:
        if name.startswith("DE:"):
            if name in custom:
                out[name] = render(Kind.STR, custom[name], zone)
        elif name == "parameterValues":
            out[name] = dict(custom)
        else:
            out[name] = render(otype.fields[name].kind, doc.get(name), zone)
    for name, child in selection.nested.items():
        if name in otype.references:
            ref = otype.references[name]
            ref_id = doc.get(ref.fk)
            target = lookup.lookup(ref.target, ref_id) if isinstance(ref_id, str) else None
            out[name] = (
                None
                if target is None
                else project(TYPES[ref.target], target, child, lookup, zone, nested=True)
            )
        else:
            collection = otype.collections[name]
            members = lookup.children(collection, doc)
            if collection.target in TYPES:
                ctype = TYPES[collection.target]
                out[name] = [project(ctype, m, child, lookup, zone, nested=True) for m in members]
            else:
                out[name] = [dict(m) for m in members]
    return out
