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
from mcc.auth.throttle import Attempt
from mcc.db import Database
from mcc.exceptions import UnauthenticatedError
from mcc.web.templating import render

router = APIRouter()
EXPIRED = "Your sign-in form expired. Please sign in again."
PASSWORDS_OFF = "Password sign-in is turned off here: use Sign in with SSO."
EMAIL_MAX, PASSWORD_MAX, NEXT_MAX = 1000, 2000, 2000
ACCOUNT_KEY_MAX = 254


def safe_next(value: str | None) -> str:
    """A local path to continue to; anything that could leave the site becomes "/"."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def signin_form(
    request: Request,
    *,
    next_path: str,
    email: str = "",
    error: str | None = None,
    status: int,
    headers: dict[str, str] | None = None,
) -> Response:
    """The sign-in page: the password form (unless turned off) and the SSO button (if set up)."""
    config = auth_config(request)
    presession = request.cookies.get(PRESESSION_COOKIE) or new_secret()
    token = config.signer.csrf_token("pre|" + presession)
    context = {
        "signin_csrf": token, "next": next_path, "email": email, "error": error,
        "local_passwords": config.local_passwords, "sso": config.sso is not None,
    }  # fmt: skip
    response = render(request, "signin.html", context, status_code=status, headers=headers)
    set_cookie(response, request, PRESESSION_COOKIE, presession, max_age=None)
    return response


@router.get("/signin")
async def signin_page(request: Request, next: str | None = None) -> Response:
    return signin_form(request, next_path=safe_next(next), status=200)


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
        return signin_form(request, next_path=target, email=shown, error=problem, status=422)
    if not config.local_passwords:
        return signin_form(request, next_path=target, error=PASSWORDS_OFF, status=403)
    if presession is None or csrf_token != config.signer.csrf_token("pre|" + presession):
        return signin_form(request, next_path=target, email=email, error=EXPIRED, status=403)
    # Keyed by at most an address's length: longer cannot be an account, and keys stay small.
    account = email.strip().lower()[:ACCOUNT_KEY_MAX]
    attempt = Attempt(account, request.client.host if request.client else "-")
    wait = config.throttle.retry_after(attempt)
    if wait is not None:  # refused before argon2: a flood of guesses costs us almost nothing
        message = f"Too many failed sign-ins. Try again in {wait} seconds."
        return signin_form(request, next_path=target, email=email, error=message, status=429,
                           headers={"Retry-After": str(wait)})  # fmt: skip
    config.throttle.begin(attempt)
    database: Database = request.app.state.db
    try:
        async with database.write() as session:
            service = AuthService(session)
            user = await service.authenticate(email, password)
            started = await service.start_session(user, config.session_lifetime)
    except UnauthenticatedError as error:
        return signin_form(request, next_path=target, email=email, error=error.message, status=401)
    config.throttle.succeeded(attempt)
    return signed_in(request, started.token, target)


def signed_in(request: Request, token: str, target: str) -> Response:
    """Set the session cookie of a new session and continue to `target` (a local path)."""
    config = auth_config(request)
    response = RedirectResponse(target, status_code=303)
    max_age = int(config.session_lifetime.total_seconds())
    set_cookie(response, request, SESSION_COOKIE, config.signer.sign(token), max_age)
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
        auth_config(request).revocations.notify()  # this browser's open streams close now
    response = RedirectResponse("/signin", status_code=303)
    clear_cookie(response, request, SESSION_COOKIE)
    return response
