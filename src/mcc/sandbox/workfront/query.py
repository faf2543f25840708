"""Search semantics: field paths, value coercion, filters with modifiers, sorting and paging.

Reproduces reference §4 and §10.6: ``field=value`` with ``field_Mod=<modifier>`` (and
``field_Range`` for ``between``), ``OR:<n>:`` groups ORed with the un-prefixed group, reference
traversal (``project:status``), custom fields (``DE:Name``), ``field_Sort`` / ``field_<n>_Sort``,
``$$FIRST`` / ``$$LIMIT`` (default 100, above 2000 is an error). An unknown field is an error, as
on a real tenant; an unknown *value* (say a status nobody uses) simply matches nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from mcc.sandbox.workfront import dates
from mcc.sandbox.workfront.errors import ILLEGAL_ARGUMENT_CLASS, INVALID_PARAM_CLASS, invalid
from mcc.sandbox.workfront.objects import TYPES, FieldDef, Kind, ObjType, words

Doc = dict[str, Any]
Params = list[tuple[str, str]]
#: Resolves (objCode, ID) to a stored document; used to follow references.
Getter = Callable[[str, str], Doc | None]

#: Parameters that steer the request and are never filters or field updates.
RESERVED = frozenset(
    words(
        "method fields apiKey sessionID updates action map copySourceID options atomic force "
        "$$FIRST $$LIMIT $$ROLLUP filters id username password concurrent uri callback jsonp "
        "objCode"
    )
)
MAX_LIMIT = 2000
DEFAULT_LIMIT = 100
MODIFIERS = frozenset(
    words(
        "eq ne gt gte lt lte contains notcontains cicontains cinotcontains cieq cine like cilike "
        "in notin ciin cinotin between notbetween isnull notnull blank isblank notblank"
    )
)
_NO_VALUE = frozenset({"isnull", "notnull", "blank", "isblank", "notblank"})
_OR_PREFIX = re.compile(r"^OR:(\d+):(.+)$")
_SORT = re.compile(r"^(.+?)(?:_(\d+))?_Sort$")


@dataclass(frozen=True)
class Path:
    """A resolved field path: references to follow, then a native or custom (``DE:``) field."""

    hops: tuple[tuple[str, str], ...]  # (fk field, target objCode) per reference followed
    name: str
    kind: Kind | None  # None for custom fields, whose values are untyped

    def value(self, doc: Doc, get: Getter) -> Any:
        """The value at this path, or None where a reference is empty."""
        current: Doc | None = doc
        for fk, target in self.hops:
            ref_id = current.get(fk) if current else None
            current = get(target, ref_id) if isinstance(ref_id, str) else None
        if current is None:
            return None
        if self.name.startswith("DE:"):
            return (current.get("parameterValues") or {}).get(self.name)
        return current.get(self.name)


def unsupported_field(version: str, name: str, otype: ObjType) -> Exception:
    """The error a tenant gives for a field its API model does not have (reference §10.5)."""
    return invalid(
        f"APIModel {version} does not support field {name} ({otype.label})", INVALID_PARAM_CLASS
    )


def resolve_path(otype: ObjType, text: str, version: str) -> Path:
    """Resolve ``a:b:field`` against the schema, raising the tenant's error when unknown."""
    if text.startswith("DE:"):
        if not otype.custom_fields:
            raise unsupported_field(version, text, otype)
        return Path((), text, None)
    head, _, rest = text.partition(":")
    if rest:
        ref = otype.references.get(head)
        if ref is None:
            raise unsupported_field(version, head, otype)
        inner = resolve_path(TYPES[ref.target], rest, version)
        return Path(((ref.fk, ref.target), *inner.hops), inner.name, inner.kind)
    fdef = otype.fields.get(text)
    if fdef is None:
        raise unsupported_field(version, text, otype)
    return Path((), text, fdef.kind)


