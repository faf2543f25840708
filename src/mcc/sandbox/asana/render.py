"""How stored documents look on the wire: compact and full records, and ``opt_fields``.

Stored documents keep references as bare gids; here they become compact records
(``{gid, resource_type, name}``), as Asana returns them (reference §1, §9). Lists answer compact
records unless ``opt_fields`` asks for more; a single GET answers the full record. With
``opt_fields`` only the named fields come back, plus ``gid`` always; a dotted path
(``memberships.section.name``) reaches into nested records, loading a referenced one when the
compact form lacks the field. Keys starting with ``_`` are the emulator's own and never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mcc.sandbox.asana.store import Doc, Store

FieldTree = dict[str, "FieldTree"]

#: Fields of a compact record per type (gid and resource_type always come too).
_COMPACT: dict[str, tuple[str, ...]] = {
    "task": ("name", "resource_subtype"),
    "custom_field": ("name", "resource_subtype", "type", "enum_options", "is_formula_field"),
    "enum_option": ("name", "enabled", "color"),
    "job": ("resource_subtype", "status", "new_project", "new_task", "new_project_template"),
    "webhook": ("active", "resource", "target"),
    "custom_field_setting": ("project", "is_important", "parent", "custom_field"),
    "status_update": ("title", "resource_subtype"),
}
#: Stored fields holding one gid (→ a compact record) or a list of gids (→ a list of them).
_REFS = frozenset(
    {"workspace", "team", "owner", "assignee", "parent", "project", "organization", "author",
     "created_by", "completed_by", "current_status_update", "new_project", "resource",
     "custom_field"}
)  # fmt: skip
_REF_LISTS = frozenset({"followers", "members", "workspaces", "dependencies", "dependents"})


class Renderer:
    """Turns stored documents into Asana's records, resolving references through the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ref(self, gid: str | None) -> Doc | None:
        """The compact record of ``gid``; None for no reference or a deleted object."""
        if not gid:
            return None
        doc = self.store.get(gid)
        return None if doc is None else self.compact(doc)

    def compact(self, doc: Doc) -> Doc:
        """``{gid, resource_type, name}`` or the type's own compact fields."""
        kind = doc["resource_type"]
        names = _COMPACT.get(kind, ("name",))
        full = self.full(doc) if kind in ("custom_field_setting", "job", "webhook") else doc
        out = {"gid": doc["gid"], "resource_type": kind}
        for name in names:
            if name in full:
                out[name] = full[name]
        return out

    def full(self, doc: Doc, wanted: FieldTree | None = None) -> Doc:
        """Every public field, references as compact records, plus computed fields.

        ``wanted`` (the top of an ``opt_fields`` tree) skips computed fields nobody asked for:
        some of them scan every task."""
        out: Doc = {}
        for name, value in doc.items():
            if name.startswith("_"):
                continue
            if name in _REFS and (value is None or isinstance(value, str)):
                out[name] = self.ref(value)
            elif name in _REF_LISTS and isinstance(value, list):
                out[name] = [r for r in (self.ref(g) for g in value) if r is not None]
            else:
                out[name] = value
        extra = _EXTRA.get(doc["resource_type"])
        if extra is not None:
            extra(self, doc, out, wanted)
        return out

    def expand(self, record: Doc) -> Doc:
        """The full record behind a compact one (for dotted ``opt_fields``)."""
        doc = self.store.get(str(record.get("gid")))
        return record if doc is None else self.full(doc)

    def select(self, doc: Doc, tree: FieldTree | None) -> Doc:
        """The full record, or only the ``opt_fields`` in ``tree`` (plus gid)."""
        full = self.full(doc, tree)
        if tree is None:
            return full
        picked: Doc = _pick(full, tree, self.expand)
        return picked

    def listing(self, doc: Doc, tree: FieldTree | None) -> Doc:
        """A list item: compact unless ``opt_fields`` asks for fields."""
        return self.compact(doc) if tree is None else self.select(doc, tree)


def parse_opt_fields(raw: str | None) -> FieldTree | None:
    """``"name,memberships.section.name"`` → a tree of wanted fields; None when not given."""
    if raw is None or not raw.strip():
        return None
    tree: FieldTree = {}
    for path in raw.split(","):
        node = tree
        for part in path.strip().split("."):
            if part:
                node = node.setdefault(part, {})
    return tree


