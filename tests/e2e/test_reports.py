"""The Reports page in Chromium against a real server: the Metrics Summary, the charts with
their numbers, the PDF download, the period filter, and a print layout without navigation; and
a server of the sample pilot (`mcc demo --pilot`), whose page is saved as
`artifacts/screenshots/reports.png` (copied by hand to `docs/screenshots/` for the README: a test
run never rewrites a tracked file)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from tests.e2e.pages import Server, SignInPage, screenshot
from tests.support.server import mcc_serve


async def test_the_reports_page_shows_the_pilot_and_downloads_it(
    page: Page, server: Server
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 900})
    await page.goto(server.base + "/")
    await page.get_by_role("link", name="Reports", exact=True).click()
    await expect(page).to_have_url(server.base + "/reports")
    await expect(page.get_by_role("heading", name="Pilot report", level=1)).to_be_visible()
    table = page.locator("table.metrics")
    await expect(table.locator("tbody tr")).to_have_count(6)
    for metric in ("Campaign creation time", "Sync latency", "User satisfaction",
                   "System availability", "Knowledge relevance"):  # fmt: skip
        await expect(table.get_by_role("rowheader", name=metric)).to_be_visible()
    await expect(page.locator("#go-line")).to_contain_text("GO")
    await expect(page.locator("#report-scope")).to_contain_text("Figures of Whole organisation")
    charts = page.locator("figure.chart svg[role=img]")
    assert await charts.count() >= 4
    await expect(page.locator("#chart-creation figcaption")).to_contain_text(
        "Campaign creation time"
    )

    async with page.expect_download() as pending:
        await page.get_by_role("link", name="Download PDF").click()
    download = await pending.value
    saved = await download.path()
    assert Path(saved).read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename.startswith("pilot-report-")

    await page.get_by_label("Since").fill("2026-01-05")
    await page.get_by_role("button", name="Show").click()
    await expect(page).to_have_url(server.base + "/reports?since=2026-01-05")
    await expect(page.get_by_role("link", name="Download PDF")).to_have_attribute(
        "href", "/reports/pilot.pdf?since=2026-01-05"
    )
    await expect(page.locator(".report-head p")).to_contain_text("From 2026-01-05")

    await page.emulate_media(media="print")
    await expect(page.locator("header.topbar")).to_be_hidden()
    await expect(page.locator("form.report-controls")).to_be_hidden()
    await expect(page.locator("table.metrics")).to_be_visible()


LEAD, LEAD_PASSWORD = "lead@mcc.test", "pilot report 123"


async def _add_viewer(url: str) -> None:
    database = Database.from_url(url)
    try:
        async with database.write() as session:
            await AuthService(session).create_user(LEAD, LEAD_PASSWORD, role=Role.VIEWER)
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def pilot_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`mcc demo --pilot --no-serve` into a fresh data directory, then `mcc serve` on it."""
    data = tmp_path_factory.mktemp("pilot")
    env = {**os.environ, "MCC_DATA_DIR": str(data), "MCC_LOG_LEVEL": "WARNING"}
    env.pop("MCC_DATABASE_URL", None)
    command = [sys.executable, "-m", "mcc", "demo", "--pilot", "--no-serve"]
    subprocess.run(command, env=env, check=True, timeout=900, capture_output=True)
    pilot = data / "demo-pilot"
    url = f"sqlite+aiosqlite:///{(pilot / 'mcc.db').resolve()}"
    asyncio.run(_add_viewer(url))
    settings = {"MCC_DATA_DIR": str(pilot), "MCC_EMBEDDER": "none", "MCC_LOG_LEVEL": "WARNING"}
    with mcc_serve(url, env=settings) as running:
        yield Server(running.url, "", LEAD, LEAD_PASSWORD, "", url)


async def test_the_sample_pilot_on_the_reports_page(browser: Browser, pilot_server: Server) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await SignInPage(page, pilot_server).sign_in(LEAD, LEAD_PASSWORD)
    await expect(page.locator("p.sample-strip")).to_contain_text("SAMPLE DATA")
    await page.get_by_role("link", name="Reports", exact=True).click()
    banner = page.locator("p.sample-banner")
    await expect(banner).to_have_text("SAMPLE DATA — demo pilot")
    await expect(page.locator("table.metrics tbody tr")).to_have_count(6)
    # A viewer's report is their team's: the demo's marketers are all in the default team.
    await expect(page.locator("#report-scope")).to_contain_text("Figures of Teams: General")
    await expect(page.locator(".sample-tag")).to_have_count(3)
    await screenshot(page, "reports")
    await context.close()
