"""Asana's OAuth endpoints, for clients that use OAuth instead of a personal access token.

Reference §1: authorization-code grant; ``/-/oauth_authorize`` redirects back with ``code`` and
``state`` (auto-approved here), ``/-/oauth_token`` exchanges a code or a refresh token for an
access token that lasts an hour. Client credentials may come in the form body or HTTP Basic.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mcc.sandbox.asana.auth import ACCESS_TTL
from mcc.sandbox.asana.context import emulator


def _error(error: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": error.replace("_", " ")}, status)


async def authorize(request: Request) -> Response:
    """Auto-approve and send the browser back to ``redirect_uri`` with a code."""
    auth = emulator(request).auth
    query = request.query_params
    if query.get("client_id") != auth.client_id:
        return _error("invalid_client", 401)
    redirect = query.get("redirect_uri", "")
    if not redirect.startswith(("http://", "https://")) or query.get("response_type") != "code":
        return _error("invalid_request")
    code = auth.issue_code(redirect)
    separator = "&" if "?" in redirect else "?"
    params = urlencode({"code": code, "state": query.get("state", "")})
    return RedirectResponse(f"{redirect}{separator}{params}", status_code=302)


async def token(request: Request) -> Response:
    """Exchange a code or a refresh token for an access token."""
    emu = emulator(request)
    auth = emu.auth
    form: dict[str, Any] = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            cid, _, secret = base64.b64decode(encoded).decode().partition(":")
            form.setdefault("client_id", cid)
            form.setdefault("client_secret", secret)
        except (binascii.Error, UnicodeDecodeError):
            return _error("invalid_client", 401)
    ok_id = secrets.compare_digest(str(form.get("client_id", "")), auth.client_id)
    ok_secret = secrets.compare_digest(str(form.get("client_secret", "")), auth.client_secret)
    if not (ok_id and ok_secret):
        return _error("invalid_client", 401)
    grant = form.get("grant_type")
    user = emu.store.get(auth.owner(), "user") or {}
    who = {"id": user.get("gid"), "gid": user.get("gid"), "name": user.get("name"),
           "email": user.get("email")}  # fmt: skip
    if grant == "authorization_code":
        pair = auth.redeem_code(str(form.get("code", "")), str(form.get("redirect_uri", "")))
        if pair is None:
            return _error("invalid_grant")
        body = {"access_token": pair[0], "token_type": "bearer", "expires_in": ACCESS_TTL,
                "refresh_token": pair[1], "data": who}  # fmt: skip
        return JSONResponse(body)
    if grant == "refresh_token":
        access = auth.refresh(str(form.get("refresh_token", "")))
        if access is None:
            return _error("invalid_grant")
        return JSONResponse({"access_token": access, "token_type": "bearer",
                             "expires_in": ACCESS_TTL, "data": who})  # fmt: skip
    return _error("unsupported_grant_type")


routes = [
    Route("/-/oauth_authorize", authorize, methods=["GET"]),
    Route("/-/oauth_token", token, methods=["POST"]),
]