def coerce(fdef: FieldDef, raw: Any, zone: tzinfo, now: datetime) -> Any:
    """Convert a client value (form string or JSON value) to the stored value, or raise 422."""
    if raw is None or (raw == "" and fdef.kind is not Kind.STR):
        return None
    try:
        match fdef.kind:
            case Kind.STR:
                return str(raw)
            case Kind.INT:
                return int(float(raw)) if not isinstance(raw, bool) else int(raw)
            case Kind.FLOAT:
                return float(raw)
            case Kind.BOOL:
                return raw if isinstance(raw, bool) else str(raw).lower() == "true"
            case Kind.DATE:
                return dates.parse_to_internal(str(raw), zone, now)
            case Kind.LIST | Kind.MAP:
                value = json.loads(raw) if isinstance(raw, str) else raw
                wanted = list if fdef.kind is Kind.LIST else dict
                if not isinstance(value, wanted):
                    raise TypeError(fdef.name)
                return value
    except (TypeError, ValueError):
        raise invalid(f"Invalid value {raw!r} for field {fdef.name}") from None


def _comparable(kind: Kind | None, value: Any, zone: tzinfo, now: datetime) -> Any:
    """Bring a stored value or a filter string to one comparable type for ``kind``."""
    if value is None:
        return None
    if kind is Kind.DATE:
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T.*\+00:00$", value):
            return dates.from_internal(value)
        return dates.parse_input(str(value), zone, now)
    if kind in (Kind.INT, Kind.FLOAT) or (kind is None and _is_number(value)):
        try:
            return float(value)
        except (TypeError, ValueError):
            return str(value)
    if kind is Kind.BOOL:
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return str(value)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


@dataclass
class Condition:
    """One ``field[_Mod][_Range]`` filter."""

    path: Path
    modifier: str = "eq"
    values: list[str] = field(default_factory=list)
    upper: str | None = None

    def matches(self, doc: Doc, get: Getter, zone: tzinfo, now: datetime) -> bool:
        """Whether ``doc`` satisfies the condition; list values match if any element does."""
        actual = self.path.value(doc, get)
        if isinstance(actual, list) and self.modifier not in _NO_VALUE:
            return any(self._test(item, zone, now) for item in actual) or (
                not actual and self.modifier.startswith(("ne", "cine", "not"))
            )
        return self._test(actual, zone, now)

    def _test(self, actual: Any, zone: tzinfo, now: datetime) -> bool:
        mod = self.modifier
        if mod == "isnull":
            return actual is None
        if mod == "notnull":
            return actual is not None
        if mod in ("blank", "isblank"):
            return actual is None or actual == ""
        if mod == "notblank":
            return actual is not None and actual != ""
        negate = mod in ("ne", "cine", "notin", "cinotin", "notcontains", "cinotcontains")
        negate = negate or mod == "notbetween"
        if actual is None:
            return negate
        positive = {"ne": "eq", "cine": "cieq", "notin": "in", "cinotin": "ciin"}.get(mod, mod)
        positive = positive.replace("notcontains", "contains").replace("notbetween", "between")
        result = self._positive(positive, actual, zone, now)
        return not result if negate else result

    def _positive(self, mod: str, actual: Any, zone: tzinfo, now: datetime) -> bool:
        kind = self.path.kind
        if mod.startswith("ci") or mod in ("contains", "like"):
            text = str(actual).lower() if mod.startswith("ci") else str(actual)
            wanted = [v.lower() if mod.startswith("ci") else v for v in self.values]
            base = mod.removeprefix("ci")
            if base == "contains":
                return any(v in text for v in wanted)
            if base == "like":
                return any(_like(v, text) for v in wanted)
            return text in wanted  # cieq, ciin
        left = _comparable(kind, actual, zone, now)
        rights = [_comparable(kind, v, zone, now) for v in self.values]
        try:
            if mod in ("eq", "in"):
                return left in rights
            if mod == "between":
                upper = _comparable(kind, self.upper, zone, now)
                return bool(rights) and upper is not None and rights[0] <= left <= upper
            right = rights[0] if rights else None
            if right is None:
                return False
            return bool(
                {
                    "gt": left > right,
                    "gte": left >= right,
                    "lt": left < right,
                    "lte": left <= right,
                }[mod]
            )
        except TypeError:  # e.g. a number compared with text
            return False


def _like(pattern: str, text: str) -> bool:
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("%")) + "$"
    return re.match(regex, text, re.DOTALL) is not None


