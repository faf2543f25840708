"""Token endpoints: Workfront OAuth2 (code, refresh, JWT exchange) and a fake Adobe IMS.

Reference §6: Workfront's token endpoint answers ``token_type: "sessionID"`` and the access token
is then sent in the ``sessionID`` header; IMS server-to-server tokens are sent as
``Authorization: Bearer``. Any non-empty client id and secret are accepted (this is a local
emulator, not an identity provider); codes last 2 minutes, refresh tokens rotate.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mcc.sandbox.workfront.auth import IMS_TTL
from mcc.sandbox.workfront.context import emulator
from mcc.sandbox.workfront.errors import WorkfrontError
from mcc.sandbox.workfront.tenant import CUSTOMER_ID

CODE_TTL = 120
REFRESH_TTL = 30 * 24 * 3600


def _oauth_error(error: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": error.replace("_", " ")}, status)


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", "replace")
    if "json" in request.headers.get("content-type", ""):
        try:
            data = json.loads(body or "{}")
        except ValueError:
            data = {}
        values = {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    else:
        values = dict(parse_qsl(body, keep_blank_values=True))
    values = {**dict(request.query_params), **values}
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            client_id, secret = "", ""
        values.setdefault("client_id", client_id)
        values.setdefault("client_secret", secret)
    return values


def _session_grant(request: Request, user_id: str) -> JSONResponse:
    auth = emulator(request).auth
    return JSONResponse(
        {
            "token_type": "sessionID",
            "access_token": auth.issue(user_id, "session", auth.session_ttl),
            "refresh_token": auth.issue(user_id, "refresh", REFRESH_TTL),
            "expires_in": int(auth.session_ttl),
            "wid": CUSTOMER_ID,
        }
    )


async def authorize(request: Request) -> Response:
    """Approve at once as the administrator and redirect back with a code."""
    params = request.query_params
    if params.get("response_type") != "code" or not params.get("client_id"):
        return _oauth_error("invalid_request")
    redirect = params.get("redirect_uri")
    if not redirect:
        return _oauth_error("invalid_request")
    emu = emulator(request)
    try:
        code = emu.auth.issue(emu.auth.admin()["ID"], "code", CODE_TTL)
    except WorkfrontError:
        return _oauth_error("server_error", 500)
    query: dict[str, Any] = {"code": code}
    if params.get("state"):
        query["state"] = params["state"]
    separator = "&" if "?" in redirect else "?"
    return RedirectResponse(f"{redirect}{separator}{urlencode(query)}", status_code=302)


async def token(request: Request) -> Response:
    """``authorization_code`` and ``refresh_token`` grants."""
    form = await _form(request)
    if not form.get("client_id") or not form.get("client_secret"):
        return _oauth_error("invalid_client", 401)
    auth = emulator(request).auth
    try:
        if form.get("grant_type") == "authorization_code":
            user_id = auth.redeem(form.get("code", ""), "code", consume=True)
        elif form.get("grant_type") == "refresh_token":
            user_id = auth.redeem(form.get("refresh_token", ""), "refresh", consume=True)
        else:
            return _oauth_error("unsupported_grant_type")
    except WorkfrontError:
        return _oauth_error("invalid_grant")
    return _session_grant(request, user_id)


async def jwt_exchange(request: Request) -> Response:
    """Machine-to-machine: a JWT's ``sub`` (a user ID) becomes a session; signature unchecked."""
    form = await _form(request)
    if not form.get("client_id") or not form.get("client_secret"):
        return _oauth_error("invalid_client", 401)
    parts = form.get("jwt_token", "").split(".")
    try:
        padded = parts[1] + "=" * (-len(parts[1]) % 4)
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (IndexError, ValueError, binascii.Error):
        return _oauth_error("invalid_grant")
    emu = emulator(request)
    user = emu.store.get("USER", str(claims.get("sub", "")))
    if user is None:
        return _oauth_error("invalid_grant")
    return _session_grant(request, user["ID"])


async def ims_token(request: Request) -> Response:
    """Fake IMS ``/ims/token/v3`` client-credentials grant: a bearer token for the admin."""
    form = await _form(request)
    if form.get("grant_type") != "client_credentials":
        return _oauth_error("unsupported_grant_type")
    if not form.get("client_id") or not form.get("client_secret"):
        return _oauth_error("invalid_client", 401)
    emu = emulator(request)
    access = emu.auth.issue(emu.auth.admin()["ID"], "bearer", IMS_TTL)
    return JSONResponse({"access_token": access, "token_type": "bearer", "expires_in": IMS_TTL})


routes = [
    Route("/integrations/oauth2/authorize", authorize, methods=["GET"]),
    Route("/integrations/oauth2/api/v1/token", token, methods=["POST"]),
    Route("/integrations/oauth2/api/v1/jwt/exchange", jwt_exchange, methods=["POST"]),
    Route("/ims/token/v3", ims_token, methods=["POST"]),
]
