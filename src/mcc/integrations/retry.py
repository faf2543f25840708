"""The retry loop both work-management clients (Workfront, Asana) send every request through.

It caps concurrent requests (both services answer 429 beyond a limit), refreshes the
credentials once on a 401, and retries what is transient — transport errors, timeouts, and
whatever the client's ``interpret`` turns into a `TechnicalError` (429, 5xx) — with exponential
backoff and full jitter, or, where the client honours it, the wait a 429's ``Retry-After``
names. A create (POST) is retried only when it surely did not happen (no connection, 429):
otherwise the failure is raised and the caller looks for what may exist before trying again,
because a lost response must never make a second project. Anything else ``interpret`` returns
as an exception (a `LogicalError`) is raised at once; any other value is the answer.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import httpx

from mcc.integrations.workmgmt import (
    LogicalError,
    RemoteNotFound,
    TechnicalError,
    WorkManagementError,
)
from mcc.logging import get_logger

log = get_logger(__name__)


class RequestAuth(Protocol):
    """How a client signs a request, and drops credentials the service refused."""

    async def apply(self, request: httpx.Request) -> None: ...

    async def invalidate(self) -> bool:
        """Forget the credentials; True when fresh ones can be had (so a retry may work)."""
        ...


class RetryLoop:
    """One client's transport: its connection pool, credentials, concurrency cap and backoff.

    ``service`` names it in errors and log events (``workfront.retry``); ``max_retry_after`` set
    means a 429's ``Retry-After`` is waited (up to that many seconds) instead of the backoff.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        auth: RequestAuth,
        *,
        service: str,
        concurrency: int,
        max_retries: int,
        backoff_base: float,
        backoff_cap: float,
        sleep: Callable[[float], Awaitable[None]],
        rng: random.Random | None,
        max_retry_after: float | None = None,
    ) -> None:
        self._http = http
        self._auth = auth
        self._service = service
        self._slots = asyncio.Semaphore(concurrency)
        self._max_retries = max_retries
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not security
        self._max_retry_after = max_retry_after

    async def send(
        self, method: str, url: str, interpret: Callable[[httpx.Response], Any], *,
        params: Mapping[str, Any] | None = None, content: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:  # fmt: skip
        """The value ``interpret`` makes of the answer, after retries as the module says."""
        name = self._service.lower()
        refreshed = False
        attempt = 0
        while True:
            request = self._http.build_request(
                method, url, params=dict(params or {}), content=content, headers=headers
            )
            await self._auth.apply(request)
            started = time.perf_counter()
            retry_after: float | None = None
            try:
                async with self._slots:
                    response = await self._http.send(request)
            except httpx.TransportError as error:
                failure: Exception = TechnicalError(f"{self._service} unreachable: {error!r}")
                # Before the request left (no connection), nothing happened; after, it may have.
                unknown_outcome = not isinstance(error, httpx.ConnectError)
            else:
                log.debug(f"{name}.request", method=method, url=url, status=response.status_code,
                          ms=round((time.perf_counter() - started) * 1000, 1))  # fmt: skip
                if response.status_code == 401 and not refreshed and await self._auth.invalidate():
                    refreshed = True
                    continue
                outcome = interpret(response)
                if not isinstance(outcome, TechnicalError):
                    if isinstance(outcome, Exception):
                        raise outcome
                    return outcome
                failure = outcome
                # 429 means "not processed"; a 5xx may come after the object was created.
                unknown_outcome = response.status_code != 429
                if self._max_retry_after is not None:
                    retry_after = _retry_after(response)
            if (method == "POST" and unknown_outcome) or attempt >= self._max_retries:
                raise failure
            delay = self._delay(attempt, retry_after)
            attempt += 1
            log.info(f"{name}.retry", method=method, url=url, attempt=attempt,
                     delay_s=round(delay, 2), reason=str(failure))  # fmt: skip
            await self._sleep(delay)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None and self._max_retry_after is not None:
            return min(self._max_retry_after, retry_after)
        return self._rng.uniform(0, min(self._backoff_cap, self._backoff_base * 2**attempt))


def _retry_after(response: httpx.Response) -> float | None:
    """The seconds a ``Retry-After`` header asks for (the number form), or None."""
    value = response.headers.get("retry-after", "")
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def json_body(response: httpx.Response) -> Any:
    """The answer's JSON (``{}`` when empty), or None when it is not JSON."""
    try:
        return response.json() if response.content else {}
    except ValueError:
        return None


def failure(
    where: str, response: httpx.Response, message: str | None, *, refused: bool = False
) -> WorkManagementError | None:
    """The technical/logical split of an answer: 429 and 5xx are a `TechnicalError` (retry),
    404 a `RemoteNotFound`, another 4xx — or ``refused``, an error the service put in a 2xx
    body — a `LogicalError` carrying the service's ``message``; None for a success."""
    status = response.status_code
    if status == 429 or status >= 500:
        return TechnicalError(f"{where} answered {status}: {message or 'try again later'}",
                              status=status, detail=response.text[:500])  # fmt: skip
    if status == 404:
        return RemoteNotFound(f"{where}: {message or 'not found'}", status=status)
    if status >= 400 or refused:
        return LogicalError(f"{where} refused: {message or f'HTTP {status}'}", status=status,
                            detail=response.text[:500])  # fmt: skip
    return None
