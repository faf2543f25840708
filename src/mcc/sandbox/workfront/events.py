"""Event subscriptions: records, filters, outbound payloads and queueing of deliveries.

Payloads follow reference §8 (Adobe's samples): ``eventType``, ``subscriptionId``, ``eventTime``
``{epochSecond, nano}``, ``eventVersion``, ``subscriptionVersion``, ``newState``, ``oldState``;
states carry the type's fixed event field list (nulls included) plus populated
``parameterValues``, with dates in the dot form; ``oldState`` is ``{}`` on CREATE and
``newState`` is ``{}`` on DELETE. Nothing is signed: the receiver gets back the ``authToken`` it
registered (see :mod:`delivery`). Messages are rows in the store, so "what was sent, and did it
land?" is a query (``GET /__emulator__/deliveries``).
"""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, tzinfo
from functools import partial
from typing import Any
from urllib.parse import urlparse

from mcc.sandbox.delivery import WebhookQueue
from mcc.sandbox.workfront import dates
from mcc.sandbox.workfront.errors import WorkfrontError, malformed
from mcc.sandbox.workfront.faults import Faults, FaultSettings
from mcc.sandbox.workfront.objects import TYPES, Kind
from mcc.sandbox.workfront.store import Doc, Store
from mcc.sandbox.workfront.tenant import CUSTOMER_ID, Change, new_id

EVENT_TYPES = ("CREATE", "UPDATE", "DELETE")
SUBSCRIBABLE = frozenset(
    {"PROJ", "TASK", "OPTASK", "TMPL", "USER", "PORT", "PRGM", "NOTE", "ASSGN", "DOCU"}
)
_FIELDS = frozenset(
    {
        "objCode",
        "eventType",
        "url",
        "authToken",
        "objId",
        "filters",
        "filterConnector",
        "base64Encoding",
    }
)
_COMPARISONS = frozenset(
    {"eq", "ne", "gt", "gte", "lt", "lte", "contains", "notContains", "containsOnly", "changed"}
)
#: After a version change, events go out as v1 and v2 for this long (reference §8).
DUAL_VERSION_SECONDS = 300


def mask(token: str) -> str:
    """``authToken`` as reads show it: last 4 characters, or fully masked when ≤ 8 long."""
    return "*" * len(token) if len(token) <= 8 else "****" + token[-4:]


def public(sub: Doc) -> Doc:
    """A subscription record as the management API returns it (token masked)."""
    out = {k: v for k, v in sub.items() if not k.startswith("_")}
    out["authToken"] = mask(str(sub["_authToken"]))
    return out


def _check_filters(filters: Any, depth: int = 0) -> None:
    if not isinstance(filters, list):
        raise malformed("filters must be a list")
    groups = [f for f in filters if isinstance(f, dict) and f.get("type") == "group"]
    if len(groups) > 10:
        raise malformed("At most 10 filter groups are allowed")
    for item in filters:
        if not isinstance(item, dict):
            raise malformed("Each filter must be an object")
        if item.get("type") == "group":
            inner = item.get("filters")
            if depth or not isinstance(inner, list) or not 2 <= len(inner) <= 5:
                raise malformed("A filter group holds 2 to 5 filters and cannot nest")
            if str(item.get("connector", "AND")).upper() not in ("AND", "OR"):
                raise malformed("connector must be AND or OR")
            _check_filters(inner, depth + 1)
        elif item.get("comparison", "eq") not in _COMPARISONS or "fieldName" not in item:
            raise malformed(f"Invalid filter: {item}")


def new_subscription(body: Any, existing: list[Doc], now: datetime) -> Doc:
    """Validate a create request and build the stored record (400/409 on bad input)."""
    if not isinstance(body, dict):
        raise malformed("The subscription must be a JSON object")
    unknown = sorted(set(body) - _FIELDS)
    if unknown:
        raise malformed(f"Unknown subscription field(s): {', '.join(unknown)}")
    obj_code = str(body.get("objCode") or "")
    if obj_code not in SUBSCRIBABLE:
        raise malformed(f"objCode {obj_code!r} is not supported by event subscriptions")
    event_type = str(body.get("eventType") or "")
    if event_type not in EVENT_TYPES:
        raise malformed(f"eventType must be one of {', '.join(EVENT_TYPES)}")
    url = str(body.get("url") or "")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise malformed(f"Invalid url: {url!r}")
    token = body.get("authToken")
    if not isinstance(token, str) or not token or len(token) >= 255:
        raise malformed("authToken is required (a string shorter than 255 characters)")
    filters = body.get("filters") or []
    _check_filters(filters)
    connector = str(body.get("filterConnector") or "AND").upper()
    if connector not in ("AND", "OR"):
        raise malformed("filterConnector must be AND or OR")
    key = (obj_code, event_type, url, body.get("objId"), json.dumps(filters, sort_keys=True))
    for sub in existing:
        other = (
            sub["objCode"],
            sub["eventType"],
            sub["url"],
            sub["objId"],
            json.dumps(sub["filters"], sort_keys=True),
        )
        if other == key:
            raise WorkfrontError(409, "Conflict", "An identical subscription already exists")
    stamp = now.astimezone(UTC).isoformat(timespec="milliseconds")
    return {
        "id": new_id(),
        "customerId": CUSTOMER_ID,
        "objId": body.get("objId"),
        "objCode": obj_code,
        "eventType": event_type,
        "url": url,
        "filters": filters,
        "filterConnector": connector,
        "base64Encoding": body.get("base64Encoding") in (True, "true"),
        "version": "v2",
        "date_created": stamp,
        "date_modified": stamp,
        "dateVersionUpdated": None,
        "subscription_url": {
            "url": url,
            "date_created": stamp,
            "successes": 0,
            "failures": 0,
            "disabled_at": None,
            "frozen_at": None,
        },
        "_authToken": token,
    }


