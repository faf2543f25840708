"""The session and pre-sign-in cookies, and the per-application auth configuration.

Cookies are HttpOnly (scripts never read them), SameSite=Lax (no cross-site POSTs carry them) and
Secure whenever the request came over HTTPS. The pre-sign-in cookie only binds the sign-in form's
CSRF token to this browser, so nobody can sign a victim into the attacker's account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from starlette.requests import HTTPConnection
from starlette.responses import Response

from mcc.auth.crypto import Signer, load_secret_key
from mcc.auth.sso.provider import OidcProvider
from mcc.auth.streams import Revocations
from mcc.auth.throttle import SignInThrottle
from mcc.config import Settings

SESSION_COOKIE = "mcc_session"
PRESESSION_COOKIE = "mcc_presession"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class AuthConfig:
    """Per-application sign-in state: keys, the throttle, SSO, and the revocation signal."""

    signer: Signer
    session_lifetime: timedelta
    local_passwords: bool = True
    sso: OidcProvider | None = None
    stream_recheck_seconds: float = 5.0
    throttle: SignInThrottle = field(
        default_factory=lambda: SignInThrottle(account_limit=5, client_limit=20, window_seconds=900)
    )
    revocations: Revocations = field(default_factory=Revocations)

    @classmethod
    def from_settings(cls, settings: Settings) -> AuthConfig:
        lifetime = timedelta(days=settings.session_days)
        signer = Signer(load_secret_key(settings), max_age_seconds=int(lifetime.total_seconds()))
        throttle = SignInThrottle(
            account_limit=settings.signin_account_failures,
            client_limit=settings.signin_client_failures,
            window_seconds=settings.signin_window_seconds,
        )
        return cls(
            signer, lifetime, local_passwords=settings.local_passwords,
            sso=OidcProvider.from_settings(settings),
            stream_recheck_seconds=settings.stream_recheck_seconds, throttle=throttle,
        )  # fmt: skip


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
