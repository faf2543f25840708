"""The core REST API: ``/attask/api[/vNN.0|/unsupported|-unsupported|-internal]/...``.

A single route parses the path itself because Workfront's URL grammar is wider than a router's
(reference §2, §10.1-4): object codes or long names in any case, ``/{obj}/{ID}/{action}``,
``/search``, ``/count``, ``/metadata``; parameters from the query string, a form body, an
``updates=`` JSON string or a raw JSON body; and ``method=`` tunnelling of any verb (clients such
as python-workfront send everything as POST with ``method=``). Answers are ``{"data": ...}``
with 200, or a Workfront error body.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mcc.sandbox.workfront import catalog
from mcc.sandbox.workfront.context import Emulator, emulator
from mcc.sandbox.workfront.errors import WorkfrontError, invalid, malformed
from mcc.sandbox.workfront.fields import parse_fields, project
from mcc.sandbox.workfront.objects import ObjType, resolve_type
from mcc.sandbox.workfront.query import RESERVED, Params, parse_search
from mcc.sandbox.workfront.tenant import LATEST_VERSION

SUPPORTED_VERSIONS = range(15, 23)
_PREFIX = re.compile(
    r"^/attask/(?:api/v(?P<version>\d+)\.0|api/unsupported|api/internal|api-unsupported"
    r"|api-internal|api)(?P<rest>/.*)?$"
)
_METHODS = frozenset({"GET", "POST", "PUT", "DELETE"})
_COLLECTION_ACTIONS = frozenset({"getApiKey", "generateApiKey"})


async def read_params(request: Request) -> tuple[Params, Any]:
    """Query and form parameters in order, plus a raw JSON body when one was sent."""
    params: Params = list(request.query_params.multi_items())
    body = await request.body()
    content_type = request.headers.get("content-type", "").lower()
    if not body.strip():
        return params, None
    if "json" in content_type:
        try:
            return params, json.loads(body)
        except ValueError:
            raise malformed("The request body is not valid JSON") from None
    params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return params, None


def updates_of(params: Params, json_body: Any) -> Any:
    """The write payload: ``updates=`` JSON, a raw JSON body, or plain field parameters."""
    raw = [value for name, value in params if name == "updates"]
    plain = {name: value for name, value in params if name not in RESERVED}
    if (raw or json_body is not None) and plain:
        raise invalid("Cannot mix 'updates' JSON parameter with non-JSON update parameter")
    if raw:
        try:
            return json.loads(raw[-1])
        except ValueError:
            raise malformed("updates is not valid JSON") from None
    return json_body if json_body is not None else plain


def _last(params: Params, name: str) -> str | None:
    values = [value for key, value in params if key == name]
    return values[-1] if values else None


def error_response(error: WorkfrontError) -> JSONResponse:
    """A Workfront error body with its status."""
    return JSONResponse(error.body(), status_code=error.status)


async def handle(request: Request) -> Response:
    """Entry point for every core API request."""
    emu = emulator(request)
    settings = emu.faults.current
    if emu.in_flight >= settings.max_concurrent_requests:
        return error_response(
            WorkfrontError(
                429,
                "com.attask.common.TooManyRequestsException",
                "Too many concurrent API requests",
            )
        )
    emu.in_flight += 1
    try:
        if settings.api_latency_ms:
            await asyncio.sleep(settings.api_latency_ms / 1000)
        injected = emu.faults.take_api_error()
        if injected is not None:
            cls = (
                "com.attask.common.TooManyRequestsException"
                if injected == 429
                else "java.lang.RuntimeException"
            )
            return error_response(WorkfrontError(injected, cls, "Injected by the emulator"))
        data = await _dispatch(emu, request)
        return JSONResponse({"data": data})
    except WorkfrontError as error:
        return error_response(error)
    except Exception as exc:  # an emulator bug: still answer in Workfront's shape
        return error_response(WorkfrontError(500, "java.lang.RuntimeException", repr(exc)))
    finally:
        emu.in_flight -= 1


async def _dispatch(emu: Emulator, request: Request) -> Any:
    match = _PREFIX.match(request.url.path)
    if match is None:
        raise WorkfrontError(404, "com.attask.common.NotFoundException", "Unknown API path")
    version = LATEST_VERSION
    if match.group("version"):
        number = int(match.group("version"))
        if number not in SUPPORTED_VERSIONS:
            raise WorkfrontError(
                404,
                "com.attask.common.NotFoundException",
                f"API version v{number}.0 is not supported",
            )
        version = f"V{number}_0"
    segments = [s for s in (match.group("rest") or "").split("/") if s]
    params, json_body = await read_params(request)
    method = (_last(params, "method") or request.method).upper()
    if method not in _METHODS:
        raise malformed(f"Unsupported method {method}")
    single = dict(params)
    if not segments:
        raise WorkfrontError(404, "com.attask.common.NotFoundException", "No object type given")
    head = segments[0].lower()
    if head == "login":
        return catalog.login(emu, single.get("username", ""), single.get("password", ""))
    action = segments[2] if len(segments) > 2 else single.get("action")
    if len(segments) == 2 and segments[1] in _COLLECTION_ACTIONS:
        action = segments[1]
    if head == "user" and action in _COLLECTION_ACTIONS and "username" in single:
        return {"result": catalog.api_key(emu, single, regenerate=action == "generateApiKey")}
    principal = emu.auth.authenticate(request.headers, single, raw_authorization=False)
    if head == "logout":
        emu.auth.revoke(request.headers.get("sessionid") or single.get("sessionID") or "")
        return {"success": True}
    if head == "metadata":
        return catalog.metadata_all()
    if head == "cstem":
        return catalog.named_query(segments[1] if len(segments) > 1 else "")
    otype = resolve_type(segments[0])
    user = principal.user_id
    selection = parse_fields(otype, single.get("fields"), version)

    def shape(doc: dict[str, Any]) -> dict[str, Any]:
        return project(otype, doc, selection, emu.service, emu.zone)

    service = emu.service
    if len(segments) == 1:
        return _collection(emu, otype, method, params, json_body, user, version, shape)
    second = segments[1]
    if second in ("search", "count") and method == "GET":
        search = parse_search(otype, params, version)
        if second == "count":
            return {"count": len(service.search(otype, search, page=False))}
        found = [shape(doc) for doc in service.search(otype, search)]
        return {doc["ID"]: doc for doc in found} if single.get("map") == "true" else found
    if second == "metadata":
        return catalog.metadata(otype)
    obj_id = second
    if action:
        if method != "PUT":
            raise malformed("Actions must be sent with PUT")
        args = {name: value for name, value in params if name not in ("method", "action")}
        return {"result": service.action(otype, obj_id, action, args, user, version)}
    if method == "GET":
        return shape(service.get(otype, obj_id))
    if method == "PUT":
        updates = updates_of(params, json_body)
        if not isinstance(updates, dict):
            raise invalid("updates must be a JSON object")
        return shape(service.update(otype, obj_id, updates, user, version))
    if method == "DELETE":
        service.delete(otype, obj_id, user)
        return {"success": True}
    raise malformed(f"{method} is not allowed on a single object")


def _collection(
    emu: Emulator,
    otype: ObjType,
    method: str,
    params: Params,
    json_body: Any,
    user: str,
    version: str,
    shape: Any,
) -> Any:
    """``/{obj}``: get by ``id=``, create, copy, bulk create/edit."""
    service = emu.service
    single = dict(params)
    if method == "GET":
        ids = [part for part in (single.get("id") or single.get("ID") or "").split(",") if part]
        if not ids:
            raise invalid("You must specify an ID (id=...) or use /search")
        docs = [shape(service.get(otype, obj_id)) for obj_id in ids]
        return docs[0] if len(docs) == 1 else docs
    if method == "DELETE":
        raise malformed("DELETE needs an object ID in the path")
    updates = updates_of(params, json_body)
    if isinstance(updates, list):
        done = service.bulk(otype, updates, create=method == "POST", user_id=user, version=version)
        if single.get("atomic") == "true":
            return {"success": True}
        return [shape(doc) for doc in done]
    if method == "PUT":
        raise invalid("A collection PUT needs updates=[...] or an action")
    if not isinstance(updates, dict):
        raise invalid("updates must be a JSON object (or a list for a bulk create)")
    if single.get("copySourceID"):
        return shape(service.copy(otype, single["copySourceID"], updates, user, version))
    return shape(service.create(otype, updates, user, version))
