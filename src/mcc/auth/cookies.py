"""The session and pre-sign-in cookies, and the per-application auth configuration.

Cookies are HttpOnly (scripts never read them), SameSite=Lax (no cross-site POSTs carry them) and
Secure whenever the request came over HTTPS. The pre-sign-in cookie only binds the sign-in form's
CSRF token to this browser, so nobody can sign a victim into the attacker's account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from starlette.requests import HTTPConnection
from starlette.responses import Response

from mcc.auth.crypto import Signer, load_secret_key
from mcc.config import Settings

SESSION_COOKIE = "mcc_session"
PRESESSION_COOKIE = "mcc_presession"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class AuthConfig:
    signer: Signer
    session_lifetime: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> AuthConfig:
        lifetime = timedelta(days=settings.session_days)
        signer = Signer(load_secret_key(settings), max_age_seconds=int(lifetime.total_seconds()))
        return cls(signer, lifetime)


def auth_config(connection: HTTPConnection) -> AuthConfig:
    config: AuthConfig = connection.app.state.auth
    return config


def set_cookie(
    response: Response, connection: HTTPConnection, name: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=connection.url.scheme == "https",
        path="/",
    )


def clear_cookie(response: Response, connection: HTTPConnection, name: str) -> None:
    response.delete_cookie(
        name, httponly=True, samesite="lax", secure=connection.url.scheme == "https", path="/"
    )
