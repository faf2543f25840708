"""The emulator's state: its signing key, users, clients' pending codes, issued tokens, faults."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

CODE_SECONDS = 60
TOKEN_SECONDS = 3600
#: ID token faults a test can switch on, each breaking one check a client must make.
ID_TOKEN_FAULTS = frozenset(
    {"bad_signature", "wrong_audience", "wrong_issuer", "expired", "wrong_nonce", "unknown_key"}
)


def new_key() -> RSAKey:
    kid = secrets.token_hex(8)
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class User:
    email: str
    password: str
    groups: list[str] = field(default_factory=list)
    sub: str = field(default_factory=lambda: secrets.token_hex(12))
    name: str = ""

    def public(self) -> dict[str, Any]:
        return {"email": self.email, "groups": self.groups, "sub": self.sub, "name": self.name}


@dataclass(frozen=True)
class PendingCode:
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str | None
    sub: str
    expires: float


class IdentityProvider:
    def __init__(self, issuer: str, client_id: str, client_secret: str) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.reset()

    def reset(self) -> None:
        self.keys: list[RSAKey] = [new_key()]  # the first signs; the rest are still published
        self.users: dict[str, User] = {}
        self.codes: dict[str, PendingCode] = {}
        self.access_tokens: dict[str, tuple[str, float]] = {}
        self.auto_login: str | None = None
        self.id_token_fault: str | None = None
        self.log: list[dict[str, Any]] = []  # token requests, for tests to inspect

    def rotate_key(self) -> None:
        """Sign with a new key from now on; JWKS lists both (as providers do in a rotation)."""
        self.keys.insert(0, new_key())

    def user_by_sub(self, sub: str) -> User | None:
        return next((user for user in self.users.values() if user.sub == sub), None)

    def check_password(self, email: str, password: str) -> User | None:
        user = self.users.get(email.strip().lower())
        if user is None or not hmac.compare_digest(user.password.encode(), password.encode()):
            return None
        return user

    def client_ok(self, client_id: str, secret: str | None) -> bool:
        return (
            client_id == self.client_id
            and secret is not None
            and hmac.compare_digest(secret.encode(), self.client_secret.encode())
        )

    def issue_code(
        self, user: User, *, client_id: str, redirect_uri: str, challenge: str, nonce: str | None
    ) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = PendingCode(client_id, redirect_uri, challenge, nonce, user.sub,
                                       time.time() + CODE_SECONDS)  # fmt: skip
        return code

    def redeem(
        self, code: str, *, client_id: str, redirect_uri: str, verifier: str
    ) -> tuple[PendingCode, User] | str:
        """The code's grant and user, or the OAuth error to answer. A code works once."""
        pending = self.codes.pop(code, None)
        if pending is None or pending.expires < time.time():
            return "invalid_grant"
        if pending.client_id != client_id or pending.redirect_uri != redirect_uri:
            return "invalid_grant"
        if not verifier or not hmac.compare_digest(s256(verifier), pending.challenge):
            return "invalid_grant"  # PKCE: only who started the flow can finish it
        user = self.user_by_sub(pending.sub)
        return "invalid_grant" if user is None else (pending, user)

    def tokens(self, pending: PendingCode, user: User) -> dict[str, Any]:
        access = secrets.token_urlsafe(24)
        self.access_tokens[access] = (user.sub, time.time() + TOKEN_SECONDS)
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": self.id_token(pending, user),
            "scope": "openid email profile groups",
        }

    def id_token(self, pending: PendingCode, user: User) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer, "aud": pending.client_id, "sub": user.sub, "iat": now,
            "exp": now + 300, "email": user.email, "email_verified": True,
            "name": user.name or user.email, "groups": list(user.groups),
        }  # fmt: skip
        if pending.nonce is not None:
            claims["nonce"] = pending.nonce
        fault = self.id_token_fault
        key = self.keys[0]
        header = {"alg": "RS256", "kid": key.kid}
        if fault == "wrong_audience":
            claims["aud"] = "someone-else"
        elif fault == "wrong_issuer":
            claims["iss"] = "https://evil.example"
        elif fault == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif fault == "wrong_nonce":
            claims["nonce"] = "not-the-nonce"
        elif fault == "bad_signature":  # a key nobody published, under the real key's id
            key = new_key()
        elif fault == "unknown_key":
            key = new_key()
            header["kid"] = key.kid
        return jwt.encode(header, claims, key)

    def userinfo(self, access: str) -> User | None:
        found = self.access_tokens.get(access)
        if found is None or found[1] < time.time():
            return None
        return self.user_by_sub(found[0])

    def jwks(self) -> dict[str, Any]:
        return {"keys": [key.as_dict(private=False) for key in self.keys]}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code"],
            "claims_supported": ["sub", "email", "email_verified", "name", "groups"],
        }
