"""The event-subscription management API: ``/attask/eventsubscription/api/v1/subscriptions``.

Reference §8: create (201 + ``Location``, body ``{"id", "version"}``), list with ``page``/``limit``
(``{"subscriptions": [...], "meta": {...}}``), the deprecated ``/list`` (bare array), get,
delete (200, 404 when unknown), and payload-version changes. Only administrators may manage
subscriptions (403 otherwise); tokens are never returned in full.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcc.sandbox.workfront import events
from mcc.sandbox.workfront.api import error_response
from mcc.sandbox.workfront.context import Emulator, emulator
from mcc.sandbox.workfront.errors import WorkfrontError, malformed

BASE = "/attask/eventsubscription/api/v1/subscriptions"


async def _admin(request: Request) -> Emulator:
    emu = emulator(request)
    principal = emu.auth.authenticate(
        request.headers, dict(request.query_params), raw_authorization=True
    )
    if not principal.is_admin:
        raise WorkfrontError(403, "Forbidden", "Only System Administrators manage subscriptions")
    return emu


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body() or b"null")
    except ValueError:
        raise malformed("The request body is not valid JSON") from None


def _guard(handler: Any) -> Any:
    async def guarded(request: Request) -> Response:
        try:
            response: Response = await handler(request)
            return response
        except WorkfrontError as error:
            return error_response(error)

    return guarded


def _not_found(sub_id: str) -> WorkfrontError:
    return WorkfrontError(404, "NotFound", f"No subscription with id {sub_id}")


@_guard
async def create(request: Request) -> Response:
    """POST: 201 with ``Location``; 400 invalid, 409 duplicate."""
    emu = await _admin(request)
    sub = events.new_subscription(
        await _json(request), emu.store.list_subscriptions(), datetime.now(UTC)
    )
    emu.store.put_subscription(sub)
    base = emu.base_url or str(request.base_url).rstrip("/")
    return JSONResponse(
        {"id": sub["id"], "version": sub["version"]},
        status_code=201,
        headers={"Location": f"{base}{BASE}/{sub['id']}"},
    )


@_guard
async def list_all(request: Request) -> Response:
    """GET with ``page`` (1-based) and ``limit`` (default 100, max 1000)."""
    emu = await _admin(request)
    try:
        page = int(request.query_params.get("page", "1"))
        limit = int(request.query_params.get("limit", "100"))
    except ValueError:
        raise malformed("page and limit must be integers") from None
    if page < 1 or not 1 <= limit <= 1000:
        raise malformed("page must be ≥ 1 and limit between 1 and 1000")
    subs = emu.store.list_subscriptions()
    window = subs[(page - 1) * limit : page * limit]
    meta = {
        "page": page,
        "page_count": max(1, math.ceil(len(subs) / limit)),
        "limit": limit,
        "total_count": len(subs),
    }
    return JSONResponse({"subscriptions": [events.public(s) for s in window], "meta": meta})


@_guard
async def list_legacy(request: Request) -> Response:
    """Deprecated ``/list``: a bare array with snake_case keys."""
    emu = await _admin(request)
    rows = []
    for sub in emu.store.list_subscriptions():
        shown = events.public(sub)
        rows.append(
            {
                "id": shown["id"],
                "customer_id": shown["customerId"],
                "obj_id": shown["objId"],
                "obj_code": shown["objCode"],
                "url": shown["url"],
                "event_type": shown["eventType"],
                "auth_token": shown["authToken"],
            }
        )
    return JSONResponse(rows)


@_guard
async def get_one(request: Request) -> Response:
    """GET one subscription (token masked)."""
    emu = await _admin(request)
    sub_id = request.path_params["sub_id"]
    sub = emu.store.get_subscription(sub_id)
    if sub is None:
        raise _not_found(sub_id)
    return JSONResponse(events.public(sub))


@_guard
async def delete(request: Request) -> Response:
    """DELETE: 200 with an empty body; 404 when unknown."""
    emu = await _admin(request)
    sub_id = request.path_params["sub_id"]
    if not emu.store.delete_subscription(sub_id):
        raise _not_found(sub_id)
    return Response(status_code=200)


def _set_version(emu: Emulator, sub_id: str, version: Any) -> None:
    if version not in ("v1", "v2"):
        raise malformed("version must be v1 or v2")
    sub = emu.store.get_subscription(sub_id)
    if sub is None:
        raise _not_found(sub_id)
    if sub["version"] != version:
        stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
        sub.update(version=version, dateVersionUpdated=stamp, date_modified=stamp)
        emu.store.put_subscription(sub)


@_guard
async def set_version(request: Request) -> Response:
    """PUT ``/{id}/version`` ``{"version": "v2"}``."""
    emu = await _admin(request)
    body = await _json(request)
    _set_version(emu, request.path_params["sub_id"], (body or {}).get("version"))
    return Response(status_code=200)


@_guard
async def set_versions(request: Request) -> Response:
    """PUT ``/version`` with ``subscriptionIds`` or ``allCustomerSubscriptions: true``."""
    emu = await _admin(request)
    body = await _json(request) or {}
    if body.get("allCustomerSubscriptions") is True:
        ids = [sub["id"] for sub in emu.store.list_subscriptions()]
    else:
        ids = list(body.get("subscriptionIds") or [])
    for sub_id in ids:
        _set_version(emu, str(sub_id), body.get("version"))
    return Response(status_code=200)


routes = [
    Route(BASE, create, methods=["POST"]),
    Route(BASE, list_all, methods=["GET"]),
    Route(f"{BASE}/list", list_legacy, methods=["GET"]),
    Route(f"{BASE}/version", set_versions, methods=["PUT"]),
    Route(BASE + "/{sub_id}", get_one, methods=["GET"]),
    Route(BASE + "/{sub_id}", delete, methods=["DELETE"]),
    Route(BASE + "/{sub_id}/version", set_version, methods=["PUT"]),
]
