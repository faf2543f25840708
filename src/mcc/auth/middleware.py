"""`AuthMiddleware`: every request is signed in, or public, or refused.

Protecting by default means a new route cannot be forgotten. The middleware resolves the caller
from a session cookie or an `Authorization: Bearer` token, stores it in `scope["state"]` (read
through `mcc.auth.deps`), and checks the CSRF token of every unsafe request a browser session
makes: in the `X-CSRF-Token` header (htmx and our scripts send it) or in a urlencoded form's
`csrf_token` field. Token-authenticated requests need none: browsers never attach that header
on their own. It is a pure ASGI middleware so streamed responses (SSE) pass through untouched.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from mcc.auth.cookies import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, auth_config
from mcc.auth.schemas import CurrentUser
from mcc.auth.service import AuthService
from mcc.auth.streams import guard_stream
from mcc.db import Database
from mcc.observability.bodies import FORM_BODY_MAX, FORM_TOO_LARGE, replay_body

PUBLIC_PATHS = frozenset({"/signin", "/signin/sso", "/signin/sso/callback", "/healthz", "/readyz",
                          "/metrics", "/favicon.ico"})  # fmt: skip
STREAM_PREFIXES = ("/events/",)  # long-lived responses, re-checked while open (auth/streams.py)
PUBLIC_PREFIXES = ("/static/", "/webhooks/")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

NOT_SIGNED_IN = (
    "Sign in first: send the session cookie, or 'Authorization: Bearer <token>' "
    "(create a token with `mcc tokens create --user EMAIL`)"
)
BAD_TOKEN = "Invalid, expired or revoked API token"  # noqa: S105 - a message
CSRF_REFUSED = (
    "Missing or invalid CSRF token: reload the page and try again "
    f"(scripts: send the {CSRF_HEADER} header, or use an API token)"
)


class FormTooLargeError(Exception):
    """A urlencoded body past `FORM_BODY_MAX`: refused with 413 before it is read further."""


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def _error(message: str, code: str, status: int, headers: dict[str, str] | None = None) -> Response:
    body = {"error": {"message": message, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def signin_url(connection: HTTPConnection) -> str:
    target = connection.url.path + (f"?{connection.url.query}" if connection.url.query else "")
    return "/signin" if target == "/" else f"/signin?next={quote(target, safe='')}"


class AuthMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or is_public(scope["path"]):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        user, csrf_token, problem = await self._authenticate(connection)
        if user is None:
            await self._refuse(connection, receive, send, problem)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        state["user"], state["csrf_token"] = user, csrf_token
        if scope["type"] == "websocket":
            if csrf_token is not None and not _same_origin(connection.headers):
                await WebSocket(scope, receive, send).close(code=1008, reason="cross-origin")
                return
            await self._stream(connection, receive, send)
            return
        if scope["path"].startswith(STREAM_PREFIXES):
            await self._stream(connection, receive, send)
            return
        if csrf_token is not None and scope["method"] in UNSAFE_METHODS:
            try:
                allowed, receive = await self._check_csrf(connection, receive, csrf_token)
            except FormTooLargeError:
                # Too big to search for the token: say so, rather than blame the token.
                await _error(FORM_TOO_LARGE, "TOO_LARGE", 413)(scope, receive, send)
                return
            if not allowed:
                await _error(CSRF_REFUSED, "FORBIDDEN", 403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _stream(self, connection: HTTPConnection, receive: Receive, send: Send) -> None:
        """A stream ends as soon as its credential stops being valid (see `auth/streams.py`)."""

        async def still_valid() -> bool:
            return (await self._authenticate(connection))[0] is not None

        config = auth_config(connection)
        await guard_stream(
            self.app, connection.scope, receive, send, still_valid=still_valid,
            revocations=config.revocations, interval=config.stream_recheck_seconds,
        )  # fmt: skip

    async def _authenticate(
        self, connection: HTTPConnection
    ) -> tuple[CurrentUser | None, str | None, str]:
        """(user, CSRF token for a browser session, why not when there is no user)."""
        database: Database = connection.app.state.db
        authorization = connection.headers.get("authorization", "")
        scheme, _, credential = authorization.partition(" ")
        if scheme.lower() == "bearer" and credential.strip():
            async with database.read() as session:
                user, stale = await AuthService(session).lookup_token(credential.strip())
            if stale:
                async with database.write() as session:
                    await AuthService(session).touch_token(credential.strip())
            return user, None, BAD_TOKEN
        signed = connection.cookies.get(SESSION_COOKIE)
        config = auth_config(connection)
        token = config.signer.unsign(signed) if signed else None
        if token is None:
            return None, None, NOT_SIGNED_IN
        async with database.read() as session:
            user = await AuthService(session).resolve_session(token)
        return user, config.signer.csrf_token(token), NOT_SIGNED_IN

    async def _refuse(
        self, connection: HTTPConnection, receive: Receive, send: Send, problem: str
    ) -> None:
        if connection.scope["type"] == "websocket":
            await WebSocket(connection.scope, receive, send).close(code=1008, reason=problem)
            return
        headers = connection.headers
        response: Response
        if headers.get("hx-request"):  # htmx follows HX-Redirect, whatever the method
            response = Response(status_code=401, headers={"HX-Redirect": "/signin"})
        elif connection.scope["method"] in ("GET", "HEAD") and "text/html" in headers.get(
            "accept", ""
        ):
            response = RedirectResponse(signin_url(connection), status_code=303)
        else:
            response = _error(problem, "UNAUTHENTICATED", 401, {"WWW-Authenticate": "Bearer"})
        await response(connection.scope, receive, send)

    async def _check_csrf(
        self, connection: HTTPConnection, receive: Receive, expected: str
    ) -> tuple[bool, Receive]:
        """Whether the request carries the session's CSRF token, and a `receive` to pass on.

        A urlencoded form body is read here to find the field, then replayed to the route; one
        past `FORM_BODY_MAX` raises `FormTooLargeError`.
        """
        header = connection.headers.get(CSRF_HEADER)
        if header is not None:
            return _matches(expected, header), receive
        content_type = connection.headers.get("content-type", "")
        if not content_type.startswith("application/x-www-form-urlencoded"):
            return False, receive
        body = await _read_body(receive)
        if body is None:
            return False, receive
        fields = parse_qs(body.decode("latin-1"))
        token = fields.get(CSRF_FIELD, [None])[0]
        return _matches(expected, token), replay_body(body, receive)


def _matches(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def _same_origin(headers: Headers) -> bool:
    """Browsers send `Origin` on WebSockets but no CSRF header can ride along: compare hosts."""
    origin = headers.get("origin")
    if origin is None:
        return True  # not a browser
    return origin.split("://", 1)[-1] == headers.get("host")


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None when the client went away."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > FORM_BODY_MAX:
            raise FormTooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


__all__ = ["AuthMiddleware", "is_public"]
