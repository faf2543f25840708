"""Chromium signs in with SSO: the MCC sign-in page, the identity provider's own form, back to
the dashboard as a JIT account in the right team; then signs out and the live feed is gone.

The identity-provider emulator runs in this process on loopback; MCC is its own process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page, expect

from mcc import migrations
from mcc.db import Database
from mcc.sandbox.oidc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from mcc.sandbox.oidc.app import create_oidc_emulator
from mcc.sandbox.oidc.provider import IdentityProvider, User
from tests.e2e.pages import SCREENSHOTS
from tests.support.live import LiveServer
from tests.support.server import mcc_serve


async def _migrate(url: str) -> None:
    database = Database.from_url(url)
    try:
        await migrations.upgrade(database.engine)
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_oidc_emulator("http://placeholder")
    idp = LiveServer(app).start()
    provider: IdentityProvider = app.state.idp
    provider.issuer = idp.url
    provider.users["ana@corp.test"] = User("ana@corp.test", "idp secret", ["mcc-emea-marketers"])
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sso') / 'mcc.db'}"
    asyncio.run(_migrate(url))
    env = {"MCC_EMBEDDER": "none", "MCC_LOG_LEVEL": "WARNING", "MCC_OIDC_ISSUER": idp.url,
           "MCC_OIDC_CLIENT_ID": DEFAULT_CLIENT_ID,
           "MCC_OIDC_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
           "MCC_OIDC_GROUPS": "mcc-emea-marketers=EMEA:marketer",
           "MCC_LOCAL_PASSWORDS": "false"}  # fmt: skip
    try:
        with mcc_serve(url, env=env) as running:
            yield running.url
    finally:
        idp.stop()


@pytest.fixture
async def fresh_page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 860})
    page = await context.new_page()
    yield page
    await context.close()


async def test_sign_in_with_sso_in_chromium(sso_server: str, fresh_page: Page) -> None:
    page = fresh_page
    try:
        await page.goto(f"{sso_server}/chat")
        assert "/signin" in page.url
        await expect(page.get_by_label("Password")).to_have_count(0)  # SSO only
        await page.get_by_role("link", name="Sign in with SSO").click()
        await expect(
            page.get_by_role("heading", name="Sign in to the identity provider")
        ).to_be_visible()
        await page.locator("#idp-email").fill("ana@corp.test")
        await page.locator("#idp-password").fill("idp secret")
        await page.locator("#idp-submit").click()
        await expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        assert page.url == f"{sso_server}/chat"
        await page.get_by_role("button", name="Sign out").click()
        await expect(page.get_by_role("link", name="Sign in with SSO")).to_be_visible()
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "failed-sso.png"))
        raise
