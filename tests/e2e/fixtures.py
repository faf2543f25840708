"""Browser fixtures: real `mcc serve` processes and one Debian Chromium for the whole session.

A server runs on a free loopback port with a temporary SQLite database and data directory,
synced with its own emulator: Workfront for `server`, Asana for `asana_mcc_server`; flows that
must work on every backend take `backend_server`/`backend_page`, parametrised over both;
the browser is `/usr/bin/chromium` (never a downloaded build). Each test gets a fresh browser
context signed in from a stored session, fails on any console error, and leaves a screenshot
under `artifacts/screenshots/` when it fails.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, async_playwright

from mcc import migrations
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.sandbox.launch import start_asana_emulator, start_workfront_emulator
from mcc.sandbox.workfront import DEFAULT_API_KEY
from tests.e2e import CHROMIUM
from tests.e2e.pages import SCREENSHOTS, Server, SignInPage
from tests.support.net import free_port
from tests.support.server import mcc_serve

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
EMAIL, PASSWORD = "e2e@mcc.test", "e2e password 123"
EXPECTED_STATUS = re.compile(
    r"Failed to load resource: the server responded with a status of 4\d\d"
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.stash[FAILED] = report.failed


FAILED = pytest.StashKey[bool]()


async def _prepare(url: str) -> str:
    """Migrate the database and create the test admin; returns an API token for set-up calls."""
    database = Database.from_url(url)
    try:
        await migrations.upgrade(database.engine)
        async with database.write() as session:
            service = AuthService(session)
            user = await service.create_user(EMAIL, PASSWORD, role=Role.ADMIN)
            return await service.create_api_token(user, "e2e")
    finally:
        await database.dispose()


@contextmanager
def _running(data: Path, backend: str) -> Iterator[Server]:
    """One `mcc serve` synced with its own emulator (Workfront or Asana), webhooks subscribed
    at start, as in `mcc demo`."""
    url = f"sqlite+aiosqlite:///{data / 'mcc.db'}"
    token = asyncio.run(_prepare(url))
    port, emulator_port = free_port(), free_port()
    emulator_url = f"http://127.0.0.1:{emulator_port}"
    env = {"MCC_DATA_DIR": str(data), "MCC_LOG_LEVEL": "WARNING", "MCC_ENV": "test",
           # BM25 only: background embedding would compete with the browser for 2 cores.
           "MCC_EMBEDDER": "none", "MCC_PUBLIC_URL": f"http://127.0.0.1:{port}",
           "MCC_OUTBOX_POLL_SECONDS": "0.2", "MCC_WORKMGMT_BACKEND": backend}  # fmt: skip
    if backend == "asana":
        emulator = start_asana_emulator("127.0.0.1", emulator_port, data / "asana.db")
        info = httpx.get(f"{emulator_url}/__emulator__/info", timeout=10).json()
        env |= {
            "MCC_ASANA_URL": info["api"], "MCC_ASANA_TOKEN": info["token"],
            "MCC_ASANA_WORKSPACE": info["workspace"], "MCC_ASANA_TEAM": info["team"],
        }  # fmt: skip
    else:
        emulator = start_workfront_emulator("127.0.0.1", emulator_port, data / "workfront.db")
        env |= {"MCC_WORKFRONT_URL": emulator_url, "MCC_WORKFRONT_API_KEY": DEFAULT_API_KEY}
    workfront, asana = (emulator_url, "") if backend == "workfront" else ("", emulator_url)
    try:
        with mcc_serve(url, env=env, port=port) as running:
            yield Server(running.url, token, EMAIL, PASSWORD, workfront, url, asana)
    finally:
        emulator.terminate()
        emulator.wait(timeout=15)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server most tests use: synced with the Workfront emulator."""
    with _running(tmp_path_factory.mktemp("e2e"), "workfront") as running:
        yield running


@pytest.fixture(scope="session")
def asana_mcc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second server, synced with the Asana emulator (started only when a test asks)."""
    with _running(tmp_path_factory.mktemp("e2e-asana"), "asana") as running:
        yield running


@pytest.fixture(params=["workfront", "asana"])
def backend_server(request: pytest.FixtureRequest) -> Server:
    """Each work-management backend's server in turn, for the flows that run once per backend."""
    name = "server" if request.param == "workfront" else "asana_mcc_server"
    found: Server = request.getfixturevalue(name)
    return found


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        await chromium.close()


@pytest.fixture(scope="session")
async def signed_in_state(browser: Browser, server: Server) -> dict[str, Any]:
    """Sign in through the real form once; tests start from its cookies."""
    context = await browser.new_context()
    page = await context.new_page()
    await SignInPage(page, server).sign_in(server.email, server.password)
    state: dict[str, Any] = dict(await context.storage_state())
    await context.close()
    return state


def _is_problem(message: ConsoleMessage) -> bool:
    """A console error, except Chromium's note on an expected 4xx answer (a refused sign-in, a
    422 with inline errors): those are the server doing its job, not a script failing."""
    return message.type == "error" and not EXPECTED_STATUS.match(message.text)


async def _watched_page(
    context: BrowserContext, request: pytest.FixtureRequest
) -> AsyncIterator[Page]:
    page = await context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if _is_problem(m) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    if request.node.stash.get(FAILED, False):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / f"failed-{request.node.name}.png"))
    await context.close()
    assert problems == [], f"console errors: {problems}"


@pytest.fixture
async def page(
    browser: Browser, signed_in_state: dict[str, Any], request: pytest.FixtureRequest
) -> AsyncIterator[Page]:
    context = await browser.new_context(
        storage_state=signed_in_state,  # type: ignore[arg-type]
        viewport={"width": 1280, "height": 860},
    )
    async for watched in _watched_page(context, request):
        yield watched


@pytest.fixture
async def backend_page(
    browser: Browser, backend_server: Server, request: pytest.FixtureRequest
) -> AsyncIterator[Page]:
    """A page signed in to `backend_server` through the real form."""
    context = await browser.new_context(viewport={"width": 1280, "height": 860})
    signing_in = await context.new_page()
    await SignInPage(signing_in, backend_server).sign_in(backend_server.email,
                                                         backend_server.password)  # fmt: skip
    await signing_in.close()
    async for watched in _watched_page(context, request):
        yield watched


@pytest.fixture
async def anonymous_page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 860})
    async for watched in _watched_page(context, request):
        yield watched