def _pick(value: Any, tree: FieldTree, expand: Callable[[Doc], Doc]) -> Any:
    if isinstance(value, list):
        return [_pick(item, tree, expand) for item in value]
    if not isinstance(value, dict):
        return value
    source = value
    if "gid" in value and any(name not in value for name in tree):
        source = expand(value)
    out: Doc = {"gid": source["gid"]} if "gid" in source else {}
    for name, sub in tree.items():
        if name in source:
            out[name] = _pick(source[name], sub, expand) if sub else source[name]
    return out


# -- computed fields per type ------------------------------------------------------------------


def _task(r: Renderer, doc: Doc, out: Doc, wanted: FieldTree | None) -> None:
    memberships = []
    for m in doc.get("memberships", []):
        memberships.append({"project": r.ref(m["project"]), "section": r.ref(m.get("section"))})
    out["memberships"] = memberships
    out["projects"] = [p for p in (r.ref(m["project"]) for m in doc.get("memberships", [])) if p]
    out["custom_fields"] = _task_custom_fields(r, doc)
    out.pop("custom_field_values", None)
    if wanted is None or "num_subtasks" in wanted:
        out["num_subtasks"] = sum(1 for t in r.store.all("task") if t.get("parent") == doc["gid"])
    if wanted is not None and "dependents" in wanted:  # opt-in, as in Asana
        out["dependents"] = [
            r.compact(t) for t in r.store.all("task") if doc["gid"] in t.get("dependencies", [])
        ]


def _task_custom_fields(r: Renderer, doc: Doc) -> list[Doc]:
    """The values of every field set on the task's projects, as Asana reads them back."""
    projects = {m["project"] for m in doc.get("memberships", [])}
    settings: list[str] = []
    for setting in r.store.all("custom_field_setting") if projects else []:
        if setting["project"] in projects and setting["custom_field"] not in settings:
            settings.append(setting["custom_field"])
    values: dict[str, Any] = doc.get("custom_field_values", {})
    settings += [gid for gid in values if gid not in settings]
    found = []
    for gid in settings:
        field = r.store.get(gid, "custom_field")
        if field is not None:
            found.append(field_value(field, values.get(gid)))
    return found


def field_value(field: Doc, value: Any) -> Doc:
    """A custom field record carrying a value (``enum_value``, ``display_value``...)."""
    kind = field["resource_subtype"]
    out: Doc = {k: v for k, v in field.items() if not k.startswith("_")}
    display: str | None = None
    if kind == "enum":
        option = next((o for o in field["enum_options"] if o["gid"] == value), None)
        out["enum_value"] = option
        display = option["name"] if option else None
    elif kind == "multi_enum":
        options = [o for o in field["enum_options"] if o["gid"] in (value or [])]
        out["multi_enum_values"] = options
        display = ", ".join(o["name"] for o in options) or None
    elif kind == "number":
        out["number_value"] = value
        display = None if value is None else str(value)
    elif kind == "date":
        out["date_value"] = None if value is None else {"date": value, "date_time": None}
        display = value
    else:
        out["text_value"] = value
        display = value
    out["display_value"] = display
    return out


def _project_full(r: Renderer, doc: Doc, out: Doc, wanted: FieldTree | None) -> None:
    values: dict[str, Any] = out.pop("custom_field_values", None) or {}
    if wanted is None or "custom_fields" in wanted:
        fields = [(r.store.get(gid, "custom_field"), value) for gid, value in values.items()]
        out["custom_fields"] = [field_value(f, value) for f, value in fields if f is not None]
    if wanted is not None and "custom_field_settings" not in wanted:
        return
    out["custom_field_settings"] = [
        r.full(s) for s in r.store.all("custom_field_setting") if s["project"] == doc["gid"]
    ]


def _section(r: Renderer, doc: Doc, out: Doc, wanted: FieldTree | None) -> None:
    out["projects"] = [out["project"]] if out.get("project") else []


_EXTRA: dict[str, Callable[[Renderer, Doc, Doc, FieldTree | None], None]] = {
    "task": _task,
    "project": _project_full,
    "section": _section,
}
