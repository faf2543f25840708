"""A small async HTTP client for Workfront's REST API (reference §2, §4, §5).

It pins an API version and sends through the shared retry loop (`mcc.integrations.retry`):
concurrency capped (Workfront limits it, 429 beyond), transient failures (transport errors,
timeouts, 429, 5xx) retried with exponential backoff and full jitter, a create (POST) retried
only when it surely did not happen (no connection, 429) — otherwise the caller decides, because
only it can look for what may have been created. Everything else becomes a typed `LogicalError`
carrying Workfront's own message. It knows URLs and envelopes, not campaigns: the adapter maps
meaning.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import httpx

from mcc.integrations.retry import RetryLoop, failure, json_body
from mcc.integrations.workfront.auth import WorkfrontAuth
from mcc.integrations.workmgmt import LogicalError, TechnicalError

Params = Mapping[str, str | int | list[str]]
MAX_PAGE = 2000  # Workfront's largest $$LIMIT


class WorkfrontClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        auth: WorkfrontAuth,
        *,
        version: str = "21.0",
        concurrency: int = 10,
        max_retries: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_url = f"{self.base_url}/attask/api/v{version}"
        self.subscriptions_url = f"{self.base_url}/attask/eventsubscription/api/v1/subscriptions"
        self._transport = RetryLoop(
            http, auth, service="Workfront", concurrency=concurrency, max_retries=max_retries,
            backoff_base=backoff_base, backoff_cap=backoff_cap, sleep=sleep, rng=rng,
        )  # fmt: skip

    # -- the REST API -------------------------------------------------------------------------

    async def get(self, obj: str, object_id: str, fields: str | None = None) -> dict[str, Any]:
        params = {"fields": fields} if fields else {}
        data = await self.call("GET", f"/{obj}/{object_id}", params=params)
        return _object(data)

    async def search(
        self, obj: str, filters: Params, *, fields: str | None = None, first: int = 0,
        limit: int = 100,
    ) -> list[dict[str, Any]]:  # fmt: skip
        params: dict[str, str | int | list[str]] = {**filters, "$$FIRST": first, "$$LIMIT": limit}
        if fields:
            params["fields"] = fields
        data = await self.call("GET", f"/{obj}/search", params=params)
        if not isinstance(data, list):
            raise LogicalError(f"Workfront search on {obj} returned {type(data).__name__}")
        return data

    async def search_all(
        self, obj: str, filters: Params, *, fields: str | None = None, page_size: int = 500
    ) -> AsyncIterator[dict[str, Any]]:
        """Every match, page by page. Sorted by ID so pages neither skip nor repeat (§4)."""
        sorted_filters = {"ID_Sort": "asc", **filters}
        first = 0
        while True:
            page = await self.search(
                obj, sorted_filters, fields=fields, first=first, limit=min(page_size, MAX_PAGE)
            )
            for item in page:
                yield item
            if len(page) < page_size:
                return
            first += len(page)

    async def create(
        self, obj: str, updates: Mapping[str, Any], fields: str | None = None
    ) -> dict[str, Any]:
        params = {"fields": fields} if fields else {}
        return _object(await self.call("POST", f"/{obj}", params=params, body=updates))

    async def update(
        self, obj: str, object_id: str, updates: Mapping[str, Any], fields: str | None = None
    ) -> dict[str, Any]:
        params = {"fields": fields} if fields else {}
        return _object(await self.call("PUT", f"/{obj}/{object_id}", params=params, body=updates))

    async def delete(self, obj: str, object_id: str) -> None:
        await self.call("DELETE", f"/{obj}/{object_id}")

    # -- event subscriptions (§8) ---------------------------------------------------------------

    async def list_subscriptions(self) -> list[dict[str, Any]]:
        """Every subscription, following the `meta.page_count` paging of the management API."""
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            body = await self._send(
                "GET", self.subscriptions_url, params={"page": page, "limit": 1000}
            )
            if not isinstance(body, dict) or not isinstance(body.get("subscriptions"), list):
                raise LogicalError("Workfront subscription list has an unexpected shape")
            found.extend(body["subscriptions"])
            meta = body.get("meta") or {}
            if page >= int(meta.get("page_count") or 1):
                return found
            page += 1

    async def create_subscription(self, subscription: Mapping[str, Any]) -> str:
        body = await self._send("POST", self.subscriptions_url, body=subscription)
        if isinstance(body, dict) and body.get("id"):
            return str(body["id"])
        raise LogicalError("Workfront created a subscription but returned no id")

    async def delete_subscription(self, subscription_id: str) -> None:
        await self._send("DELETE", f"{self.subscriptions_url}/{subscription_id}")

    # -- transport ------------------------------------------------------------------------------

    async def call(
        self, method: str, path: str, *, params: Params | None = None, body: Any = None
    ) -> Any:
        """One REST call; returns the `data` of Workfront's envelope."""
        envelope = await self._send(method, f"{self.api_url}{path}", params=params, body=body)
        if not isinstance(envelope, dict) or "data" not in envelope:
            raise LogicalError(f"Workfront {method} {path}: unexpected response shape")
        return envelope["data"]

    async def _send(
        self, method: str, url: str, *, params: Params | None = None, body: Any = None
    ) -> Any:
        return await self._transport.send(
            method, url, lambda response: _interpret(method, url, response), params=params,
            content=None if body is None else json.dumps(body),
            headers={"Content-Type": "application/json"} if body is not None else None,
        )  # fmt: skip


def _object(data: Any) -> dict[str, Any]:
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise LogicalError(f"Workfront returned {type(data).__name__} where an object was expected")
    return data


def _interpret(method: str, url: str, response: httpx.Response) -> Any:
    """The decoded body, or the error to raise (TechnicalError = retry)."""
    body = json_body(response)
    error = body.get("error") if isinstance(body, dict) else None
    message = (error or {}).get("message") if isinstance(error, dict) else None
    where = f"Workfront {method} {httpx.URL(url).path}"
    # Some Workfront errors arrive with 200 and an `error` body (reference §5).
    failed = failure(where, response, message, refused=bool(error))
    if failed is not None:
        return failed
    if body is None:
        status = response.status_code
        return TechnicalError(f"{where} answered {status} with a body that is not JSON")
    return body
