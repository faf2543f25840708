"""Small read-only and session endpoints: login, API keys, metadata, status named queries."""

from __future__ import annotations

import secrets
from typing import Any

from mcc.sandbox.workfront.context import Emulator
from mcc.sandbox.workfront.errors import WorkfrontError
from mcc.sandbox.workfront.objects import STATUSES, TYPES, ObjType

_NAMED = {"projectStatuses": "PROJ", "taskStatuses": "TASK", "opTaskStatuses": "OPTASK"}
_REQUIRED = {
    "PROJ": ("CUR", "PLN", "CPL"),
    "TASK": ("NEW", "INP", "CPL"),
    "OPTASK": ("NEW", "INP", "CLS", "ONH"),
}


def login(emu: Emulator, username: str, password: str) -> dict[str, Any]:
    """``/login``: a session for a username/password (reference §2)."""
    user = emu.auth.check_password(username, password)
    session = emu.auth.issue(user["ID"], "session", emu.auth.session_ttl)
    return {
        "userID": user["ID"],
        "sessionID": session,
        "versionInformation": {"currentAPIVersion": "22.0", "minimumAPIVersion": "15.0"},
    }


def api_key(emu: Emulator, params: dict[str, str], *, regenerate: bool) -> str:
    """``USER?action=getApiKey|generateApiKey`` with username and password."""
    user = emu.auth.check_password(params.get("username", ""), params.get("password", ""))
    if user.get("_admin") and not regenerate:
        return emu.auth.api_key
    if regenerate or not user.get("_apiKey"):
        user["_apiKey"] = secrets.token_hex(16)
        emu.store.put(user)
    return str(user["_apiKey"])


def metadata(otype: ObjType) -> dict[str, Any]:
    """``/{obj}/metadata``: fields, references, collections, status enums."""
    fields: dict[str, Any] = {
        name: {
            "fieldType": f"string[{fdef.kind}]" if fdef.kind == "list" else fdef.kind,
            "flags": [] if fdef.editable else ["READ_ONLY"],
        }
        for name, fdef in otype.fields.items()
    }
    if otype.code in STATUSES:
        fields["status"]["possibleValues"] = [
            {"value": code, "label": label} for code, label in STATUSES[otype.code].items()
        ]
    return {
        "objCode": otype.code,
        "name": otype.label,
        "fields": fields,
        "references": {name: {"objCode": ref.target} for name, ref in otype.references.items()},
        "collections": {name: {"objCode": c.target} for name, c in otype.collections.items()},
        "search": ["search", "count"],
        "actions": {"PROJ": ["attachTemplate"], "TASK": ["assign", "unassign", "move"]}.get(
            otype.code, []
        ),
    }


def metadata_all() -> dict[str, Any]:
    """``/metadata``: the object codes this emulator serves."""
    return {"objects": {code: {"name": t.label, "objCode": code} for code, t in TYPES.items()}}


def named_query(name: str) -> list[dict[str, Any]]:
    """``/CSTEM/projectStatuses`` and friends: the status labels (reference §4)."""
    code = _NAMED.get(name)
    if code is None:
        raise WorkfrontError(
            404, "com.attask.common.NotFoundException", f"Unknown named query {name} for CSTEM"
        )
    return [
        {
            "objCode": "CSTEM",
            "value": value,
            "label": label,
            "equatesWith": value,
            "isPrimary": True,
            "isRequired": value in _REQUIRED[code],
            "enumClass": f"STATUS_{code}",
        }
        for value, label in STATUSES[code].items()
    ]
