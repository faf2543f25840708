"""`/signin` and `/signout`.

The sign-in form is protected against login CSRF by a token bound to a pre-sign-in cookie; after
sign-in, the session cookie replaces it and every later form uses the session's CSRF token.
Where a successful sign-in goes (`next`) is always a path on this site, never another host.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from mcc.auth.cookies import (
    PRESESSION_COOKIE,
    SESSION_COOKIE,
    auth_config,
    clear_cookie,
    set_cookie,
)
from mcc.auth.crypto import new_secret
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.exceptions import UnauthenticatedError
from mcc.web.templating import render

router = APIRouter()
EXPIRED = "Your sign-in form expired. Please sign in again."
EMAIL_MAX, PASSWORD_MAX, NEXT_MAX = 1000, 2000, 2000


def safe_next(value: str | None) -> str:
    """A local path to continue to; anything that could leave the site becomes "/"."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _form(
    request: Request, *, next_path: str, email: str = "", error: str | None = None, status: int
) -> Response:
    presession = request.cookies.get(PRESESSION_COOKIE) or new_secret()
    token = auth_config(request).signer.csrf_token("pre|" + presession)
    response = render(
        request,
        "signin.html",
        {"signin_csrf": token, "next": next_path, "email": email, "error": error},
        status_code=status,
    )
    set_cookie(response, request, PRESESSION_COOKIE, presession, max_age=None)
    return response


@router.get("/signin")
async def signin_page(request: Request, next: str | None = None) -> Response:
    return _form(request, next_path=safe_next(next), status=200)


def _too_long(email: str, password: str) -> str | None:
    """Why the form is refused before any work, or None. Checked here rather than by FastAPI
    so the browser gets the sign-in page with the reason, not a JSON error; and before argon2,
    whose cost grows with the password."""
    if len(email) > EMAIL_MAX:
        return f"That email address is too long (at most {EMAIL_MAX:,} characters)."
    if len(password) > PASSWORD_MAX:
        return f"That password is too long (at most {PASSWORD_MAX:,} characters)."
    return None


@router.post("/signin")
async def signin(
    request: Request,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    config = auth_config(request)
    presession = request.cookies.get(PRESESSION_COOKIE)
    target = safe_next(next) if len(next) <= NEXT_MAX else "/"
    problem = _too_long(email, password)
    if problem is not None:
        shown = email if len(email) <= EMAIL_MAX else ""  # never echo a megabyte back
        return _form(request, next_path=target, email=shown, error=problem, status=422)
    if presession is None or csrf_token != config.signer.csrf_token("pre|" + presession):
        return _form(request, next_path=target, email=email, error=EXPIRED, status=403)
    database: Database = request.app.state.db
    try:
        async with database.write() as session:
            service = AuthService(session)
            user = await service.authenticate(email, password)
            started = await service.start_session(user, config.session_lifetime)
    except UnauthenticatedError as error:
        return _form(request, next_path=target, email=email, error=error.message, status=401)
    response = RedirectResponse(target, status_code=303)
    max_age = int(config.session_lifetime.total_seconds())
    set_cookie(response, request, SESSION_COOKIE, config.signer.sign(started.token), max_age)
    clear_cookie(response, request, PRESESSION_COOKIE)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    """Ends this browser's session on the server too, so a copied cookie stops working."""
    signed = request.cookies.get(SESSION_COOKIE)
    token = auth_config(request).signer.unsign(signed) if signed else None
    if token is not None:
        database: Database = request.app.state.db
        async with database.write() as session:
            await AuthService(session).end_session(token)
    response = RedirectResponse("/signin", status_code=303)
    clear_cookie(response, request, SESSION_COOKIE)
    return response
