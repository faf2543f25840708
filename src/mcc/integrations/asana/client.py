"""A small async HTTP client for Asana's REST API (reference §1-§4).

Envelopes: writes send `{"data": {...}}`, answers carry `{"data": ...}` and, for lists asked
with `limit`, `next_page: {offset}` (an opaque token) until the last page. `opt_fields` always
travels in the query string, for every method, as one comma-separated string.

Retries what is transient (transport errors, timeouts, 429, 5xx). A 429 waits what its
`Retry-After` header says (Asana's per-token quota is re-evaluated within the minute), anything
else backs off exponentially with full jitter. A create (POST) is retried only when it surely did
not happen (no connection, 429): otherwise the caller looks for what may exist before trying again
(a lost response must never make a second project). Everything else becomes a `LogicalError`
with Asana's own message (`errors[0].message`). It knows URLs and envelopes, not campaigns.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import httpx

from mcc.integrations.asana.auth import AsanaAuth
from mcc.integrations.retry import RetryLoop, failure, json_body
from mcc.integrations.workmgmt import LogicalError, TechnicalError

Params = Mapping[str, str | int]
PAGE_SIZE = 100  # Asana's largest `limit`
MAX_RETRY_AFTER_S = 60.0  # Asana's window is a minute: a longer wait is not worth holding on to


class AsanaClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        auth: AsanaAuth,
        *,
        concurrency: int = 10,
        max_retries: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")  # `…/api/1.0`: paths start with `/`
        self._transport = RetryLoop(
            http, auth, service="Asana", concurrency=concurrency, max_retries=max_retries,
            backoff_base=backoff_base, backoff_cap=backoff_cap, sleep=sleep, rng=rng,
            max_retry_after=MAX_RETRY_AFTER_S,
        )  # fmt: skip

    async def get(self, path: str, opt_fields: str | None = None, **params: str) -> dict[str, Any]:
        return _object(await self.call("GET", path, params=_params(params, opt_fields)))

    async def list_all(
        self, path: str, params: Params | None = None, opt_fields: str | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Every item, page by page, following `next_page.offset` until it is null (§4)."""
        query = {**_params(params or {}, opt_fields), "limit": PAGE_SIZE}
        while True:
            envelope = await self.call("GET", path, params=query, envelope=True)
            items = envelope.get("data")
            if not isinstance(items, list):
                raise LogicalError(f"Asana GET {path} returned no list")
            for item in items:
                if isinstance(item, dict):
                    yield item
            next_page = envelope.get("next_page")
            offset = next_page.get("offset") if isinstance(next_page, dict) else None
            if not offset:
                return
            query = {**query, "offset": str(offset)}

    async def post(
        self, path: str, data: Mapping[str, Any], opt_fields: str | None = None
    ) -> dict[str, Any]:
        return _object(
            await self.call("POST", path, params=_params({}, opt_fields), body={"data": data})
        )

    async def put(
        self, path: str, data: Mapping[str, Any], opt_fields: str | None = None
    ) -> dict[str, Any]:
        return _object(
            await self.call("PUT", path, params=_params({}, opt_fields), body={"data": data})
        )

    async def post_envelope(self, path: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """The whole answer: `POST /webhooks` puts the `X-Hook-Secret` beside `data`."""
        return _object(await self.call("POST", path, body={"data": data}, envelope=True))

    async def delete(self, path: str) -> None:
        await self.call("DELETE", path)

    async def call(
        self, method: str, path: str, *, params: Params | None = None, body: Any = None,
        envelope: bool = False,
    ) -> Any:  # fmt: skip
        """One call; its `data` (or the whole envelope), after retries as the module says."""
        url = f"{self.base_url}{path}"
        outcome = await self._transport.send(
            method, url, lambda response: _interpret(method, path, response),
            params=params, content=None if body is None else json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )  # fmt: skip
        return outcome if envelope else outcome["data"]


def _params(params: Mapping[str, str | int], opt_fields: str | None) -> dict[str, str | int]:
    query = dict(params)
    if opt_fields:
        query["opt_fields"] = opt_fields
    return query


def _object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise LogicalError(f"Asana returned {type(data).__name__} where an object was expected")
    return data


def _interpret(method: str, path: str, response: httpx.Response) -> Any:
    """The decoded envelope, or the error to raise (TechnicalError = retry)."""
    body = json_body(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    first = errors[0] if isinstance(errors, list) and errors else None
    message = first.get("message") if isinstance(first, dict) else None
    where = f"Asana {method} {path.split('?', 1)[0]}"
    failed = failure(where, response, message)
    if failed is not None:
        return failed
    if not isinstance(body, dict) or "data" not in body:
        return TechnicalError(f"{where} answered {response.status_code} without a data envelope")
    return body
