"""The API's shell: routes, auth, fault injection, envelopes, pagination, the request log.

Every route under ``/api/1.0`` is declared with :func:`api` and gets a :class:`Call`: the path
parameters, the query (``opt_fields`` read from it for every method, unknown parameters ignored:
the official SDK sends a stray ``body=`` on some POSTs, reference §7.2), the ``data`` of a JSON
body, and the caller's user gid. Answers are ``{"data": ...}`` (201 for creates), lists add
``next_page`` when ``limit`` was sent, failures are ``{"errors": [...]}`` (reference §2, §4).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from mcc.sandbox.asana.context import Emulator, emulator
from mcc.sandbox.asana.errors import AsanaError, invalid, not_found
from mcc.sandbox.asana.render import FieldTree, parse_opt_fields
from mcc.sandbox.asana.store import Doc

PREFIX = "/api/1.0"
MAX_LIMIT = 100
#: Asana's documented rate-limit message (reference §3).
RATE_LIMITED = (
    "You've made too many requests and hit a rate limit. Please retry after the given amount "
    "of time."
)
REQUEST_LOG_BODY = 4000


@dataclass
class Call:
    """One API request as the handlers see it."""

    emu: Emulator
    request: Request
    path: dict[str, str]
    query: dict[str, str]
    data: Doc
    user: str
    fields: FieldTree | None

    def one(self, doc: Doc, status: int = 200) -> JSONResponse:
        """A single record: full, or the ``opt_fields`` asked for."""
        return JSONResponse({"data": self.emu.service.render.select(doc, self.fields)}, status)

    def created(self, doc: Doc) -> JSONResponse:
        """201 with the new record."""
        return self.one(doc, 201)

    def empty(self) -> JSONResponse:
        """``{"data": {}}``: deletes and action endpoints."""
        return JSONResponse({"data": {}})

    def many(self, docs: list[Doc]) -> JSONResponse:
        """A list, compact unless ``opt_fields``; paginated when ``limit`` was sent."""
        render = self.emu.service.render
        page, next_page, paginated = paginate(self, docs)
        body: Doc = {"data": [render.listing(doc, self.fields) for doc in page]}
        if paginated:
            body["next_page"] = next_page
        return JSONResponse(body)

    def flag(self, name: str) -> bool | None:
        """A boolean query parameter (``true``/``false``), None when absent."""
        value = self.query.get(name)
        if value is None:
            return None
        if value.lower() not in ("true", "false"):
            raise invalid(f"{name}: Not a boolean: {value}")
        return value.lower() == "true"


Handler = Callable[[Call], Awaitable[Response]]


def _fingerprint(call: Call) -> str:
    """What an offset token is bound to: the path and every parameter but paging ones."""
    rest = sorted((k, v) for k, v in call.query.items() if k not in ("limit", "offset"))
    raw = json.dumps([call.request.url.path, rest])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def paginate(call: Call, docs: list[Doc]) -> tuple[list[Doc], Doc | None, bool]:
    """The page asked for, the ``next_page`` record, and whether ``limit`` was sent.

    The offset is an opaque token (base64 of the query fingerprint and a position) that only
    works for the query that produced it: a forged or foreign one gets 400 (reference §9)."""
    raw_limit = call.query.get("limit")
    if raw_limit is None:
        return docs, None, False
    try:
        limit = int(raw_limit)
    except ValueError:
        raise invalid(f"limit: Not a valid integer: {raw_limit}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid(f"limit: Must be between 1 and {MAX_LIMIT}, got {limit}")
    start = 0
    offset = call.query.get("offset")
    if offset:
        try:
            decoded = base64.urlsafe_b64decode(offset + "==").decode()
            fingerprint, _, position = decoded.partition(":")
            start = int(position)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise invalid("offset: Your pagination token is invalid.") from None
        if fingerprint != _fingerprint(call) or start < 0:
            raise invalid("offset: Your pagination token is invalid.")
    page = docs[start : start + limit]
    if start + limit >= len(docs):
        return page, None, True
    token = base64.urlsafe_b64encode(f"{_fingerprint(call)}:{start + limit}".encode()).decode()
    token = token.rstrip("=")
    query = {**call.query, "limit": str(limit), "offset": token}
    path = call.request.url.path.removeprefix(PREFIX) + "?" + urlencode(query)
    base = str(call.request.base_url).rstrip("/") + PREFIX
    return page, {"offset": token, "path": path, "uri": base + path}, True


def error_response(error: AsanaError) -> JSONResponse:
    """An Asana error body with its status and headers."""
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


class DroppedResponse(Response):
    """Starts a response and closes the connection before the body: the create committed,
    the client never hears so (a fault switch; clients must look up before re-creating)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 201,
                    "headers": [(b"content-length", b"1000")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b'{"data": {', "more_body": True})
        raise ConnectionAbortedError("response dropped by the emulator's fault switch")


async def _read_data(request: Request) -> Doc:
    body = await request.body()
    if not body.strip():
        return {}
    try:
        parsed = json.loads(body)
    except ValueError:
        raise invalid("Could not parse request data, invalid JSON") from None
    if not isinstance(parsed, dict):
        raise invalid("Request data must be a JSON object")
    data = parsed.get("data", {})
    if not isinstance(data, dict):
        raise invalid("data: Must be an object")
    return data


def api(method: str, path: str, handler: Handler) -> Route:
    """One API route: log, authenticate, inject faults, run, answer in Asana's shapes."""

    async def endpoint(request: Request) -> Response:
        emu = emulator(request)
        raw = (await request.body())[:REQUEST_LOG_BODY].decode("utf-8", "replace")
        emu.requests.append({"at": datetime.now(UTC).isoformat(), "method": request.method,
                             "path": request.url.path, "query": request.url.query,
                             "body": raw})  # fmt: skip
        try:
            user = emu.auth.authenticate(request.headers.get("authorization", ""))
            settings = emu.faults.current
            if settings.api_latency_ms:
                await asyncio.sleep(settings.api_latency_ms / 1000)
            call_name = f"{request.method} {request.url.path.removeprefix(PREFIX)}"
            injected = emu.faults.take_api_error(call_name)
            if injected == 429:
                retry = {"Retry-After": str(settings.retry_after_s)}
                raise AsanaError(429, RATE_LIMITED, headers=retry)
            if injected is not None:
                raise AsanaError(injected, "Server Error (injected by the emulator)")
            call = Call(
                emu=emu,
                request=request,
                path={k: str(v) for k, v in request.path_params.items()},
                query=dict(request.query_params),
                data=await _read_data(request),
                user=user,
                fields=parse_opt_fields(request.query_params.get("opt_fields")),
            )
            response = await handler(call)
        except AsanaError as error:
            return error_response(error)
        except Exception as exc:  # an emulator bug: still answer in Asana's shape
            return error_response(AsanaError(500, f"Server Error: {exc!r}"))
        if method == "POST" and response.status_code == 201 and emu.faults.take_drop():
            return DroppedResponse()
        return response

    return Route(PREFIX + path, endpoint, methods=[method])


async def _unknown(call: Call) -> Response:
    raise not_found()


def fallback() -> list[Route]:
    """Any other path under ``/api/1.0``: 401 without a token, else 404 in Asana's shape."""
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    return [api(m, "/{rest:path}", _unknown) for m in methods]
