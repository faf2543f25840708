"""The Workfront client against the emulator: every auth method, errors, limits, date forms."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from mcc.integrations.workfront import mapping
from mcc.integrations.workfront.auth import ApiKeyAuth, ImsAuth, OAuthRefreshAuth
from mcc.integrations.workfront.client import WorkfrontClient
from mcc.integrations.workmgmt import (
    ExecutionStatus,
    LogicalError,
    RemoteNotFound,
    TaskStatus,
    TechnicalError,
)
from mcc.sandbox.workfront import DEFAULT_API_KEY
from tests.support.live import LiveServer


async def refresh_token(http: httpx.AsyncClient, base: str) -> str:
    """The authorization-code dance a Workfront admin does once when connecting MCC."""
    params = {"client_id": "mcc", "redirect_uri": "http://127.0.0.1/cb", "response_type": "code"}
    redirect = await http.get(f"{base}/integrations/oauth2/authorize", params=params)
    code = parse_qs(urlparse(redirect.headers["location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "client_id": "mcc",
            "client_secret": "s3cret"}  # fmt: skip
    tokens = (await http.post(f"{base}/integrations/oauth2/api/v1/token", data=form)).json()
    assert tokens["token_type"] == "sessionID"
    return str(tokens["refresh_token"])


async def test_oauth_refreshes_rotating_tokens_and_recovers_from_a_401(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    auth = OAuthRefreshAuth(http, emulator_server.url, "mcc", "s3cret",
                            await refresh_token(http, emulator_server.url))  # fmt: skip
    client = WorkfrontClient(http, emulator_server.url, auth, max_retries=0)
    assert isinstance(await client.search("PROJ", {}), list)
    session_id = await auth.token()
    # The session ends (expiry, an admin's logout): the next call gets 401, refreshes, succeeds.
    await http.get(f"{client.api_url}/logout", headers={"sessionID": session_id})
    assert isinstance(await client.search("PROJ", {}), list)
    assert await auth.token() != session_id


async def test_ims_server_to_server(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    auth = ImsAuth(http, emulator_server.url, "mcc", "s3cret", "openid", "ACME@AdobeOrg")
    client = WorkfrontClient(http, emulator_server.url, auth, max_retries=0)
    assert isinstance(await client.search("PROJ", {}), list)


async def test_a_wrong_key_is_a_logical_error_with_workfronts_message(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth("wrong"), max_retries=3)
    with pytest.raises(LogicalError) as raised:
        await client.search("PROJ", {})
    assert raised.value.status == 401
    assert "apiKey" in raised.value.message


async def test_errors_are_typed(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth(DEFAULT_API_KEY),
                             max_retries=0)  # fmt: skip
    with pytest.raises(RemoteNotFound):
        await client.get("PROJ", "0" * 32)
    with pytest.raises(LogicalError, match="does not support field"):
        await client.search("PROJ", {}, fields="noSuchField")
    with pytest.raises(LogicalError):
        await client.create("PROJ", {"name": "x", "status": "NOPE"})
    await emulator.post("/__emulator__/faults", json={"api_error_next": 1, "api_error_status": 503})
    with pytest.raises(TechnicalError) as raised:
        await client.search("PROJ", {})
    assert raised.value.status == 503


async def test_transient_errors_are_retried_with_backoff(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    delays: list[float] = []

    async def record(delay: float) -> None:
        delays.append(delay)

    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth(DEFAULT_API_KEY),
                             max_retries=4, backoff_base=1.0, sleep=record)  # fmt: skip
    await emulator.post("/__emulator__/faults", json={"api_error_next": 3, "api_error_status": 429})
    assert isinstance(await client.search("PROJ", {}), list)
    assert len(delays) == 3
    assert all(0 <= delay <= 2**attempt for attempt, delay in enumerate(delays))


async def test_the_concurrency_cap_keeps_under_workfronts_limit(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    await emulator.post("/__emulator__/faults",
                        json={"max_concurrent_requests": 3, "api_latency_ms": 30})  # fmt: skip
    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth(DEFAULT_API_KEY),
                             concurrency=3, max_retries=0)  # fmt: skip
    results = await asyncio.gather(*(client.search("PROJ", {}) for _ in range(12)))
    assert len(results) == 12  # with max_retries=0, a single 429 would have raised


async def test_paging_visits_every_project_once(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth(DEFAULT_API_KEY))
    created = {(await client.create("PROJ", {"name": f"P{i}"}))["ID"] for i in range(7)}
    rows = client.search_all("PROJ", {"name_Mod": "contains", "name": "P"}, page_size=3)
    seen = [row["ID"] async for row in rows]
    assert set(seen) >= created
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-15T09:00:00:000-0800", datetime(2026, 2, 15, 17, 0, tzinfo=UTC)),
        ("2017-10-06T13:48:07.776-0600", datetime(2017, 10, 6, 19, 48, 7, 776000, tzinfo=UTC)),
        ("2020-05-13T18:18:37.255Z", datetime(2020, 5, 13, 18, 18, 37, 255000, tzinfo=UTC)),
        ("2026-01-01", datetime(2026, 1, 1, tzinfo=UTC)),
        (
            {"epochSecond": 1767225600, "nano": 5000000},
            datetime(2026, 1, 1, 0, 0, 0, 5000, tzinfo=UTC),
        ),
        (None, None),
    ],
)
def test_workfront_date_forms(value: object, expected: datetime | None) -> None:
    assert mapping.parse_datetime(value) == expected


def test_dates_keep_the_calendar_day_workfront_wrote() -> None:
    assert mapping.parse_date("2026-02-15T23:30:00:000-0800") == date(2026, 2, 15)
    with pytest.raises(ValueError, match="not a Workfront date"):
        mapping.parse_date("15/02/2026")


def test_statuses_map_by_base_code() -> None:
    assert mapping.project_status("CUR") is ExecutionStatus.ACTIVE
    assert mapping.project_status("ONH:A") is ExecutionStatus.ON_HOLD
    assert mapping.project_status("REJ") is ExecutionStatus.CANCELLED
    assert mapping.project_status("WSX") is None  # a tenant's custom code: keep what we have
    assert mapping.task_status("CPL") is TaskStatus.COMPLETE


async def test_a_create_that_may_have_happened_is_not_retried(
    emulator: httpx.AsyncClient, emulator_server: LiveServer, http: httpx.AsyncClient
) -> None:
    client = WorkfrontClient(http, emulator_server.url, ApiKeyAuth(DEFAULT_API_KEY),
                             max_retries=3, backoff_base=0.0)  # fmt: skip
    await emulator.post("/__emulator__/faults", json={"api_error_next": 1, "api_error_status": 500})
    with pytest.raises(TechnicalError):  # the caller (the outbox) looks before trying again
        await client.create("PROJ", {"name": "Maybe made"})
    await emulator.post("/__emulator__/faults", json={"api_error_next": 2, "api_error_status": 429})
    created = await client.create("PROJ", {"name": "Throttled, then made"})  # 429: not processed
    assert created["name"] == "Throttled, then made"
