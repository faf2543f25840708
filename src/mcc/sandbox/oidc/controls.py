"""Test and demo controls under `/__emulator__` (not part of OpenID Connect).

- `GET  /__emulator__/health` → `{"ok": true}`.
- `GET  /__emulator__/users` → the users; `POST` `{"email", "password", "groups"?, "sub"?,
  "name"?}` adds or replaces one (its `sub` kept unless given).
- `POST /__emulator__/auto-login` `{"email": ... | null}` → `/authorize` signs this user in
  without showing the form (a browser test's shortcut).
- `POST /__emulator__/faults` `{"id_token": "bad_signature" | "wrong_audience" | "wrong_issuer" |
  "expired" | "wrong_nonce" | "unknown_key" | null}` → break the next ID tokens one way.
- `POST /__emulator__/rotate-key` → sign with a new key (both published).
- `GET  /__emulator__/log` → the token requests received; `POST /__emulator__/reset`.

Unauthenticated on purpose: the emulator binds to loopback and holds no real data.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcc.sandbox.oidc.provider import ID_TOKEN_FAULTS, IdentityProvider, User

PREFIX = "/__emulator__"


def _idp(request: Request) -> IdentityProvider:
    provider: IdentityProvider = request.app.state.idp
    return provider


async def _json(request: Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _bad(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=400)


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def users(request: Request) -> Response:
    provider = _idp(request)
    if request.method == "GET":
        return JSONResponse([user.public() for user in provider.users.values()])
    body = await _json(request)
    if body is None or not isinstance(body.get("email"), str) or "@" not in body["email"]:
        return _bad('expected {"email": "...", "password": "...", "groups": [...]}')
    groups = body.get("groups") or []
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        return _bad("groups must be a list of strings")
    email = body["email"].strip().lower()
    existing = provider.users.get(email)
    user = User(email=email, password=str(body.get("password") or ""), groups=groups,
                name=str(body.get("name") or ""))  # fmt: skip
    if isinstance(body.get("sub"), str):
        user.sub = body["sub"]
    elif existing is not None:
        user.sub = existing.sub
    provider.users[email] = user
    return JSONResponse(user.public(), status_code=201)


async def auto_login(request: Request) -> Response:
    body = await _json(request)
    email = body.get("email") if body is not None else None
    if email is not None and not isinstance(email, str):
        return _bad('expected {"email": "..."} or {"email": null}')
    provider = _idp(request)
    if email is not None and email.strip().lower() not in provider.users:
        return _bad(f"no user {email!r}: add it first")
    provider.auto_login = email.strip().lower() if email else None
    return JSONResponse({"auto_login": provider.auto_login})


async def faults(request: Request) -> Response:
    body = await _json(request)
    fault = body.get("id_token") if body is not None else None
    if fault is not None and fault not in ID_TOKEN_FAULTS:
        return _bad(f"id_token fault must be one of {sorted(ID_TOKEN_FAULTS)} or null")
    _idp(request).id_token_fault = fault
    return JSONResponse({"id_token": fault})


async def rotate_key(request: Request) -> Response:
    provider = _idp(request)
    provider.rotate_key()
    return JSONResponse({"kids": [key.kid for key in provider.keys]})


async def log(request: Request) -> Response:
    return JSONResponse(_idp(request).log)


async def reset(request: Request) -> Response:
    _idp(request).reset()
    return JSONResponse({"ok": True})


routes = [
    Route(f"{PREFIX}/health", health),
    Route(f"{PREFIX}/users", users, methods=["GET", "POST"]),
    Route(f"{PREFIX}/auto-login", auto_login, methods=["POST"]),
    Route(f"{PREFIX}/faults", faults, methods=["POST"]),
    Route(f"{PREFIX}/rotate-key", rotate_key, methods=["POST"]),
    Route(f"{PREFIX}/log", log),
    Route(f"{PREFIX}/reset", reset, methods=["POST"]),
]