def state(doc: Doc | None, zone: tzinfo) -> Doc:
    """An object as an event payload shows it: the fixed field list, dot-form dates."""
    if doc is None:
        return {}
    otype = TYPES[doc["objCode"]]
    names = otype.event_fields or tuple(otype.fields)
    out: Doc = {}
    for name in names:
        value = doc.get(name)
        if name == "parameterValues":
            out[name] = {k: v for k, v in (value or {}).items() if v is not None}
        elif value is not None and otype.fields[name].kind is Kind.DATE:
            out[name] = dates.format_event(value, zone)
        else:
            out[name] = value
    return out


def _value(state_doc: Doc, name: str) -> Any:
    if name.startswith("DE:"):
        return (state_doc.get("parameterValues") or {}).get(name)
    return state_doc.get(name)


def _compare(op: str, actual: Any, wanted: Any) -> bool:
    if isinstance(wanted, dict) and isinstance(actual, dict):
        return all(_compare(op, actual.get(k), v) for k, v in wanted.items())
    if op in ("contains", "notContains"):
        found = wanted in actual if isinstance(actual, list) else str(wanted) in str(actual or "")
        return found if op == "contains" else not found
    if op == "containsOnly":
        items = actual if isinstance(actual, list) else [actual]
        allowed = wanted if isinstance(wanted, list) else [wanted]
        return bool(items) and all(item in allowed for item in items)
    if op in ("eq", "ne"):
        return (str(actual) == str(wanted)) is (op == "eq") if actual is not None else op == "ne"
    try:
        left, right = float(actual), float(wanted)
    except (TypeError, ValueError):
        left, right = str(actual), str(wanted)  # type: ignore[assignment]
    if actual is None:
        return False
    return {"gt": left > right, "gte": left >= right, "lt": left < right, "lte": left <= right}[op]


def _filter_ok(item: Doc, new: Doc, old: Doc) -> bool:
    if item.get("type") == "group":
        results = [_filter_ok(f, new, old) for f in item["filters"]]
        return any(results) if str(item.get("connector", "AND")).upper() == "OR" else all(results)
    name, op = str(item["fieldName"]), str(item.get("comparison", "eq"))
    if op == "changed":
        return bool(old) and _value(new, name) != _value(old, name)
    source = old if item.get("state") == "oldState" else new
    return _compare(op, _value(source, name), item.get("fieldValue"))


def matches(sub: Doc, change: Change, new: Doc, old: Doc) -> bool:
    """Whether a change is for this subscription (type, event, object and filters)."""
    doc = change.new or change.old or {}
    if sub["objCode"] != change.obj_code or sub["eventType"] != change.event_type:
        return False
    if sub.get("objId") and sub["objId"] != doc.get("ID"):
        return False
    filters = sub.get("filters") or []
    if not filters:
        return True
    results = [_filter_ok(item, new, old) for item in filters]
    return any(results) if sub.get("filterConnector") == "OR" else all(results)


def payload(sub: Doc, change: Change, new: Doc, old: Doc, version: str) -> Doc:
    """The JSON body POSTed to the subscriber."""
    states: list[Any] = [new, old]
    if sub.get("base64Encoding"):
        states = [base64.b64encode(json.dumps(s).encode()).decode() for s in states]
    return {
        "eventType": change.event_type,
        "subscriptionId": sub["id"],
        "eventTime": {
            "epochSecond": change.epoch_ns // 1_000_000_000,
            "nano": change.epoch_ns % 1_000_000_000,
        },
        "eventVersion": version,
        "subscriptionVersion": version,
        "newState": states[0],
        "oldState": states[1],
    }


class Publisher(WebhookQueue[FaultSettings]):
    """Turns committed changes into queued deliveries and wakes the delivery worker."""

    store: Store

    def __init__(self, store: Store, faults: Faults, zone: tzinfo) -> None:
        super().__init__(store, faults, time.time)
        self.zone = zone

    def publish(self, changes: list[Change]) -> None:
        """Queue one message per (change, matching subscription), applying delivery faults."""
        subs = self.store.list_subscriptions()
        now = time.time()
        queued = False
        for change in changes:
            new, old = state(change.new, self.zone), state(change.old, self.zone)
            for sub in subs:
                if not matches(sub, change, new, old):
                    continue
                versions = [sub.get("version", "v2")]
                updated = sub.get("dateVersionUpdated")
                if updated and now - datetime.fromisoformat(updated).timestamp() < (
                    DUAL_VERSION_SECONDS
                ):
                    versions = ["v1", "v2"]
                for version in versions:
                    body = payload(sub, change, new, old, version)
                    self.enqueue(partial(self.store.add_delivery, subscription_id=sub["id"],
                                         url=sub["url"], payload=body, now=now))  # fmt: skip
                    queued = True
        if queued:
            self.release_held(force=False)
            self.wake()
