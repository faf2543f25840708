"""Credentials the emulator accepts, and the endpoints that issue them.

Reference §6 and §10.11: ``apiKey`` (param or header), ``sessionID`` (header or param) from
``/login`` or from Workfront OAuth2 (``token_type: "sessionID"``), and ``Authorization: Bearer``
with a token from the fake Adobe IMS endpoint (``/ims/token/v3``, client credentials). Only
tokens this emulator issued are accepted; sessions expire after ``session_ttl`` seconds.
The event-subscription API also takes the API key raw in ``Authorization`` (reference §8).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from mcc.sandbox.workfront.errors import auth_error
from mcc.sandbox.workfront.store import Doc, Store

IMS_TTL = 86399  # seconds, as observed for IMS server-to-server tokens


@dataclass(frozen=True)
class Principal:
    """Who a request acts as."""

    user_id: str
    is_admin: bool


@dataclass
class _Token:
    user_id: str
    expires_at: float
    kind: str  # session | bearer | refresh | code


class Auth:
    """Verifies credentials against the configured API key, users and issued tokens."""

    def __init__(self, store: Store, *, api_key: str, session_ttl: float) -> None:
        self._store = store
        self.api_key = api_key
        self.session_ttl = session_ttl
        self._tokens: dict[str, _Token] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget every issued token."""
        with self._lock:
            self._tokens.clear()

    def admin(self) -> Doc:
        """The seeded administrator, owner of the configured API key."""
        users = [u for u in self._store.list_objects("USER") if u.get("_admin")]
        if not users:
            raise auth_error("No administrator user exists")
        return users[0]

    # -- issuing ---------------------------------------------------------------------------

    def issue(self, user_id: str, kind: str, ttl: float) -> str:
        """A new opaque token of ``kind`` for ``user_id``."""
        token = secrets.token_hex(16)
        with self._lock:
            self._tokens[token] = _Token(user_id, time.time() + ttl, kind)
        return token

    def redeem(self, token: str, kind: str, *, consume: bool = False) -> str:
        """The user behind an unexpired token of ``kind``; raises 401 otherwise."""
        with self._lock:
            found = self._tokens.get(token)
            if found is None or found.kind != kind or found.expires_at < time.time():
                raise auth_error("Invalid or expired token.")
            if consume:
                del self._tokens[token]
            return found.user_id

    def revoke(self, token: str) -> None:
        """End a session (``/logout``)."""
        with self._lock:
            self._tokens.pop(token, None)

    def check_password(self, username: str, password: str) -> Doc:
        """The user with these credentials; raises 401 otherwise."""
        for user in self._store.list_objects("USER"):
            stored = str(user.get("_password") or "")
            if user.get("username") == username and stored and _same(stored, password):
                return user
        raise auth_error("Invalid username or password.")

    # -- verifying -------------------------------------------------------------------------

    def _principal(self, user_id: str) -> Principal:
        user = self._store.get("USER", user_id)
        if user is None:
            raise auth_error("Invalid session ID.")
        return Principal(user_id, bool(user.get("_admin")))

    def _by_api_key(self, key: str) -> Principal | None:
        if _same(key, self.api_key):
            admin = self.admin()
            return Principal(admin["ID"], True)
        for user in self._store.list_objects("USER"):
            stored = str(user.get("_apiKey") or "")
            if stored and _same(stored, key):
                return Principal(user["ID"], bool(user.get("_admin")))
        return None

    def authenticate(
        self, headers: Mapping[str, str], params: Mapping[str, str], *, raw_authorization: bool
    ) -> Principal:
        """Resolve the request's credentials, trying each documented carrier in turn.

        ``raw_authorization`` accepts an API key sent bare in ``Authorization`` (the
        event-subscription API's documented form).
        """
        session = headers.get("sessionid") or params.get("sessionID")
        if session:
            with self._lock:
                found = self._tokens.get(session)
                valid = found is not None and found.kind == "session"
                valid = valid and found is not None and found.expires_at >= time.time()
            if valid and found is not None:
                return self._principal(found.user_id)
            raise auth_error("Invalid session ID.")
        key = headers.get("apikey") or params.get("apiKey")
        if key:
            principal = self._by_api_key(key)
            if principal is None:
                raise auth_error("Invalid apiKey.")
            return principal
        user_token = headers.get("x-user-token")
        authorization = headers.get("authorization", "")
        scheme, _, value = authorization.partition(" ")
        bearer = value.strip() if scheme.lower() == "bearer" else None
        for token in (user_token, bearer):
            if token:
                with self._lock:
                    found = self._tokens.get(token)
                    ok = found is not None and found.kind in ("bearer", "session")
                    ok = ok and found is not None and found.expires_at >= time.time()
                if ok and found is not None:
                    return self._principal(found.user_id)
                raise auth_error("Invalid or expired bearer token.")
        if raw_authorization and authorization:
            principal = self._by_api_key(authorization.strip())
            if principal is not None:
                return principal
            raise auth_error("Invalid apiKey.")
        raise auth_error("You must be logged in to use the API (no session or apiKey).")


def _same(left: str, right: str) -> bool:
    return hmac.compare_digest(left.encode(), right.encode())
