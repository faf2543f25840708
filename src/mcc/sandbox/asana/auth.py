"""Who is calling: a personal access token or an OAuth access token, both as ``Bearer``.

Reference §1: Asana takes ``Authorization: Bearer <token>`` for a PAT and for an OAuth2 access
token alike; anything else is 401 ``Not Authorized``. The PAT belongs to the seeded user. The
OAuth side is the authorization-code grant at ``/-/oauth_authorize`` and ``/-/oauth_token``
(codes auto-approved, as a local emulator has nobody to ask), refresh tokens that last, access
tokens that expire after an hour (``expires_in: 3600``). OAuth grants live in memory.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from mcc.sandbox.asana.errors import not_authorized
from mcc.sandbox.asana.faults import Clock
from mcc.sandbox.asana.store import Store

ACCESS_TTL = 3600
CODE_TTL = 600


@dataclass
class Grant:
    """An OAuth access token's owner and expiry."""

    user: str
    expires_at: float


class Auth:
    """Token checks and the OAuth grant state of one emulator."""

    def __init__(self, store: Store, clock: Clock, *, token: str, client_id: str,
                 client_secret: str) -> None:  # fmt: skip
        self.store = store
        self.clock = clock
        self.token = token
        self.client_id = client_id
        self.client_secret = client_secret
        self._lock = threading.Lock()
        self._access: dict[str, Grant] = {}
        self._refresh: dict[str, str] = {}  # refresh token → user gid
        self._codes: dict[str, tuple[str, str, float]] = {}  # code → (user, redirect, expiry)

    def owner(self) -> str:
        """The seeded user the personal access token belongs to."""
        users = self.store.all("user")
        if not users:
            raise not_authorized()
        return str(users[0]["gid"])

    def authenticate(self, authorization: str) -> str:
        """The caller's user gid; 401 for a missing, unknown or expired token."""
        scheme, _, value = authorization.partition(" ")
        value = value.strip()
        if scheme.lower() != "bearer" or not value:
            raise not_authorized()
        if secrets.compare_digest(value.encode(), self.token.encode()):
            return self.owner()
        with self._lock:
            grant = self._access.get(value)
        if grant is None or grant.expires_at <= self.clock.now():
            raise not_authorized()
        return grant.user

    def issue_code(self, redirect_uri: str) -> str:
        """An authorization code for the seeded user (auto-approved)."""
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = (self.owner(), redirect_uri, self.clock.now() + CODE_TTL)
        return code

    def redeem_code(self, code: str, redirect_uri: str) -> tuple[str, str] | None:
        """(access, refresh) for a valid unused code with the same redirect URI, else None."""
        with self._lock:
            found = self._codes.pop(code, None)
        if found is None or found[1] != redirect_uri or found[2] <= self.clock.now():
            return None
        refresh = secrets.token_urlsafe(24)
        with self._lock:
            self._refresh[refresh] = found[0]
        return self._new_access(found[0]), refresh

    def refresh(self, refresh_token: str) -> str | None:
        """A new access token for a known refresh token, else None."""
        with self._lock:
            user = self._refresh.get(refresh_token)
        return None if user is None else self._new_access(user)

    def _new_access(self, user: str) -> str:
        token = "oauth-" + secrets.token_urlsafe(24)
        with self._lock:
            self._access[token] = Grant(user, self.clock.now() + ACCESS_TTL)
        return token

    def reset(self) -> None:
        """Forget every OAuth grant (the PAT stays)."""
        with self._lock:
            self._access.clear()
            self._refresh.clear()
            self._codes.clear()
