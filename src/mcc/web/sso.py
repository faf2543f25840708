"""`/signin/sso` and its callback: OpenID Connect sign-in (see `mcc.auth.sso`).

`/signin/sso` makes a fresh `state`, `nonce` and PKCE verifier, keeps them in a signed cookie that
lives ten minutes, and sends the browser to the provider. The callback accepts the code only with
the matching `state` from that same browser's cookie (no login CSRF), exchanges it with the
verifier, verifies the ID token, maps the groups, and opens an ordinary session.
"""

from __future__ import annotations

import json
import time

import httpx
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from mcc.auth.cookies import auth_config, clear_cookie, set_cookie
from mcc.auth.service import AuthService
from mcc.auth.sso.accounts import SsoAccounts
from mcc.auth.sso.groups import grant_for
from mcc.auth.sso.provider import OidcProvider
from mcc.db import Database
from mcc.exceptions import MCCError, NotFoundError
from mcc.web.signin import safe_next, signed_in, signin_form

router = APIRouter()
FLOW_COOKIE = "mcc_oidc"
FLOW_SECONDS = 600
FLOW_EXPIRED = "Your single sign-on attempt expired or came from another browser; please try again."


def _provider(request: Request) -> OidcProvider:
    provider = auth_config(request).sso
    if provider is None:
        raise NotFoundError("Single sign-on is not set up here (MCC_OIDC_ISSUER)")
    if provider.http is None:
        # The app's client (pooled, closed at shutdown); an app run without its lifespan (an
        # ASGI test transport) has none, and gets one of its own.
        provider.http = getattr(request.app.state, "http", None) or httpx.AsyncClient()
    return provider


def _redirect_uri(request: Request, provider: OidcProvider) -> str:
    return provider.redirect_url or str(request.url_for("sso_callback"))


@router.get("/signin/sso")
async def sso_start(request: Request, next: str | None = None) -> Response:
    provider = _provider(request)
    flow = {"state": generate_token(32), "nonce": generate_token(32),
            "verifier": generate_token(64), "next": safe_next(next), "at": time.time()}  # fmt: skip
    try:
        url = await provider.authorization_url(
            _redirect_uri(request, provider),
            state=flow["state"], nonce=flow["nonce"], code_verifier=flow["verifier"],
        )  # fmt: skip
    except MCCError as error:
        return signin_form(request, next_path=flow["next"], error=error.message,
                           status=error.status_code)  # fmt: skip
    response = RedirectResponse(url, status_code=303)
    signed = auth_config(request).signer.sign(json.dumps(flow))
    set_cookie(response, request, FLOW_COOKIE, signed, max_age=FLOW_SECONDS)
    return response


def _flow(request: Request, state: str | None) -> dict[str, str] | None:
    """The flow this browser started, if `state` is its own and it is still fresh."""
    signed = request.cookies.get(FLOW_COOKIE)
    raw = auth_config(request).signer.unsign(signed) if signed else None
    if raw is None:
        return None
    try:
        flow = json.loads(raw)
    except ValueError:
        return None
    fresh = isinstance(flow, dict) and time.time() - float(flow.get("at", 0)) < FLOW_SECONDS
    if not fresh or not state or flow.get("state") != state:
        return None
    return {key: str(value) for key, value in flow.items()}


@router.get("/signin/sso/callback", name="sso_callback")
async def sso_callback(
    request: Request,
    code: str | None = None,
    state: str | None = None,
    error: str | None = None,
    error_description: str | None = None,
) -> Response:
    provider = _provider(request)
    flow = _flow(request, state)
    target = flow["next"] if flow else "/"
    if error is not None:  # the provider said no (the user cancelled, or is not allowed)
        reason = (error_description or error)[:200]
        return _failed(request, target, f"Single sign-on was refused: {reason}", 401)
    if flow is None or not code:
        return _failed(request, target, FLOW_EXPIRED, 400)
    config = auth_config(request)
    database: Database = request.app.state.db
    try:
        redirect_uri = _redirect_uri(request, provider)
        id_token = await provider.exchange(redirect_uri, code[:2000], flow["verifier"])
        identity = await provider.verify(id_token, flow["nonce"])
        grant = grant_for(identity.groups, provider.rules)
        async with database.write() as session:
            user = await SsoAccounts(session).sign_in(identity, grant)
            started = await AuthService(session).start_session(user, config.session_lifetime)
    except MCCError as problem:
        return _failed(request, target, problem.message, problem.status_code)
    response = signed_in(request, started.token, target)
    clear_cookie(response, request, FLOW_COOKIE)
    return response


def _failed(request: Request, target: str, message: str, status: int) -> Response:
    response = signin_form(request, next_path=target, error=message, status=status)
    clear_cookie(response, request, FLOW_COOKIE)
    return response
