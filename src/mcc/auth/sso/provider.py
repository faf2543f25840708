"""The identity provider as this app sees it: discovery, keys, the code exchange, the ID token.

Discovery and the JWKS are fetched with the app's async httpx client and cached, so a sign-in
costs the provider one round trip (the token exchange). An ID token signed with a key we don't
have yet makes us re-read the JWKS (the provider rotated its keys), at most once every few
seconds so a flood of forged tokens cannot turn us into a load generator against the provider.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from mcc.auth.sso.groups import GroupRule, parse_group_rules
from mcc.config import Settings
from mcc.exceptions import ServiceUnavailableError, UnauthenticatedError

DISCOVERY_TTL = 3600.0
JWKS_REFRESH_MIN = 5.0
CLOCK_LEEWAY = 60  # seconds of clock skew tolerated on exp/iat
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
BAD_ID_TOKEN = "The identity provider's answer could not be verified; please try again"  # noqa: S105


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in, from a verified ID token."""

    subject: str  # "<issuer>|<sub>": `sub` is only unique per issuer
    email: str
    groups: list[str]


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str | None
    scopes: str
    groups_claim: str
    rules: tuple[GroupRule, ...]
    redirect_url: str | None
    http: httpx.AsyncClient | None = None  # the app's client, attached at start-up
    _discovery: dict[str, Any] | None = field(default=None, repr=False)
    _discovered_at: float = field(default=0.0, repr=False)
    _keys: KeySet | None = field(default=None, repr=False)
    _keys_at: float = field(default=0.0, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> OidcProvider | None:
        """None when SSO is not configured; a bad `MCC_OIDC_GROUPS` stops the start."""
        if not settings.oidc_enabled:
            return None
        secret = settings.oidc_client_secret
        return cls(
            issuer=str(settings.oidc_issuer).rstrip("/"),
            client_id=str(settings.oidc_client_id),
            client_secret=secret.get_secret_value() if secret is not None else None,
            scopes=settings.oidc_scopes,
            groups_claim=settings.oidc_groups_claim,
            rules=parse_group_rules(settings.oidc_groups),
            redirect_url=settings.oidc_redirect_url
            or (f"{settings.public_url.rstrip('/')}/signin/sso/callback"
                if settings.public_url else None),
        )  # fmt: skip

    def _client(self) -> httpx.AsyncClient:
        if self.http is None:
            raise ServiceUnavailableError("SSO is not started")
        return self.http

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self._client().get(url, timeout=10)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise ServiceUnavailableError(
                f"The identity provider did not answer ({type(error).__name__}); try again later"
            ) from error
        if not isinstance(data, dict):
            raise ServiceUnavailableError("The identity provider sent an unexpected answer")
        return data

    async def discovery(self) -> dict[str, Any]:
        if self._discovery is None or time.monotonic() - self._discovered_at > DISCOVERY_TTL:
            document = await self._get_json(f"{self.issuer}/.well-known/openid-configuration")
            needed = ("authorization_endpoint", "token_endpoint", "jwks_uri", "issuer")
            missing = [name for name in needed if not isinstance(document.get(name), str)]
            if missing:
                raise ServiceUnavailableError(
                    f"The identity provider's discovery document lacks {', '.join(missing)}"
                )
            if document["issuer"].rstrip("/") != self.issuer:
                raise ServiceUnavailableError(
                    f"The identity provider calls itself {document['issuer']!r}, "
                    f"not MCC_OIDC_ISSUER {self.issuer!r}"
                )
            self._discovery, self._discovered_at = document, time.monotonic()
        return self._discovery

    async def _key_set(self, *, refresh: bool = False) -> KeySet:
        stale = time.monotonic() - self._keys_at > JWKS_REFRESH_MIN
        if self._keys is None or (refresh and stale):
            document = await self._get_json((await self.discovery())["jwks_uri"])
            try:
                self._keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
            except (JoseError, ValueError, KeyError, TypeError) as error:
                problem = "The identity provider's keys are unusable"
                raise ServiceUnavailableError(problem) from error
            self._keys_at = time.monotonic()
        return self._keys

    def oauth_client(self, redirect_uri: str) -> AsyncOAuth2Client:
        return AsyncOAuth2Client(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scope=self.scopes,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic" if self.client_secret else "none",
            timeout=10,
        )

    async def authorization_url(
        self, redirect_uri: str, *, state: str, nonce: str, code_verifier: str
    ) -> str:
        endpoint = (await self.discovery())["authorization_endpoint"]
        async with self.oauth_client(redirect_uri) as client:
            url, _ = client.create_authorization_url(
                endpoint, state=state, nonce=nonce, code_verifier=code_verifier
            )
        return str(url)

    async def exchange(self, redirect_uri: str, code: str, code_verifier: str) -> str:
        """The raw ID token the provider returns for `code`."""
        endpoint = (await self.discovery())["token_endpoint"]
        try:
            async with self.oauth_client(redirect_uri) as client:
                token = await client.fetch_token(
                    endpoint, code=code, code_verifier=code_verifier,
                    grant_type="authorization_code",
                )  # fmt: skip
        except httpx.TransportError as error:
            raise ServiceUnavailableError("The identity provider did not answer") from error
        except Exception as error:  # authlib raises OAuthError subclasses for refused codes
            raise UnauthenticatedError(
                "The identity provider refused the sign-in; please try again"
            ) from error
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise UnauthenticatedError("The identity provider sent no ID token")
        return id_token

    async def verify(self, id_token: str, nonce: str) -> Identity:
        """Check signature (JWKS), iss, aud, exp, iat and nonce; raise UnauthenticatedError."""
        try:
            try:
                decoded = jwt.decode(id_token, await self._key_set(), algorithms=SIGNING_ALGORITHMS)
            except JoseError:
                # Perhaps a key rotated in since we read the JWKS; any other failure repeats.
                keys = await self._key_set(refresh=True)
                decoded = jwt.decode(id_token, keys, algorithms=SIGNING_ALGORITHMS)
            issuer = (await self.discovery())["issuer"]
            jwt.JWTClaimsRegistry(
                leeway=CLOCK_LEEWAY,
                iss={"essential": True, "value": issuer},
                aud={"essential": True, "value": self.client_id},
                sub={"essential": True},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise UnauthenticatedError(BAD_ID_TOKEN) from error
        claims = decoded.claims
        email = claims.get("email")
        if not isinstance(email, str) or claims.get("email_verified") is False:
            raise UnauthenticatedError("The identity provider sent no verified email address")
        groups = claims.get(self.groups_claim) or []
        if not isinstance(groups, list):
            groups = [groups]
        return Identity(f"{issuer}|{claims['sub']}", email, [str(g) for g in groups])