@dataclass
class Search:
    """A parsed search: groups of conditions, sort keys and the page window."""

    base: list[Condition] = field(default_factory=list)
    groups: dict[int, list[Condition]] = field(default_factory=dict)
    sort: list[tuple[Path, bool]] = field(default_factory=list)
    first: int = 0
    limit: int = DEFAULT_LIMIT

    def matches(self, doc: Doc, get: Getter, zone: tzinfo, now: datetime) -> bool:
        """The base group OR any ``OR:n`` group; an empty group set matches everything."""
        groups = ([self.base] if self.base or not self.groups else []) + list(self.groups.values())
        return any(all(c.matches(doc, get, zone, now) for c in group) for group in groups)

    def apply(
        self, docs: list[Doc], get: Getter, zone: tzinfo, now: datetime, *, page: bool = True
    ) -> list[Doc]:
        """Filter, sort (stable, last key first) and cut the page."""
        found = [doc for doc in docs if self.matches(doc, get, zone, now)]
        for path, descending in reversed(self.sort):
            present = [d for d in found if path.value(d, get) is not None]
            missing = [d for d in found if path.value(d, get) is None]
            present.sort(
                key=lambda d, p=path: _comparable(p.kind, p.value(d, get), zone, now),  # type: ignore[misc]
                reverse=descending,
            )
            found = missing + present if not descending else present + missing
        return found[self.first : self.first + self.limit] if page else found


def _int_param(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise invalid(f"{name} must be an integer, got {raw!r}", ILLEGAL_ARGUMENT_CLASS) from None
    if value < 0:
        raise invalid(f"{name} must not be negative", ILLEGAL_ARGUMENT_CLASS)
    return value


def parse_search(otype: ObjType, params: Params, version: str) -> Search:
    """Build a :class:`Search` from request parameters (plus a ``filters=`` JSON object)."""
    search = Search()
    expanded = list(params)
    for name, raw in params:
        if name == "filters":
            try:
                extra = json.loads(raw)
            except ValueError:
                raise invalid("filters must be a JSON object", INVALID_PARAM_CLASS) from None
            if not isinstance(extra, dict):
                raise invalid("filters must be a JSON object", INVALID_PARAM_CLASS)
            for key, value in extra.items():
                values = value if isinstance(value, list) else [value]
                expanded.extend((key, str(v)) for v in values)
        elif name == "$$FIRST":
            search.first = _int_param(name, raw)
        elif name == "$$LIMIT":
            search.limit = _int_param(name, raw)
            if search.limit > MAX_LIMIT:
                raise invalid(
                    f"The requested limit {search.limit} is greater than the maximum allowed "
                    f"limit of {MAX_LIMIT}",
                    ILLEGAL_ARGUMENT_CLASS,
                )
    # (group, field) -> [values, modifier, upper]; insertion order keeps conditions stable.
    pending: dict[tuple[int, str], list[Any]] = {}
    sort_keys: list[tuple[int, int, str, bool]] = []
    for position, (name, raw) in enumerate(expanded):
        if name in RESERVED:
            continue
        group, key = 0, name
        prefixed = _OR_PREFIX.match(name)
        if prefixed:
            group, key = int(prefixed.group(1)), prefixed.group(2)
        sort = _SORT.match(key)
        if sort:
            direction = raw.lower()
            if direction not in ("asc", "desc", "ciasc", "cidesc"):
                raise invalid(f"Invalid sort direction {raw!r}", INVALID_PARAM_CLASS)
            index = int(sort.group(2)) if sort.group(2) else 0
            sort_keys.append((index, position, sort.group(1), direction.endswith("desc")))
            continue
        if key.endswith("_Mod"):
            entry = pending.setdefault((group, key[:-4]), [[], None, None])
            modifier = raw.lower()
            if modifier not in MODIFIERS:
                raise invalid(f"Unknown filter modifier {raw!r}", INVALID_PARAM_CLASS)
            entry[1] = modifier
        elif key.endswith("_Range"):
            pending.setdefault((group, key[:-6]), [[], None, None])[2] = raw
        else:
            pending.setdefault((group, key), [[], None, None])[0].append(raw)
    for (group, key), (values, modifier, upper) in pending.items():
        path = resolve_path(otype, key, version)
        mod = modifier or ("in" if len(values) > 1 else "eq")
        if mod in ("in", "notin") and path.name.endswith("ID"):
            values = [part for value in values for part in value.split(",")]
        if mod in ("ne",) and len(values) > 1:
            mod = "notin"
        condition = Condition(path, mod, values, upper)
        target = search.base if group == 0 else search.groups.setdefault(group, [])
        target.append(condition)
    for _, _, key, descending in sorted(sort_keys):
        search.sort.append((resolve_path(otype, key, version), descending))
    return search
