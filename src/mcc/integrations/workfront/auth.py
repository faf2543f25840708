"""The three ways to authenticate to Workfront (reference §6), as request decorators.

- API key: `apiKey` in the query string (writes need it in the URL, not the form body).
- Workfront OAuth2: a refresh token exchanged at `/integrations/oauth2/api/v1/token`; the access
  token travels as the `sessionID` header and is refreshed before expiry and once after a 401.
  Refresh tokens rotate (each refresh voids the one used), so the newest one is kept in a
  `RefreshTokenStore` shared by every process on the database, and read again before each refresh.
- Adobe IMS server-to-server: client credentials at IMS `/ims/token/v3`; `Authorization: Bearer`
  plus `x-gw-ims-org-id`. Tokens (~24 h) are cached until shortly before they expire.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Protocol

import httpx

from mcc.integrations.workmgmt import LogicalError, TechnicalError

# Refresh this long before the announced expiry, so a request never carries a dying token.
EXPIRY_MARGIN_S = 60.0


class WorkfrontAuth(Protocol):
    async def apply(self, request: httpx.Request) -> None:
        """Add credentials to an outgoing request (fetching a token first if needed)."""
        ...

    async def invalidate(self) -> bool:
        """Forget a rejected credential; True if a retry with a fresh one makes sense."""
        ...


class RefreshTokenStore(Protocol):
    """Where rotated refresh tokens live between refreshes, processes and restarts."""

    async def load(self, seed: str) -> str | None:
        """The newest token rotated from the configured `seed`, or None (use the seed)."""
        ...

    async def save(self, seed: str, token: str) -> None: ...


class ApiKeyAuth:
    def __init__(self, api_key: str) -> None:
        self._api_key = api_key

    async def apply(self, request: httpx.Request) -> None:
        request.url = request.url.copy_merge_params({"apiKey": self._api_key})

    async def invalidate(self) -> bool:
        return False  # a key does not refresh: a 401 means it is wrong or expired


@dataclass
class _Token:
    value: str
    expires_at: float


class _TokenAuth:
    """Shared caching and single-flight refresh for token-based schemes."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._token: _Token | None = None
        self._lock = asyncio.Lock()

    async def _fetch(self) -> _Token:
        raise NotImplementedError

    async def token(self) -> str:
        async with self._lock:
            if self._token is None or self._token.expires_at - EXPIRY_MARGIN_S <= time.monotonic():
                self._token = await self._fetch()
            return self._token.value

    async def invalidate(self) -> bool:
        async with self._lock:
            self._token = None
        return True

    async def _post_token(
        self, url: str, data: dict[str, str], what: str
    ) -> tuple[_Token, dict[str, object]]:
        try:
            response = await self._http.post(url, data=data)
        except httpx.TransportError as error:
            raise TechnicalError(f"{what} token endpoint unreachable: {error}") from error
        if response.status_code >= 500 or response.status_code == 429:
            raise TechnicalError(f"{what} token endpoint answered {response.status_code}")
        if response.status_code != 200:
            raise LogicalError(
                f"{what} refused the credentials ({response.status_code}); check the settings",
                status=response.status_code,
                detail=response.text[:500],
            )
        body = response.json()
        expires_in = float(body.get("expires_in") or 3600)
        return _Token(str(body["access_token"]), time.monotonic() + expires_in), body


class OAuthRefreshAuth(_TokenAuth):
    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        store: RefreshTokenStore | None = None,
    ) -> None:
        super().__init__(http)
        self._url = f"{base_url.rstrip('/')}/integrations/oauth2/api/v1/token"
        self._form = {
            "grant_type": "refresh_token",
            "client_id": client_id,
            "client_secret": client_secret,
        }
        self._seed = refresh_token  # the configured token: what stored rotations descend from
        self._refresh_token = refresh_token
        self._store = store

    async def _newest(self) -> str:
        if self._store is not None and (stored := await self._store.load(self._seed)):
            self._refresh_token = stored
        return self._refresh_token

    async def _fetch(self) -> _Token:
        used = await self._newest()
        try:
            token, body = await self._exchange(used)
        except LogicalError:
            # Another process may have rotated the token since we read it: once, with its newest.
            newest = await self._newest()
            if newest == used:
                raise
            used = newest
            token, body = await self._exchange(used)
        # With rotation on, each refresh returns a new refresh token and voids the old one:
        # store it before anything else can fail, or the next refresh (anywhere) is locked out.
        rotated = str(body.get("refresh_token") or "")
        if rotated and rotated != used:
            self._refresh_token = rotated
            if self._store is not None:
                await self._store.save(self._seed, rotated)
        return token

    async def _exchange(self, refresh_token: str) -> tuple[_Token, dict[str, object]]:
        form = {**self._form, "refresh_token": refresh_token}
        return await self._post_token(self._url, form, "Workfront OAuth")

    async def apply(self, request: httpx.Request) -> None:
        request.headers["sessionID"] = await self.token()


class ImsAuth(_TokenAuth):
    def __init__(
        self,
        http: httpx.AsyncClient,
        ims_url: str,
        client_id: str,
        client_secret: str,
        scopes: str,
        org_id: str,
    ) -> None:
        super().__init__(http)
        self._url = f"{ims_url.rstrip('/')}/ims/token/v3"
        self._form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
            "scope": scopes,
        }
        self._org_id = org_id

    async def _fetch(self) -> _Token:
        token, _body = await self._post_token(self._url, self._form, "Adobe IMS")
        return token

    async def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Bearer {await self.token()}"
        request.headers["x-gw-ims-org-id"] = self._org_id
