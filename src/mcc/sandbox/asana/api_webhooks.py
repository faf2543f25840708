"""Webhooks and the Events API (reference §6).

``POST /webhooks`` runs the handshake *before* answering (the target must echo
``X-Hook-Secret``), stores the secret, and answers 201 with the webhook and a top-level
``X-Hook-Secret``; a heartbeat follows. Workspace and team webhooks need filters; ``fields``
is only allowed with ``action: changed``; a target on localhost is refused with 403 only when
the ``forbid_local_targets`` switch is on (real Asana refuses it; a local emulator cannot).
``GET /events`` answers 412 with a fresh ``sync`` until the caller sends a token it was given.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from starlette.responses import JSONResponse, Response

from mcc.sandbox.asana.delivery import handshake
from mcc.sandbox.asana.errors import AsanaError, forbidden, invalid
from mcc.sandbox.asana.events import SyncTokens
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import iso, require
from mcc.sandbox.asana.store import Doc

WATCHABLE = ("project", "task", "section", "workspace", "team", "portfolio", "goal")
ACTIONS = ("added", "changed", "deleted", "removed", "undeleted")
HANDSHAKE_TIMEOUT_S = 10.0
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")  # noqa: S104 - names, not a bind


def _filters(raw: object, resource_type: str) -> list[Doc]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise invalid("filters: Must be an array")
    found = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("resource_type"):
            raise AsanaError(400, "filters.resource_type: Missing input")
        action = item.get("action")
        if action is not None and action not in ACTIONS:
            raise invalid(f"filters.action: Not one of {', '.join(ACTIONS)}")
        fields = item.get("fields")
        if fields is not None:
            if action != "changed":
                raise invalid("filters.fields: Only allowed with action: changed")
            if resource_type in ("workspace", "team", "portfolio"):
                raise invalid(f"filters.fields: Not allowed on a {resource_type} webhook")
            if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
                raise invalid("filters.fields: Must be an array of field names")
        found.append({k: item[k] for k in ("resource_type", "resource_subtype", "action",
                                           "fields") if item.get(k) is not None})  # fmt: skip
    if resource_type in ("workspace", "team", "portfolio") and not found:
        raise invalid(f"filters: A webhook on a {resource_type} needs filters")
    return found


def _record(call: Call, hook: Doc) -> Doc:
    """The full webhook record (the secret is never shown again after creation)."""
    return call.emu.service.render.full(hook)


async def create_webhook(call: Call) -> Response:
    emu = call.emu
    service = emu.service
    resource_gid = require(call.data, "resource")
    target = require(call.data, "target")
    resource = emu.store.get(str(resource_gid))
    if resource is None or resource["resource_type"] not in WATCHABLE:
        raise invalid(f"resource: Not a recognized ID: {resource_gid}")
    parts = urlsplit(str(target))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise invalid("target: Must be an http(s) URL")
    if emu.faults.current.forbid_local_targets and parts.hostname in _LOCAL_HOSTS:
        raise forbidden("target: The target must not be on localhost")
    filters = _filters(call.data.get("filters"), resource["resource_type"])
    secret = secrets.token_hex(32)  # 64 hex characters, as in Asana's example
    await handshake(str(target), secret, HANDSHAKE_TIMEOUT_S)  # no unit of work is open here
    with service.unit(call.user):
        hook = service.create("webhook", {
            "resource": resource["gid"], "target": str(target), "filters": filters,
            "active": True, "last_success_at": iso(emu.clock.now()), "last_failure_at": None,
            "last_failure_content": "", "delivery_retry_count": 0, "next_attempt_after": None,
            "failure_deletion_timestamp": None, "_secret": secret,
            "_resource_type": resource["resource_type"], "_last_heartbeat": 0.0,
            "_owner": call.user,
        })  # fmt: skip
    emu.worker.wake()  # the first heartbeat
    return JSONResponse({"data": _record(call, hook), "X-Hook-Secret": secret}, status_code=201)


async def list_webhooks(call: Call) -> Response:
    workspace = call.query.get("workspace")
    if not workspace:
        raise AsanaError(400, "workspace: Missing input")
    call.emu.service.resolve(workspace, "workspace", "workspace")
    resource = call.query.get("resource")
    hooks = [h for h in call.emu.store.all("webhook") if not resource or h["resource"] == resource]
    return call.many(hooks)


async def get_webhook(call: Call) -> Response:
    hook = call.emu.service.get(call.path["webhook_gid"], "webhook")
    if call.fields is not None:
        return call.one(hook)
    return JSONResponse({"data": _record(call, hook)})


async def update_webhook(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        hook = service.get(call.path["webhook_gid"], "webhook")
        hook["filters"] = _filters(require(call.data, "filters"), hook["_resource_type"])
        service.save(hook)
    return JSONResponse({"data": _record(call, hook)})


async def delete_webhook(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        hook = service.get(call.path["webhook_gid"], "webhook")
        service.remove(hook)
        service.store.cancel_deliveries(hook["gid"])
    return call.empty()


async def get_events(call: Call) -> Response:
    emu = call.emu
    resource = call.query.get("resource")
    if not resource:
        raise AsanaError(400, "resource: Missing input")
    found = emu.store.get(resource)
    if found is None or found["resource_type"] not in ("project", "task", "goal"):
        raise invalid(f"resource: Not a recognized ID: {resource}")
    tokens = SyncTokens(emu.store, emu.faults, emu.clock)
    result = tokens.read(resource, call.query.get("sync"))
    if result is None:
        message = ("Sync token invalid or too old. If you are attempting to keep resources in "
                   "sync, you must fetch the full dataset for this query now and use the new "
                   "sync token for the next sync.")  # fmt: skip
        body = {"errors": [{"message": message}], "sync": tokens.fresh(resource)}
        return JSONResponse(body, status_code=412)
    events, token, more = result
    return JSONResponse({"data": events, "sync": token, "has_more": more})


routes = [
    api("POST", "/webhooks", create_webhook),
    api("GET", "/webhooks", list_webhooks),
    api("GET", "/webhooks/{webhook_gid}", get_webhook),
    api("PUT", "/webhooks/{webhook_gid}", update_webhook),
    api("DELETE", "/webhooks/{webhook_gid}", delete_webhook),
    api("GET", "/events", get_events),
]
