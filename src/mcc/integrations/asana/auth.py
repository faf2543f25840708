"""The two ways to authenticate to Asana (reference §1): both end as `Authorization: Bearer`.

- Personal access token: sent as is; a 401 means it is wrong or revoked (nothing to refresh).
- OAuth: the app's long-lived refresh token is exchanged at `/-/oauth_token` for an access token
  that lasts an hour; it is cached until shortly before it expires and fetched again once after a
  401 (revoked early). Asana does not rotate refresh tokens, so nothing needs storing.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import httpx

from mcc.integrations.workmgmt import LogicalError, TechnicalError

EXPIRY_MARGIN_S = 60.0  # refresh this long before expiry: a request never carries a dying token


class AsanaAuth(Protocol):
    async def apply(self, request: httpx.Request) -> None:
        """Add credentials to an outgoing request (fetching a token first if needed)."""
        ...

    async def invalidate(self) -> bool:
        """Forget a rejected credential; True if a retry with a fresh one makes sense."""
        ...


class PatAuth:
    def __init__(self, token: str) -> None:
        self._token = token

    async def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Bearer {self._token}"

    async def invalidate(self) -> bool:
        return False


class OAuthRefreshAuth:
    def __init__(
        self,
        http: httpx.AsyncClient,
        token_url: str,
        client_id: str,
        client_secret: str,
        refresh_token: str,
    ) -> None:
        self._http = http
        self._url = token_url
        self._form = {
            "grant_type": "refresh_token",
            "client_id": client_id,
            "client_secret": client_secret,
            "refresh_token": refresh_token,
        }
        self._token: tuple[str, float] | None = None  # value, monotonic expiry
        self._lock = asyncio.Lock()  # one refresh at a time, shared by concurrent requests

    async def _fetch(self) -> tuple[str, float]:
        try:
            response = await self._http.post(self._url, data=self._form)
        except httpx.TransportError as error:
            raise TechnicalError(f"Asana OAuth token endpoint unreachable: {error!r}") from error
        if response.status_code == 429 or response.status_code >= 500:
            raise TechnicalError(f"Asana OAuth token endpoint answered {response.status_code}")
        try:
            body = response.json()
            token = str(body["access_token"])
            expires_in = float(body.get("expires_in") or 3600)
        except (ValueError, KeyError, TypeError):
            body, token, expires_in = None, "", 0.0
        if response.status_code != 200 or not token:
            raise LogicalError(
                f"Asana OAuth refused the credentials ({response.status_code}); check the "
                "MCC_ASANA_OAUTH_* settings",
                status=response.status_code,
                detail=response.text[:500],
            )
        return token, time.monotonic() + expires_in

    async def token(self) -> str:
        async with self._lock:
            if self._token is None or self._token[1] - EXPIRY_MARGIN_S <= time.monotonic():
                self._token = await self._fetch()
            return self._token[0]

    async def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Bearer {await self.token()}"

    async def invalidate(self) -> bool:
        async with self._lock:
            self._token = None
        return True
