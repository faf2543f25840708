"""The emulator's ASGI app and the `serve` entry point for `mcc sandbox oidc`."""

from __future__ import annotations

import base64
import sys
from html import escape
from urllib.parse import unquote, urlencode, urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mcc.sandbox.oidc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, controls
from mcc.sandbox.oidc.provider import IdentityProvider, User

AUTHORIZE_PARAMS = ("client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                    "code_challenge", "code_challenge_method")  # fmt: skip


def idp(request: Request) -> IdentityProvider:
    provider: IdentityProvider = request.app.state.idp
    return provider


def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def _back(redirect_uri: str, params: dict[str, str]) -> RedirectResponse:
    separator = "&" if urlsplit(redirect_uri).query else "?"
    return RedirectResponse(f"{redirect_uri}{separator}{urlencode(params)}", status_code=303)


def _check_request(provider: IdentityProvider, params: dict[str, str]) -> Response | None:
    """An error answer for a bad authorization request, or None when it is acceptable.

    Client and redirect URI problems are shown here (never redirect to an unchecked URI);
    the rest go back to the client as `error=` (RFC 6749 §4.1.2.1)."""
    redirect_uri = params.get("redirect_uri", "")
    if params.get("client_id") != provider.client_id:
        return HTMLResponse("<h1>Unknown client_id</h1>", status_code=400)
    if urlsplit(redirect_uri).scheme not in ("http", "https"):
        return HTMLResponse("<h1>Invalid redirect_uri</h1>", status_code=400)
    state = {"state": params["state"]} if params.get("state") else {}
    if params.get("response_type") != "code":
        return _back(redirect_uri, {"error": "unsupported_response_type", **state})
    if "openid" not in params.get("scope", "").split():
        return _back(redirect_uri, {"error": "invalid_scope", **state})
    if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        description = "PKCE with code_challenge_method=S256 is required"
        error = {"error": "invalid_request", "error_description": description, **state}
        return _back(redirect_uri, error)
    return None


def _login_form(params: dict[str, str], error: str = "", status: int = 200) -> HTMLResponse:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(params.get(name, ""))}">'
        for name in AUTHORIZE_PARAMS
    )
    problem = f'<p role="alert">{escape(error)}</p>' if error else ""
    return HTMLResponse(
        "<!doctype html><title>Emulated identity provider</title>"
        "<h1>Sign in to the identity provider</h1>"
        f'{problem}<form method="post" action="/authorize">{hidden}'
        '<label>Email <input name="username" type="email" id="idp-email"></label>'
        '<label>Password <input name="password" type="password" id="idp-password"></label>'
        '<button type="submit" id="idp-submit">Sign in</button></form>',
        status_code=status,
    )


def _approve(provider: IdentityProvider, params: dict[str, str], user: User) -> Response:
    code = provider.issue_code(
        user, client_id=params["client_id"], redirect_uri=params["redirect_uri"],
        challenge=params["code_challenge"], nonce=params.get("nonce") or None,
    )  # fmt: skip
    answer = {"code": code, **({"state": params["state"]} if params.get("state") else {})}
    return _back(params["redirect_uri"], answer)


async def authorize(request: Request) -> Response:
    provider = idp(request)
    if request.method == "POST":
        form = await request.form()
        params = {name: str(form.get(name) or "") for name in AUTHORIZE_PARAMS}
    else:
        params = {name: request.query_params.get(name, "") for name in AUTHORIZE_PARAMS}
    problem = _check_request(provider, params)
    if problem is not None:
        return problem
    if request.method == "GET":
        auto = provider.users.get(provider.auto_login or "")
        return _approve(provider, params, auto) if auto else _login_form(params)
    user = provider.check_password(str(form.get("username") or ""), str(form.get("password") or ""))
    if user is None:
        return _login_form(params, "Wrong email or password", status=401)
    return _approve(provider, params, user)


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str, str | None]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:]).decode()
        except ValueError:
            return "", None
        client_id, _, secret = decoded.partition(":")
        return unquote(client_id), unquote(secret)
    return form.get("client_id", ""), form.get("client_secret")


async def token(request: Request) -> Response:
    provider = idp(request)
    form = {key: str(value) for key, value in (await request.form()).items()}
    client_id, secret = _client_credentials(request, form)
    provider.log.append({
        "path": "/token", "grant_type": form.get("grant_type"), "client_id": client_id,
        "has_verifier": bool(form.get("code_verifier")),
    })  # fmt: skip
    if not provider.client_ok(client_id, secret):
        return _oauth_error("invalid_client", "Unknown client or wrong secret", 401)
    if form.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type", "Only authorization_code")
    redeemed = provider.redeem(
        form.get("code", ""), client_id=client_id, redirect_uri=form.get("redirect_uri", ""),
        verifier=form.get("code_verifier", ""),
    )  # fmt: skip
    if isinstance(redeemed, str):
        return _oauth_error(redeemed, "The code is unknown, used, expired or its PKCE check failed")
    response = JSONResponse(provider.tokens(*redeemed))
    response.headers["Cache-Control"] = "no-store"
    return response


async def userinfo(request: Request) -> Response:
    scheme, _, access = request.headers.get("authorization", "").partition(" ")
    user = idp(request).userinfo(access) if scheme.lower() == "bearer" else None
    if user is None:
        challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        return JSONResponse({"error": "invalid_token"}, status_code=401, headers=challenge)
    return JSONResponse({"sub": user.sub, "email": user.email, "email_verified": True,
                         "name": user.name or user.email, "groups": user.groups})  # fmt: skip


async def discovery(request: Request) -> Response:
    return JSONResponse(idp(request).discovery())


async def jwks(request: Request) -> Response:
    return JSONResponse(idp(request).jwks())


def create_oidc_emulator(
    issuer: str,
    *,
    client_id: str = DEFAULT_CLIENT_ID,
    client_secret: str = DEFAULT_CLIENT_SECRET,
    users: list[User] | None = None,
) -> Starlette:
    """One identity provider; `issuer` must be the URL it is reached at (clients compare it)."""
    provider = IdentityProvider(issuer, client_id, client_secret)
    for user in users or []:
        provider.users[user.email] = user
    app = Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery),
            Route("/jwks", jwks),
            Route("/authorize", authorize, methods=["GET", "POST"]),
            Route("/token", token, methods=["POST"]),
            Route("/userinfo", userinfo, methods=["GET", "POST"]),
            *controls.routes,
        ]
    )
    app.state.idp = provider
    return app


def serve_oidc_emulator(
    host: str, port: int, *, issuer: str | None, client_id: str, client_secret: str,
    users: list[User],
) -> None:  # fmt: skip
    """Run the emulator under uvicorn until interrupted (`mcc sandbox oidc`)."""
    issuer = issuer or f"http://{host}:{port}"
    app = create_oidc_emulator(issuer, client_id=client_id, client_secret=client_secret,
                               users=users)  # fmt: skip
    print(  # the operator needs these to point MCC at the emulator
        f"OIDC emulator: MCC_OIDC_ISSUER={issuer} MCC_OIDC_CLIENT_ID={client_id} "
        f"MCC_OIDC_CLIENT_SECRET={client_secret}; users: "
        f"{', '.join(user.email for user in users) or 'none (POST /__emulator__/users)'}",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
